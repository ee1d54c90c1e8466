/** The dashboard: every flow with its latest runs and their status, kept current by the live events. */
import { h, paths, replace } from '../dom.js';
import { eventRun } from '../live.js';
import { runId, parseTime } from '../format.js';
import { agoTime, runStart, runState, statusBadge, tickTimes } from '../runs.js';

const LATEST = 5;
const RUN_TAGS = new Set(['sys.state', 'sys.end.all', 'trigger.good', 'sys.error']);

export function mountDash(main, params, ctx) {
  document.title = 'Dashboard · floe';
  const list = h('div', { class: 'flow-grid', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading flows…'));
  main.replaceChildren(h('h1', null, 'Flows'), list);
  const cards = new Map(); // flow id -> { runs element, timer }
  let gone = false;

  async function load() {
    let cfg;
    try {
      cfg = await ctx.api.get('/flows');
    } catch (e) {
      if (!gone) replace(list, h('p', { class: 'error' }, `The flows could not be read: ${e.message}`));
      return;
    }
    if (gone) return;
    cards.clear();
    const flows = (cfg && cfg.Flows) || [];
    // a flow may be configured in several versions: show the latest of each id once
    const latest = new Map();
    for (const f of flows) if (!latest.has(f.ID) || f.Ver > latest.get(f.ID).Ver) latest.set(f.ID, f);
    if (!latest.size) {
      replace(list, h('p', { class: 'muted' }, 'No flows are configured on this host.'));
    } else {
      replace(list, [...latest.values()].map(card));
    }
    list.removeAttribute('aria-busy');
    for (const id of latest.keys()) loadRuns(id);
  }

  function card(f) {
    const runs = h('div', { class: 'latest' }, h('p', { class: 'muted' }, 'Loading runs…'));
    cards.set(f.ID, { runs, timer: 0 });
    const triggers = (f.Triggers || []).map(t => `${t.Name || t.ID} (${t.Type})`).join(', ');
    return h('article', { class: 'flow-card', 'data-flow': f.ID, 'aria-labelledby': `flow-${cards.size}` },
      h('h2', { id: `flow-${cards.size}` }, h('a', { href: paths.flow(f.ID) }, f.Name || f.ID)),
      h('p', { class: 'meta' }, h('code', null, f.ID), ` · version ${f.Ver}`),
      triggers ? h('p', { class: 'meta' }, `Started by: ${triggers}`) : null,
      runs);
  }

  async function loadRuns(id) {
    const c = cards.get(id);
    if (!c) return;
    let page;
    try {
      page = await ctx.api.get(`/flows/${encodeURIComponent(id)}?limit=${LATEST}`);
    } catch (e) {
      if (!gone) replace(c.runs, h('p', { class: 'error' }, `Runs could not be read: ${e.message}`));
      return;
    }
    if (gone) return;
    const r = (page && page.Runs) || {};
    const all = [...(r.Active || []), ...(r.Pending || []), ...(r.Archive || [])];
    all.sort((a, b) => (parseTime(runStart(b)) || 0) - (parseTime(runStart(a)) || 0));
    const shown = all.slice(0, LATEST);
    if (!shown.length) {
      replace(c.runs, h('p', { class: 'muted' }, 'No runs yet.'));
      return;
    }
    replace(c.runs, h('ul', { class: 'run-list', 'aria-label': 'Latest runs' }, shown.map(s => {
      const rid = runId(s.Ref);
      return h('li', { 'data-run': rid }, statusBadge(runState(s)), ' ',
        h('a', { href: paths.run(id, rid) }, rid), ' ', agoTime(runStart(s)));
    })));
  }

  function later(id) {
    const c = cards.get(id);
    if (!c || c.timer) return;
    c.timer = setTimeout(() => {
      c.timer = 0;
      loadRuns(id);
    }, 250);
  }

  load();
  return {
    onEvent(ev) {
      if (RUN_TAGS.has(ev.Tag)) later(eventRun(ev).fid);
    },
    refresh: load,
    tick: () => tickTimes(main),
    unmount() {
      gone = true;
      for (const c of cards.values()) clearTimeout(c.timer);
    },
  };
}
