/**
 * run/head.js: the run's header: its status badge, facts (started, took, host, who started it, why it ended), and its
 * actions: cancel (with a confirmation) while it runs, re-run once it ended.
 */
import { h, paths, replace } from '../dom.js';
import { parseTime } from '../format.js';
import { agoTime, runState, startedBy, statusBadge, tookTime } from '../runs.js';
import { rerunFromFailed } from '../rerun.js';

const WORDS = { good: 'Success', bad: 'Failed', cancelled: 'Cancelled', running: 'Running', pending: 'Pending' };

export class RunHead {
  /** {@code base}: the run's API path; {@code ctx}: the app (api, router); {@code fid}: its flow. */
  constructor({ base, ctx, fid, refresh }) {
    this.base = base;
    this.ctx = ctx;
    this.fid = fid;
    this.refresh = refresh;
    this.title = h('h1');
    this.badge = h('span', { class: 'run-status', role: 'status' });
    this.facts = h('dl', { class: 'facts' });
    this.actions = h('div', { class: 'actions' });
    this.el = h('header', { class: 'run-head' }, h('div', { class: 'run-title' }, this.title, this.badge), this.facts,
      this.actions);
    this.summary = {};
  }

  update(model) {
    const s = model.summary;
    this.summary = s;
    this.title.textContent = model.view.Name || `${model.view.FlowName} ${runId(s)}`;
    const st = runState(s);
    replace(this.badge, statusBadge(st, WORDS[st]));
    const rows = [
      ['Started', agoTime(s.StartTime && parseTime(s.StartTime) ? s.StartTime : s.Adopted)],
      ['Took', tookTime(s.StartTime, s.Ended ? s.EndTime : null)],
      ['Host', s.ExecHost || '—'],
      ['Started by', startedBy(s) || '—'],
    ];
    if (s.Reason) rows.push(['Ended', s.Reason]);
    replace(this.facts, rows.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
    this.showActions();
  }

  showActions() {
    const s = this.summary;
    if (!s.Ended && !this.actions.querySelector('.confirm, .cancel')) {
      replace(this.actions, h('button', { type: 'button', class: 'danger cancel', on: { click: () => this.confirmCancel() } },
        'Cancel run'));
    } else if (s.Ended && !this.actions.querySelector('.rerun')) {
      replace(this.actions, this.rerunButton(), rerunFromFailed(this.ctx, this.base, this.fid, s));
    }
  }

  /** Re-run: a new run of this run's flow definition with the same trigger values; the page moves to it. */
  rerunButton() {
    const msg = h('span', { class: 'form-status', role: 'status' });
    const button = h('button', { type: 'button', class: 'rerun', on: { click: doRerun } }, 'Re-run');
    const { ctx, base, fid } = this;
    return h('div', { class: 'rerun-group' }, button, msg);

    async function doRerun() {
      button.disabled = true;
      msg.textContent = 'Starting…';
      try {
        const r = await ctx.api.post(`${base}/rerun`, {});
        ctx.router.go(paths.run(fid, r.Run));
      } catch (e) {
        msg.className = 'form-status error';
        msg.textContent = `Not re-run: ${e.message}`;
        button.disabled = false;
      }
    }
  }

  confirmCancel() {
    const msg = h('p', { class: 'form-status', role: 'status' });
    const yes = h('button', { type: 'button', class: 'danger', on: { click: () => doCancel() } }, 'Yes, cancel the run');
    const no = h('button', { type: 'button', class: 'quiet', on: { click: () => { this.actions.replaceChildren(); this.showActions(); } } },
      'Keep it running');
    replace(this.actions, h('div', { class: 'confirm', role: 'group', 'aria-label': 'Confirm cancel' },
      h('span', null, 'Cancel this run? Running tasks are stopped.'), yes, no, msg));
    yes.focus();
    const doCancel = async () => {
      yes.disabled = true;
      msg.textContent = 'Cancelling…';
      try {
        await this.ctx.api.post(`${this.base}/cancel`, {});
        this.actions.replaceChildren();
        this.refresh();
      } catch (e) {
        msg.className = 'form-status error';
        msg.textContent = `Not cancelled: ${e.message}`;
        yes.disabled = false;
      }
    };
  }
}

function runId(s) {
  const r = s.Ref && s.Ref.Run;
  return r && r.ID ? `${r.HostID}-${r.ID}` : '';
}
