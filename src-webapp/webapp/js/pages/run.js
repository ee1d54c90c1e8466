/**
 * A run's page: the run graph with live node states, the selected node's details and live log, forms for the data
 * nodes that wait for input, merge waits, a cancel button while it runs and a re-run button once it ended. Drawn from the flow definition the run started with
 * (the server's run view), patched by live events as they come, and read again after each step so it never drifts.
 */
import { h, paths, replace } from '../dom.js';
import { API_BASE, ApiError } from '../api.js';
import { eventRun } from '../live.js';
import { dataForm } from '../forms.js';
import { parseTime } from '../format.js';
import { agoTime, runState, startedBy, statusBadge, tickTimes, tookTime } from '../runs.js';
import { drawRunGraph, STATES } from '../run-graph.js';
import { LogModel, LogView } from '../log-view.js';
import { rerunFromFailed, rerunFromHere } from '../rerun.js';
import { showArtifacts } from '../artifacts-view.js';

const REFRESH_MS = 300;
const SAFETY_MS = 5000;
const WORDS = { good: 'Success', bad: 'Failed', cancelled: 'Cancelled', running: 'Running', pending: 'Pending' };

export function mountRun(main, { fid, rid }, ctx) {
  document.title = `${rid} · ${fid} · floe`;
  const base = `/flows/${encodeURIComponent(fid)}/runs/${encodeURIComponent(rid)}`;
  const flowLink = h('a', { href: paths.flow(fid) }, fid);
  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
    h('a', { href: paths.dash() }, 'Dashboard'), sep(), flowLink, sep(), h('span', { 'aria-current': 'page' }, rid));
  const title = h('h1', null, `${fid} ${rid}`);
  const badge = h('span', { class: 'run-status', role: 'status' });
  const facts = h('dl', { class: 'facts' });
  const actions = h('div', { class: 'actions' });
  const inputs = h('section', { class: 'needs-input', 'aria-labelledby': 'sec-input', hidden: true });
  const problems = h('section', { class: 'problems', 'aria-labelledby': 'sec-problems', hidden: true });
  const graphBox = h('div', { class: 'graph-scroll' });
  const fit = h('button', { type: 'button', class: 'quiet', 'aria-pressed': 'false', on: { click: () => toggleFit() } }, 'Fit to width');
  const detail = h('section', { class: 'detail', 'aria-labelledby': 'sec-detail' });
  const status = h('p', { class: 'loading' }, 'Loading…');
  const body = h('div', { hidden: true },
    h('header', { class: 'run-head' }, h('div', { class: 'run-title' }, title, badge), facts, actions),
    inputs, problems,
    h('section', { class: 'graph-section', 'aria-labelledby': 'sec-graph' },
      h('div', { class: 'section-head' }, h('h2', { id: 'sec-graph' }, 'Steps'), legend(), fit),
      graphBox),
    detail);
  main.replaceChildren(crumbs, status, body);

  let gone = false;
  let view = null;
  let graph = null;
  let selected = null;
  let inputKey = null;
  let refreshTimer = 0;
  let lastLoad = 0;
  let loading = false;
  let again = false;
  let logApi = true;
  const logs = new Map(); // node id -> LogModel (kept while on the page, so switching back is instant)
  let shown = null;       // { id, logView, head, facts, extra }
  const hashNode = decodeHash();

  async function load() {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    lastLoad = Date.now();
    try {
      const v = await ctx.api.get(base);
      if (gone) return;
      show(v);
    } catch (e) {
      if (gone) return;
      if (e instanceof ApiError && e.status === 404 && !view) {
        main.replaceChildren(crumbs, h('h1', null, 'Run not found'),
          h('p', { class: 'error' }, `There is no run ${rid} of flow “${fid}” (${e.message}).`));
      } else if (!view) {
        replace(status, `The run could not be read: ${e.message}`);
        status.className = 'error';
      }
    } finally {
      loading = false;
      if (again && !gone) {
        again = false;
        later();
      }
    }
  }

  function show(v) {
    const first = !view;
    view = v;
    status.hidden = true;
    body.hidden = false;
    if (first) {
      title.textContent = v.Name || `${v.FlowName} ${rid}`;
      flowLink.textContent = v.FlowName || fid;
      document.title = `${rid} · ${v.FlowName || fid} · floe`;
      const t0 = performance.now();
      graph = drawRunGraph(graphBox, v, { onSelect: id => select(id, true), label: `Steps of run ${rid}` });
      performance.measure('floe:run-graph-draw', { start: t0, end: performance.now() });
      // a graph a little too wide is shrunk to fit; a much wider one keeps its size and scrolls
      const ratio = graphBox.clientWidth / graph.size.width;
      if (ratio < 1 && ratio >= 0.7) toggleFit();
      const want = hashNode && graph.nodes.has(hashNode) ? hashNode : v.Summary && v.Summary.Ended && !v.Summary.Good ? firstFailed() : null;
      if (want) select(want, false);
    } else {
      graph.updateAll(v);
      if (!selected && v.Summary && v.Summary.Ended && !v.Summary.Good) {
        const f = firstFailed();
        if (f) select(f, false);
      }
    }
    showHead();
    showProblems();
    showInputs();
    showDetail(false);
    showArtifacts(body, ctx.api, base, v);
  }

  function node(id) {
    const n = graph && graph.nodes.get(id);
    return n ? n.data : null;
  }

  function firstFailed() {
    return graph.nodeIds.find(id => graph.stateOf(id) === 'failed') || null;
  }

  function summary() {
    return (view && view.Summary) || {};
  }

  function showHead() {
    const s = summary();
    const st = runState(s);
    replace(badge, statusBadge(st, WORDS[st]));
    const rows = [
      ['Started', agoTime(s.StartTime && parseTime(s.StartTime) ? s.StartTime : s.Adopted)],
      ['Took', tookTime(s.StartTime, s.Ended ? s.EndTime : null)],
      ['Host', s.ExecHost || '—'],
      ['Started by', startedBy(s) || '—'],
    ];
    if (s.Reason) rows.push(['Ended', s.Reason]);
    replace(facts, rows.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
    if (!s.Ended && !actions.querySelector('.confirm')) {
      replace(actions, h('button', { type: 'button', class: 'danger', on: { click: confirmCancel } }, 'Cancel run'));
    } else if (s.Ended && !actions.querySelector('.rerun')) {
      replace(actions, rerunButton(), rerunFromFailed(ctx, base, fid, s));
    }
  }

  /** Re-run: a new run of this run's flow definition with the same trigger values; the page moves to it. */
  function rerunButton() {
    const msg = h('span', { class: 'form-status', role: 'status' });
    const button = h('button', { type: 'button', class: 'rerun', on: { click: doRerun } }, 'Re-run');
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

  function confirmCancel() {
    const msg = h('p', { class: 'form-status', role: 'status' });
    const yes = h('button', { type: 'button', class: 'danger', on: { click: doCancel } }, 'Yes, cancel the run');
    const no = h('button', { type: 'button', class: 'quiet', on: { click: () => { replace(actions); showHead(); } } }, 'Keep it running');
    replace(actions, h('div', { class: 'confirm', role: 'group', 'aria-label': 'Confirm cancel' },
      h('span', null, 'Cancel this run? Running tasks are stopped.'), yes, no, msg));
    yes.focus();

    async function doCancel() {
      yes.disabled = true;
      msg.textContent = 'Cancelling…';
      try {
        await ctx.api.post(`${base}/cancel`, {});
        replace(actions);
        load();
      } catch (e) {
        msg.className = 'form-status error';
        msg.textContent = `Not cancelled: ${e.message}`;
        yes.disabled = false;
      }
    }
  }

  function showProblems() {
    const list = view.Problems || [];
    problems.hidden = !list.length;
    if (list.length) {
      replace(problems, h('h2', { id: 'sec-problems' }, 'Problems with this flow'),
        h('ul', null, list.map(p => h('li', null, p))));
    }
  }

  /** Forms for the data nodes that ask for input; rebuilt only when that set changes, so typing is never lost. */
  function showInputs() {
    const waiting = graph.nodeIds.map(node).filter(n => n && n.Type === 'data' && n.Class !== 'trigger' && n.Enabled && !summary().Ended);
    const key = waiting.map(n => n.ID).join('\n');
    if (key === inputKey) return;
    inputKey = key;
    inputs.hidden = !waiting.length;
    if (!waiting.length) {
      inputs.replaceChildren();
      return;
    }
    replace(inputs, h('h2', { id: 'sec-input' }, 'Waiting for input'),
      waiting.map(n => h('article', { class: 'input-form', 'data-node': n.ID },
        h('h3', null, n.Name || n.ID),
        dataForm({
          fields: n.Fields || [], submitLabel: 'Submit', name: `Input for ${n.Name || n.ID}`,
          submit: async values => {
            const ver = summary().Ref && summary().Ref.FlowRef ? summary().Ref.FlowRef.Ver : 0;
            const r = await ctx.api.post('/push/data', { Ref: { ID: fid, Ver: ver }, Run: rid, Form: { ID: n.ID, Values: values } });
            later();
            return r && r.Complete === false ? 'Sent; the step needs more input.' : 'Sent: the run goes on.';
          },
        }))));
  }

  function select(id, user) {
    selected = id;
    if (graph.selected !== id) graph.select(id, false);
    if (user) history.replaceState(null, '', id ? `#node=${encodeURIComponent(id)}` : location.pathname);
    showDetail(true);
  }

  /** The selected node's details; with {@code rebuild} everything, otherwise only what may have changed. */
  function showDetail(rebuild) {
    const n = selected && node(selected);
    if (!n) {
      if (shown) shown.logView && shown.logView.destroy();
      shown = null;
      replace(detail, h('h2', { id: 'sec-detail', class: 'sr-only' }, 'Step details'),
        h('p', { class: 'muted hint' }, 'Select a step (click it, or Tab to the graph and use the arrow keys and Enter) to see its details and log.'));
      return;
    }
    if (rebuild || !shown || shown.id !== n.ID) {
      if (shown && shown.logView) shown.logView.destroy();
      shown = { id: n.ID, head: h('div', { class: 'detail-head' }), facts: h('dl', { class: 'facts' }), extra: h('div'), logView: null };
      const parts = [shown.head, shown.facts, shown.extra];
      if (hasLog(n)) {
        shown.logView = makeLogView(n);
        parts.push(shown.logView.el);
      }
      replace(detail, parts);
      if (shown.logView) {
        shown.logView.attached();
        shown.logView.poke();
      }
    }
    const state = graph.stateOf(n.ID);
    replace(shown.head, h('h2', { id: 'sec-detail' }, n.Name || n.ID),
      h('span', { class: `badge state-${state}` }, graph.describe(graph.nodes.get(n.ID), state)));
    const rows = [['ID', h('code', null, n.ID)], ['Kind', `${n.Class || ''} ${n.Type || ''}`.trim()]];
    if (parseTime(n.Started)) rows.push(['Started', agoTime(n.Started)]);
    if (parseTime(n.Started) && n.Class !== 'trigger') rows.push(['Took', tookTime(n.Started, n.Stopped)]);
    replace(shown.facts, rows.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))));
    replace(shown.extra, extra(n));
  }

  function extra(n) {
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
      if (n.Enabled && n.Class !== 'trigger' && !summary().Ended) {
        out.push(h('p', null, 'This step waits for input: ',
          h('button', { type: 'button', class: 'quiet', on: { click: () => focusInput(n.ID) } }, 'fill in its form'), '.'));
      }
      if ((n.Fields || []).length) {
        out.push(h('dl', { class: 'values' }, n.Fields.map(f => h('div', null, h('dt', null, f.prompt || f.id), h('dd', null, secret(f) ? '••••••' : f.value || '—')))));
      }
    }
    if (n.Type === 'end') out.push(h('p', { class: 'muted' }, 'Reaching this step ends the run.'));
    out.push(rerunFromHere(ctx, base, fid, summary(), n, graph.stateOf(n.ID)));
    return out;
  }

  function focusInput(id) {
    const form = [...inputs.querySelectorAll('.input-form')].find(e => e.dataset.node === id);
    if (!form) return;
    form.scrollIntoView({ block: 'center' });
    const first = form.querySelector('input, textarea, select, button');
    if (first) first.focus();
  }

  function hasLog(n) {
    return n.Class === 'task' && n.Type !== 'data' && n.Type !== 'end';
  }

  function logModel(n) {
    let m = logs.get(n.ID);
    if (!m) {
      m = new LogModel();
      const tail = n.Logs || [];
      const total = Math.max(n.LogLines || 0, tail.length);
      m.put(total - tail.length, tail);
      m.total = total;
      logs.set(n.ID, m);
    }
    return m;
  }

  function makeLogView(n) {
    const path = `${base}/nodes/${encodeURIComponent(n.ID)}/log`;
    const load = logApi ? async (from, max) => {
      try {
        return await ctx.api.get(`${path}?from=${from}&max=${max}`, { quiet: true });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404 && logApi) {
          // the run executes on another host: follow its events instead of this host's log files
          logApi = false;
          setTimeout(() => showDetail(true), 0);
        }
        throw e;
      }
    } : null;
    return new LogView(logModel(n), {
      load, label: `Log of ${n.Name || n.ID}`, unavailable: 'earlier lines are on the host that ran this step',
      downloadUrl: logApi ? `${API_BASE}${path}` : null,
    });
  }

  function patch(id, p) {
    if (!graph || !graph.nodes.has(id)) return;
    graph.update(id, p);
    if (id === selected) showDetail(false);
  }

  function later() {
    if (refreshTimer || gone) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = 0;
      load();
    }, REFRESH_MS);
  }

  function onEvent(ev) {
    if (!graph) return;
    const at = eventRun(ev);
    if (at.fid !== fid || at.rid !== rid) return;
    const src = (ev.SourceNode && ev.SourceNode.ID) || '';
    const opts = ev.Opts || {};
    const now = new Date().toISOString();
    const tag = ev.Tag || '';
    if (tag === 'sys.node.update' && 'update' in opts) {
      // a log line: only the log moves; the node is running
      const n = node(src);
      if (n && n.Status !== 'running' && !n.Result) patch(src, { Status: 'running' });
      const line = String(opts.update);
      if (shown && shown.id === src && shown.logView) shown.logView.poke(line);
      else if (!logApi && n) logModel(n).append(line);
      return;
    }
    if (tag === 'sys.node.update' && opts.waits) {
      patch(src, { Waits: { ...(node(src) || {}).Waits, ...opts.waits }, Status: 'waiting' });
    } else if (tag === 'sys.node.start') {
      const n = node(src);
      patch(src, { Started: now, Stopped: null, Result: '', Status: n && n.Class === 'merge' ? 'waiting' : 'running' });
    } else if (tag === 'sys.data.required') {
      const fields = opts.form && Array.isArray(opts.form.fields) ? opts.form.fields : undefined;
      patch(src, { Enabled: true, Status: 'waiting', Started: (node(src) || {}).Started || now, ...(fields ? { Fields: fields } : {}) });
      showInputs();
    } else if (tag.startsWith('task.') || tag.startsWith('merge.')) {
      patch(src, { Stopped: now, Status: 'finished', Result: ev.Good ? 'success' : 'failed', Enabled: false });
      showInputs();
    } else if (tag === 'sys.end.all') {
      const result = opts.result || (ev.Good ? 'good' : 'bad');
      Object.assign(view.Summary, { Ended: true, Good: !!ev.Good, Status: ev.Good ? 'good' : 'bad', Result: result, EndTime: now });
      graph.setEnded(true);
      showHead();
      showInputs();
    }
    later();
  }

  function toggleFit() {
    const on = !graphBox.classList.contains('fit');
    graphBox.classList.toggle('fit', on);
    fit.setAttribute('aria-pressed', String(on));
  }

  load();
  return {
    onEvent,
    refresh: () => {
      // lines missed while away are read again from the log
      for (const [id] of logs) if (!shown || shown.id !== id) logs.delete(id);
      if (shown && shown.logView) shown.logView.poke();
      load();
    },
    tick() {
      tickTimes(main);
      // events can lag behind a flood of log lines; reading the run now and then keeps its state true meanwhile
      if (view && !summary().Ended && Date.now() - lastLoad > SAFETY_MS) load();
    },
    unmount() {
      gone = true;
      clearTimeout(refreshTimer);
      if (shown && shown.logView) shown.logView.destroy();
    },
  };
}

/** A password field's value is not shown again (it is still in the run's record on the host). */
function secret(f) {
  return String(f.type || '').toLowerCase() === 'password' && !!f.value;
}

function sep() {
  return h('span', { 'aria-hidden': 'true' }, ' › ');
}

function decodeHash() {
  const m = /^#node=(.+)$/.exec(location.hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch (e) {
    return null;
  }
}

function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'What the colours mean' },
    ['running', 'waiting', 'success', 'failed', 'cancelled', 'skipped'].map(s => h('li', { class: `state-${s}` },
      h('span', { class: 'swatch', 'aria-hidden': 'true' }), STATES[s])));
}

