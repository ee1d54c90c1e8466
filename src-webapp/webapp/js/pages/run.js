/**
 * A run's page: the run's header and actions, forms for data nodes that wait for input, the steps as a graph (fitted,
 * pan and zoom) or a timeline, and the selected step's details and log. It shows one {@link RunModel}: the server's
 * run view, read again whenever an event says the run changed. The address's {@code #node=<id>&line=<n>} opens a
 * step and shows a line of its log.
 */
import { h, paths, replace } from '../dom.js';
import { ApiError } from '../api.js';
import { tickTimes } from '../runs.js';
import { STATES } from '../run-graph.js';
import { RunModel } from '../run/model.js';
import { RunHead } from '../run/head.js';
import { InputForms } from '../run/inputs.js';
import { NodePanel } from '../run/node-panel.js';
import { GraphView } from '../run/graph-view.js';
import { Timeline } from '../run/timeline.js';
import { showArtifacts } from '../artifacts-view.js';

/** While a run is under way it is read again this often even without events (events can lag behind a log flood). */
const SAFETY_MS = 5000;

export function mountRun(main, { fid, rid }, ctx) {
  document.title = `${rid} · ${fid} · floe`;
  const base = `/flows/${encodeURIComponent(fid)}/runs/${encodeURIComponent(rid)}`;
  const flowLink = h('a', { href: paths.flow(fid) }, fid);
  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
    h('a', { href: paths.dash() }, 'Dashboard'), sep(), flowLink, sep(), h('span', { 'aria-current': 'page' }, rid));
  const status = h('p', { class: 'loading' }, 'Loading…');

  let gone = false;
  let selected = null;
  const model = new RunModel(() => ctx.api.get(`${base}?logs=none`));
  const refresh = () => model.refresh().catch(() => { /* the next event or tick reads again */ });
  const head = new RunHead({ base, ctx, fid, refresh });
  const inputs = new InputForms({ ctx, fid, rid, refresh });
  const panel = new NodePanel({
    ctx, base, fid,
    lineHref: (id, line) => `#node=${encodeURIComponent(id)}&line=${line}`,
    onLine: (id, line) => history.replaceState(null, '', `#node=${encodeURIComponent(id)}&line=${line}`),
    focusInput: id => inputs.focus(id),
  });
  const graph = new GraphView({ label: `Steps of run ${rid}`, onSelect: id => select(id, true) });
  const timeline = new Timeline({ onSelect: id => select(id, true) });
  const problems = h('section', { class: 'problems', 'aria-labelledby': 'sec-problems', hidden: true });
  const showGraph = h('button', { type: 'button', class: 'quiet', 'aria-pressed': 'true', on: { click: () => switchTo('graph') } }, 'Graph');
  const showTimeline = h('button', { type: 'button', class: 'quiet', 'aria-pressed': 'false', on: { click: () => switchTo('timeline') } }, 'Timeline');
  timeline.el.hidden = true;
  const body = h('div', { hidden: true },
    head.el, inputs.el, problems,
    h('section', { class: 'graph-section', 'aria-labelledby': 'sec-graph' },
      h('div', { class: 'section-head' }, h('h2', { id: 'sec-graph' }, 'Steps'),
        h('div', { class: 'view-switch', role: 'group', 'aria-label': 'Show the steps as' }, showGraph, showTimeline),
        legend(), graph.controls),
      graph.el, timeline.el),
    panel.el);
  main.replaceChildren(crumbs, status, body);

  model.onChange((m, first) => {
    if (gone) return;
    status.hidden = true;
    body.hidden = false;
    if (first) {
      flowLink.textContent = m.view.FlowName || fid;
      document.title = `${rid} · ${m.view.FlowName || fid} · floe`;
      const want = fromHash();
      const focus = want.node && m.node(want.node) ? want.node : m.focusNode();
      graph.draw(m.view, focus);
      graph.followed = focus;
      head.update(m);
      panel.update(m);
      if (want.node && m.node(want.node)) select(want.node, false, want.line);
      else if (m.ended && m.firstFailed()) select(m.firstFailed(), false);
    } else {
      graph.graph.updateAll(m.view);
      graph.follow(m.focusNode());
      head.update(m);
      panel.update(m);
      if (!selected && m.ended && m.firstFailed()) select(m.firstFailed(), false);
    }
    timeline.update(m);
    inputs.update(m);
    showProblems(m.view.Problems || []);
    showArtifacts(body, ctx.api, base, m.view);
  });

  function showProblems(list) {
    problems.hidden = !list.length;
    if (list.length) {
      replace(problems, h('h2', { id: 'sec-problems' }, 'Problems with this flow'),
        h('ul', null, list.map(p => h('li', null, p))));
    }
  }

  function select(id, user, line = 0) {
    selected = id;
    if (graph.graph.selected !== id) graph.graph.select(id, false);
    if (id) graph.reveal(id);
    timeline.select(id);
    if (user) history.replaceState(null, '', id ? `#node=${encodeURIComponent(id)}` : location.pathname);
    panel.show(id, line);
  }

  function switchTo(which) {
    const tl = which === 'timeline';
    timeline.el.hidden = !tl;
    graph.el.hidden = tl;
    graph.controls.hidden = tl;
    showGraph.setAttribute('aria-pressed', String(!tl));
    showTimeline.setAttribute('aria-pressed', String(tl));
    if (tl) timeline.draw();
    else graph.apply();
  }

  function onHash() {
    const want = fromHash();
    if (want.node && model.node(want.node)) select(want.node, false, want.line);
  }
  window.addEventListener('hashchange', onHash);

  model.refresh().catch(e => {
    if (gone) return;
    if (e instanceof ApiError && e.status === 404 && !model.view) {
      main.replaceChildren(crumbs, h('h1', null, 'Run not found'),
        h('p', { class: 'error' }, `There is no run ${rid} of flow “${fid}” (${e.message}).`));
    } else if (!model.view) {
      replace(status, `The run could not be read: ${e.message}`);
      status.className = 'error';
    }
  });

  return {
    onEvent(ev) {
      const line = model.event(ev, fid, rid);
      if (line) panel.logLine(line.id, line.line);
    },
    refresh: () => {
      panel.resync();
      refresh();
    },
    tick() {
      tickTimes(main);
      if (!model.view || model.ended) return;
      if (graph.graph) graph.graph.tick();
      if (!timeline.el.hidden) timeline.draw();
      if (Date.now() - model.lastRead > SAFETY_MS) refresh();
    },
    unmount() {
      gone = true;
      window.removeEventListener('hashchange', onHash);
      panel.drop();
      graph.destroy();
    },
  };
}

function sep() {
  return h('span', { 'aria-hidden': 'true' }, ' › ');
}

/** The node and log line the address names: {@code #node=<id>} and optionally {@code &line=<n>} (from 1). */
function fromHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const line = Number(params.get('line'));
  return { node: params.get('node') || null, line: Number.isInteger(line) && line > 0 ? line : 0 };
}

function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'What the colours mean' },
    ['running', 'waiting', 'success', 'failed', 'cancelled', 'skipped'].map(s => h('li', { class: `state-${s}` },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }), STATES[s])));
}
