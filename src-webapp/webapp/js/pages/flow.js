/**
 * A flow's page: its triggers (with a form to start a run), a chart of its recent runs, a filter (kept in the address)
 * and its runs: active, pending and the paged archive.
 */
import { h, paths, replace } from '../dom.js';
import { ApiError } from '../api.js';
import { eventRun } from '../live.js';
import { dataForm, formOf } from '../forms.js';
import { runsTable, tickTimes } from '../runs.js';
import { historyChart } from '../history-chart.js';
import { filterForm, filterParams } from '../run-filter.js';

const PAGE = 20;
/** How many runs the history chart shows. */
const CHART = 40;
const RUN_TAGS = new Set(['sys.state', 'sys.end.all', 'trigger.good', 'sys.error']);

export function mountFlow(main, { fid }, ctx) {
  document.title = `${fid} · floe`;
  const title = h('h1', null, fid);
  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
    h('a', { href: paths.dash() }, 'Dashboard'), h('span', { 'aria-hidden': 'true' }, ' › '), h('span', { 'aria-current': 'page' }, fid));
  const meta = h('p', { class: 'meta' });
  const triggers = h('div', { class: 'triggers' });
  const active = h('div');
  const pending = h('div');
  const archive = h('div');
  const counts = { active: h('span', { class: 'count' }), pending: h('span', { class: 'count' }), archive: h('span', { class: 'count' }) };
  const pager = h('div', { class: 'pager' });
  let filter = filterParams(location.search);
  const filterBox = h('div', { class: 'filter-box' });
  const filterStatus = h('p', { class: 'filter-status', role: 'status' });
  const chartBox = h('div', { class: 'chart-box' });
  const body = h('div', { class: 'flow-body', hidden: true },
    h('section', { 'aria-labelledby': 'sec-triggers' }, h('h2', { id: 'sec-triggers' }, 'Start a run'), triggers),
    h('section', { 'aria-labelledby': 'sec-history', class: 'history' }, h('h2', { id: 'sec-history' }, 'History'),
      filterBox, filterStatus, chartBox),
    h('section', { 'aria-labelledby': 'sec-active', class: 'runs-active' }, h('h2', { id: 'sec-active' }, 'Active ', counts.active), active),
    h('section', { 'aria-labelledby': 'sec-pending', class: 'runs-pending' }, h('h2', { id: 'sec-pending' }, 'Pending ', counts.pending), pending),
    h('section', { 'aria-labelledby': 'sec-archive', class: 'runs-archive' }, h('h2', { id: 'sec-archive' }, 'Archive ', counts.archive), archive, pager));
  const status = h('p', { class: 'loading' }, 'Loading…');
  main.replaceChildren(crumbs, title, meta, status, body);

  let gone = false;
  let flow = null;
  const cursors = [null]; // the archive pages walked so far; the last is shown
  let timer = 0;

  function applyFilter(params) {
    filter = params;
    const q = params.toString();
    // a new history entry, so back returns to the previous filter (the router then mounts the page afresh)
    history.pushState(null, '', location.pathname + (q ? `?${q}` : ''));
    cursors.splice(1);
    showFilter();
    load();
  }

  function showFilter() {
    replace(filterBox, filterForm(filter, applyFilter));
  }

  async function load() {
    const before = cursors[cursors.length - 1];
    const q = filter.toString();
    const url = `/flows/${encodeURIComponent(fid)}?` + (q ? `${q}&` : '');
    let page, recent;
    try {
      [page, recent] = await Promise.all([
        ctx.api.get(`${url}limit=${PAGE}` + (before ? `&before=${encodeURIComponent(before)}` : '')),
        ctx.api.get(`${url}limit=${CHART}`)]);
    } catch (e) {
      if (gone) return;
      if (e instanceof ApiError && e.status === 400) {
        status.hidden = true;
        body.hidden = false;
        replace(filterStatus, `This filter can not be used: ${e.message}`);
        filterStatus.className = 'filter-status error';
        replace(chartBox);
        for (const list of [active, pending, archive, pager]) replace(list);
        return;
      }
      if (e instanceof ApiError && e.status === 404) {
        title.textContent = 'Flow not found';
        replace(status, `There is no flow with id “${fid}” on this host.`);
        status.className = 'error';
        body.hidden = true;
      } else if (!flow) {
        replace(status, `The flow could not be read: ${e.message}`);
        status.className = 'error';
      }
      return;
    }
    if (gone) return;
    status.hidden = true;
    body.hidden = false;
    if (!flow || flow.Ver !== page.Config.Ver) {
      flow = page.Config;
      showFlow(flow);
    }
    showRuns(page.Runs || {});
    showChart(recent.Runs || {});
  }

  function showChart(r) {
    const runs = [...(r.Active || []), ...(r.Archive || [])].slice(0, CHART);
    const chart = historyChart(runs, fid, path => ctx.router.go(path));
    const filtered = filter.toString() !== '';
    filterStatus.className = 'filter-status muted';
    replace(filterStatus, filtered ? 'Showing only the runs that match this filter.' : '');
    replace(chartBox, chart || h('p', { class: 'muted empty' }, filtered ? 'No run matches this filter.' : 'No run has started yet.'));
  }

  function showFlow(f) {
    title.textContent = f.Name || f.ID;
    crumbs.lastChild.textContent = f.Name || f.ID;
    document.title = `${f.Name || f.ID} · floe`;
    const bits = [h('code', null, f.ID), ` · version ${f.Ver}`];
    if ((f.HostTags || []).length) bits.push(` · runs on hosts tagged ${f.HostTags.join(', ')}`);
    if ((f.ResourceTags || []).length) bits.push(` · uses ${f.ResourceTags.join(', ')}`);
    replace(meta, bits);
    const list = (f.Triggers || []).map(t => trigger(f, t));
    replace(triggers, list.length ? list : h('p', { class: 'muted' }, 'This flow has no triggers.'));
  }

  function trigger(f, t) {
    const heading = h('h3', null, t.Name || t.ID, ' ', h('span', { class: 'type' }, t.Type));
    if (t.Type !== 'data') {
      return h('article', { class: 'trigger' }, heading, h('p', { class: 'muted' }, describe(t)));
    }
    const form = formOf(t.Opts);
    return h('article', { class: 'trigger', 'data-trigger': t.ID }, heading,
      dataForm({
        title: form.title, fields: form.fields, submitLabel: 'Start run', name: `Start ${f.Name || f.ID} with ${t.Name || t.ID}`,
        submit: async values => {
          const r = await ctx.api.post('/push/data', { Ref: { ID: f.ID, Ver: f.Ver }, Form: { ID: t.ID, Values: values } });
          const started = (r && r.Runs) || [];
          if (started.length === 1) {
            ctx.router.go(paths.run(f.ID, started[0]));
            return `Started run ${started[0]}.`;
          }
          load();
          return started.length ? `Started runs ${started.join(', ')}.` : 'No run was started.';
        },
      }));
  }

  function showRuns(r) {
    const a = r.Active || [], p = r.Pending || [], z = r.Archive || [];
    replace(active, runsTable(a, fid, { caption: 'Active runs', empty: 'No run is active.' }));
    replace(pending, runsTable(p, fid, { caption: 'Pending runs', empty: 'No run is waiting to start.' }));
    const none = filter.toString() ? 'No finished run matches this filter.' : 'No run has finished yet.';
    replace(archive, runsTable(z, fid, { caption: 'Archived runs', empty: cursors.length > 1 ? 'No older runs.' : none }));
    counts.active.textContent = `(${a.length})`;
    counts.pending.textContent = `(${p.length})`;
    counts.archive.textContent = cursors.length > 1 ? `(page ${cursors.length})` : '';
    const newer = h('button', { type: 'button', class: 'quiet', on: { click: () => { cursors.pop(); load(); } } }, '‹ Newer runs');
    const older = h('button', { type: 'button', class: 'quiet', on: { click: () => { cursors.push(r.ArchiveNext); load(); } } }, 'Older runs ›');
    replace(pager, cursors.length > 1 ? newer : null, r.ArchiveNext ? older : null);
  }

  showFilter();
  load();
  return {
    onEvent(ev) {
      if (!RUN_TAGS.has(ev.Tag) || eventRun(ev).fid !== fid || timer) return;
      timer = setTimeout(() => { timer = 0; load(); }, 250);
    },
    refresh: load,
    tick: () => tickTimes(main),
    unmount() {
      gone = true;
      clearTimeout(timer);
    },
  };
}

function describe(t) {
  const o = t.Opts || {};
  if (t.Type === 'timer') return `Fires every ${o.period} seconds.`;
  if (t.Type === 'poll-git') return `Watches ${o.url || 'a git repository'}${o.period ? ` every ${o.period} seconds` : ''}.`;
  if (t.Type === 'git-push') return `Starts when ${o.url || 'a repository'} is pushed to.`;
  return `Started by ${t.Type} events.`;
}
