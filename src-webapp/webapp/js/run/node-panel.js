/**
 * run/node-panel.js: the selected step's details (state, kind, times, error, merge waits, form values) and, for a
 * task, its log: read page by page from this host's log API, searchable on the host, each line linkable.
 */
import { rerunFromHere } from '../rerun.js';
import { h, replace } from '../dom.js';
import { API_BASE, ApiError } from '../api.js';
import { parseTime } from '../format.js';
import { agoTime, tookTime } from '../runs.js';
import { STATES } from '../run-graph.js';
import { LogModel, LogView } from '../log-view.js';

export class NodePanel {
  /**
   * {@code base}: the run's API path; {@code lineHref(id, n)}: the page link of line n of node id;
   * {@code onLine(id, n)}: a person picked a line; {@code focusInput(id)}: go to a waiting node's form.
   */
  constructor({ ctx, base, fid, lineHref, onLine, focusInput }) {
    Object.assign(this, { ctx, base, fid, lineHref, onLine, focusInput });
    this.el = h('section', { class: 'detail', 'aria-labelledby': 'sec-detail' });
    this.logApi = true;     // false once this host says it does not have the run's logs (it runs elsewhere)
    this.logs = new Map();  // node id -> LogModel, kept while on the page so switching back is instant
    this.shown = null;      // { id, head, facts, extra, logView }
    this.model = null;
    this.id = null;
  }

  /** Shows node {@code id} (null: the hint), rebuilding the panel; with {@code line} that log line is shown. */
  show(id, line = 0) {
    this.id = id;
    this.draw(true);
    if (line && this.shown && this.shown.logView) this.shown.logView.showLine(line);
  }

  update(model) {
    this.model = model;
    this.draw(false);
  }

  draw(rebuild) {
    const n = this.id && this.model && this.model.node(this.id);
    if (!n) {
      this.drop();
      replace(this.el, h('h2', { id: 'sec-detail', class: 'sr-only' }, 'Step details'),
        h('p', { class: 'muted hint' }, 'Select a step (click it, or Tab to the graph and use the arrow keys and Enter) to see its details and log.'));
      return;
    }
    if (rebuild || !this.shown || this.shown.id !== n.ID) {
      this.drop();
      this.shown = { id: n.ID, head: h('div', { class: 'detail-head' }), facts: h('dl', { class: 'facts' }), extra: h('div'), logView: null };
      const parts = [this.shown.head, this.shown.facts, this.shown.extra];
      if (hasLog(n)) {
        this.shown.logView = this.makeLogView(n);
        parts.push(this.shown.logView.el);
      }
      replace(this.el, parts);
      if (this.shown.logView) {
        this.shown.logView.attached();
        this.shown.logView.poke();
      }
    }
    const state = this.model.state(n.ID);
    replace(this.shown.head, h('h2', { id: 'sec-detail' }, n.Name || n.ID),
      h('span', { class: `badge state-${state}` }, describe(n, state)));
    const rows = [['ID', h('code', null, n.ID)], ['Kind', `${n.Class || ''} ${n.Type || ''}`.trim()]];
    if (parseTime(n.Started)) rows.push(['Started', agoTime(n.Started)]);
    if (parseTime(n.Started) && n.Class !== 'trigger') rows.push(['Took', tookTime(n.Started, n.Stopped)]);
    replace(this.shown.facts, rows.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
    replace(this.shown.extra, this.extra(n));
  }

  /** A live log line of node {@code id}: the shown log reads on; a log followed through events keeps it. */
  logLine(id, line) {
    if (this.shown && this.shown.id === id && this.shown.logView) this.shown.logView.poke(line);
    else if (!this.logApi && this.logs.has(id)) this.logs.get(id).append(line);
  }

  /** After a gap in the events: lines missed meanwhile are read again. */
  resync() {
    for (const [id] of this.logs) if (!this.shown || this.shown.id !== id) this.logs.delete(id);
    if (this.shown && this.shown.logView) this.shown.logView.poke();
  }

  extra(n) {
    if (n.Class === 'merge') {
      const waits = n.Waits || {};
      return [h('p', null, n.Type === 'any' ? 'Goes on when any of these has happened:' : 'Goes on when all of these have happened:'),
        h('ul', { class: 'waits' }, Object.keys(waits).map(tag => h('li', { class: waits[tag] ? 'got' : 'not-yet' },
          h('span', { class: 'mark', 'aria-hidden': 'true' }, waits[tag] ? '✓' : '○'), ' ', h('code', null, tag), ' ',
          h('span', { class: 'muted' }, waits[tag] ? 'received' : 'not yet'))))];
    }
    const out = [];
    if (n.Error) out.push(h('pre', { class: 'node-error' }, n.Error));
    if (n.Type === 'data' || (n.Fields && n.Fields.length)) {
      if (n.Enabled && n.Class !== 'trigger' && !this.model.ended) {
        out.push(h('p', null, 'This step waits for input: ',
          h('button', { type: 'button', class: 'quiet', on: { click: () => this.focusInput(n.ID) } }, 'fill in its form'), '.'));
      }
      if (n.Title) out.push(h('p', { class: 'form-title' }, n.Title));
      if ((n.Fields || []).length) {
        out.push(h('dl', { class: 'values' }, n.Fields.map(f => h('div', null, h('dt', null, f.prompt || f.id),
          h('dd', null, secret(f) ? '••••••' : f.value || '—')))));
      }
    }
    if (n.Type === 'end') out.push(h('p', { class: 'muted' }, 'Reaching this step ends the run.'));
    out.push(rerunFromHere(this.ctx, this.base, this.fid, this.model.summary, n, this.model.state(n.ID)));
    return out;
  }

  logModel(n) {
    let m = this.logs.get(n.ID);
    if (!m) {
      m = new LogModel();
      const tail = n.Logs || [];
      // the dashboard reads the run without log tails; a view from elsewhere may still carry one
      if (tail.length) {
        const total = Math.max(n.LogLines || 0, tail.length);
        m.put(total - tail.length, tail);
        m.total = total;
      }
      this.logs.set(n.ID, m);
    }
    return m;
  }

  makeLogView(n) {
    const path = `${this.base}/nodes/${encodeURIComponent(n.ID)}/log`;
    const api = this.ctx.api;
    const load = this.logApi ? async (from, max) => {
      try {
        return await api.get(`${path}?from=${from}&max=${max}`, { quiet: true });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404 && this.logApi) {
          // the run executes on another host: follow its events instead of this host's log files
          this.logApi = false;
          setTimeout(() => this.draw(true), 0);
        }
        throw e;
      }
    } : null;
    const search = this.logApi ? (text, from) => api.get(`${path}/search?q=${encodeURIComponent(text)}&from=${from}`)
      : null;
    return new LogView(this.logModel(n), {
      load, search, label: `Log of ${n.Name || n.ID}`, unavailable: 'earlier lines are on the host that ran this step',
      downloadUrl: this.logApi ? `${API_BASE}${path}` : null,
      lineHref: line => this.lineHref(n.ID, line), onLine: line => this.onLine(n.ID, line),
    });
  }

  drop() {
    if (this.shown && this.shown.logView) this.shown.logView.destroy();
    this.shown = null;
  }
}

/** What a node's state says in words: a merge's count of waits, a data node's need for input. */
export function describe(n, state) {
  if (state === 'waiting' && n.Class === 'merge' && n.Waits) {
    const all = Object.keys(n.Waits);
    return `waiting ${all.filter(k => n.Waits[k]).length}/${all.length}`;
  }
  if (state === 'waiting' && n.Enabled) return 'needs input';
  return STATES[state] || state;
}

function hasLog(n) {
  return n.Class === 'task' && n.Type !== 'data' && n.Type !== 'end';
}

/** A password field's value is not shown again (it is still in the run's record on the host). */
function secret(f) {
  return String(f.type || '').toLowerCase() === 'password' && !!f.value;
}
