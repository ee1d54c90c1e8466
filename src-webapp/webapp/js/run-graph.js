/**
 * run-graph.js: draws a floe run graph as SVG, and keeps its node states up to date.
 *
 * Self-contained: no imports, no globals, no framework. Any page that links run-graph.css can use it, which is how the
 * Jenkins plugin shows the same graph as the floe dashboard. Everything shown that comes from the flow (ids, names,
 * tags) is set as text, never parsed as markup.
 *
 *   import { drawRunGraph } from './run-graph.js';
 *   const graph = drawRunGraph(container, runView, { onSelect: id => … });
 *   graph.update('build', { Status: 'finished', Result: 'success' });   // or updateNodeState(graph, 'build', …)
 *   graph.setEnded(true);                                               // nodes never reached become "skipped"
 *   graph.tick();                                                       // running steps' durations count on
 *   graph.destroy();
 *
 * runView is the payload of GET <base>/flows/:id/runs/:rid (or the same shape from elsewhere):
 *   { Triggers: [node], Graph: [[node], …] (levels from 1), Unreachable: [node], Edges: [{from, to, tag}],
 *     Summary: { Ended } }
 * with node = { ID, Name, Class, Type, Enabled, Status (running|waiting|finished|""), Result (success|failed|""),
 * Waits: {tag: bool} }. Columns are the levels the server gives: triggers, then each level, then the nodes no trigger
 * reaches. Edges run from the node emitting a tag to each node listening for or waiting on it. A level with more nodes
 * than {@code options.maxRows} (default 10) is drawn as several columns side by side, so a wide flow stays about as
 * tall as a screen. Each step that has started shows how long it took (or runs, counting on with tick()) from its
 * Started and Stopped times; {@code options.now()} says what time it is (default: the clock).
 */

const SVG = 'http://www.w3.org/2000/svg';

/** Drawing sizes in SVG user units (pixels at 100%). */
const SIZE = Object.freeze({ nodeW: 160, nodeH: 48, colGap: 44, rowGap: 14, pad: 18, head: 26, backDrop: 30,
  wrapGap: 16 });
const MAX_ROWS = 10;

/** The states a node can be drawn in, with the words that say them (never colour alone). */
export const STATES = Object.freeze({
  idle: 'not started',
  waiting: 'waiting',
  running: 'running',
  success: 'success',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
  skipped: 'skipped',
});

let instances = 0;

/**
 * The state to draw for a node of the run view: its Result once finished (success, failed, cancelled, interrupted,
 * skipped), running or waiting while under way, otherwise not started, or skipped once the run has ended.
 */
export function nodeState(node, runEnded) {
  if (!node) return 'idle';
  // the engine says how a node ended; a finished node without a result is never drawn as a success
  if (node.Result && STATES[node.Result]) return node.Result;
  if (node.Status === 'running') return 'running';
  if (node.Status === 'waiting') return runEnded ? 'skipped' : 'waiting';
  return runEnded ? 'skipped' : 'idle';
}

/** Draws the graph of {@code view} into {@code container} (emptied first) and returns its handle. */
export function drawRunGraph(container, view, options = {}) {
  return new RunGraph(container, view || {}, options);
}

/** Changes one node's state: {@code patch} holds the RunNode fields that changed, or is a state name. */
export function updateNodeState(graph, nodeId, patch) {
  graph.update(nodeId, patch);
}

/** A drawn run graph. */
export class RunGraph {
  constructor(container, view, options) {
    this.container = container;
    this.doc = container.ownerDocument;
    this.options = options;
    this.prefix = 'rg' + (++instances);
    this.ended = !!(view.Summary && view.Summary.Ended);
    this.nodes = new Map();      // id -> { data, col, row, x, y, el, state }
    this.columns = [];           // [[id]]
    this.edges = [];             // { from, to, tag, el, back }
    this.selected = null;
    this.layout(view);
    this.draw();
    if (options.selected) this.select(options.selected, false);
  }

  /** Ids of the drawn nodes, column by column. */
  get nodeIds() {
    return this.columns.flat();
  }

  /** The drawing's natural size in pixels. */
  get size() {
    return { width: this.width, height: this.height };
  }

  /** The root SVG element. */
  get element() {
    return this.svg;
  }

  layout(view) {
    const cols = [];
    const add = (list, kind) => {
      const ids = [];
      for (const n of list || []) {
        if (!n || n.ID == null || this.nodes.has(String(n.ID))) continue;
        const id = String(n.ID);
        this.nodes.set(id, { data: { ...n }, kind, col: cols.length, row: ids.length });
        ids.push(id);
      }
      if (ids.length) cols.push({ ids, kind });
    };
    add(view.Triggers, 'trigger');
    for (const level of view.Graph || []) add(level, 'level');
    add(view.Unreachable, 'unreachable');
    // column numbers were given before empty columns were dropped: renumber
    cols.forEach((c, i) => c.ids.forEach(id => { this.nodes.get(id).col = i; }));
    this.columns = cols.map(c => c.ids);
    this.columnKinds = cols.map(c => c.kind);

    for (const e of view.Edges || []) {
      const from = String(e.from), to = String(e.to);
      if (!this.nodes.has(from) || !this.nodes.has(to)) continue;
      this.edges.push({ from, to, tag: String(e.tag ?? ''), back: this.nodes.get(from).col >= this.nodes.get(to).col });
    }
    this.orderColumns();

    const { nodeW, nodeH, colGap, rowGap, pad, head, wrapGap } = SIZE;
    const maxRows = Math.max(1, this.options.maxRows || MAX_ROWS);
    const tallest = Math.min(maxRows, Math.max(1, ...this.columns.map(c => c.length)));
    const height = tallest * (nodeH + rowGap) - rowGap;
    this.columnX = [];
    let x = pad;
    this.columns.forEach(ids => {
      this.columnX.push(x);
      // a level too tall for the screen is wrapped into side-by-side columns of at most maxRows
      const parts = Math.max(1, Math.ceil(ids.length / maxRows));
      const perPart = Math.ceil(ids.length / parts);
      ids.forEach((id, row) => {
        const n = this.nodes.get(id);
        const part = Math.floor(row / perPart);
        const inPart = Math.min(perPart, ids.length - part * perPart);
        const own = inPart * (nodeH + rowGap) - rowGap;
        const top = pad + head + (height - own) / 2; // centre short columns against the tallest
        n.row = row;
        n.x = x + part * (nodeW + wrapGap);
        n.y = top + (row - part * perPart) * (nodeH + rowGap);
      });
      x += parts * (nodeW + wrapGap) - wrapGap + colGap;
    });
    const hasBack = this.edges.some(e => e.back);
    this.width = Math.max(pad * 2 + nodeW, x - colGap + pad);
    this.height = pad * 2 + head + height + (hasBack ? SIZE.backDrop + 10 : 0);
    this.bottom = pad + head + height;
  }

  /** Orders each column by the mean row of its parents, so most edges run straight and few cross. */
  orderColumns() {
    const parents = new Map();
    for (const e of this.edges) {
      if (e.back) continue;
      if (!parents.has(e.to)) parents.set(e.to, []);
      parents.get(e.to).push(e.from);
    }
    for (let c = 1; c < this.columns.length; c++) {
      if (this.columnKinds[c] === 'unreachable') continue;
      const ids = this.columns[c];
      const weight = new Map();
      ids.forEach((id, i) => {
        const ps = (parents.get(id) || []).map(p => this.nodes.get(p).row);
        weight.set(id, ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : i);
      });
      const original = new Map(ids.map((id, i) => [id, i]));
      ids.sort((a, b) => (weight.get(a) - weight.get(b)) || (original.get(a) - original.get(b)));
      ids.forEach((id, i) => { this.nodes.get(id).row = i; });
    }
  }

  draw() {
    const d = this.doc;
    const svg = el(d, 'svg', {
      class: 'rg-svg', role: 'group', 'aria-label': this.options.label || 'Run graph',
      viewBox: `0 0 ${this.width} ${this.height}`, width: this.width, height: this.height,
    });
    const defs = el(d, 'defs');
    for (const kind of ['plain', 'taken']) {
      const marker = el(d, 'marker', {
        id: `${this.prefix}-arrow-${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
        orient: 'auto-start-reverse', class: `rg-arrow rg-arrow-${kind}`,
      });
      marker.appendChild(el(d, 'path', { d: 'M0,0 L10,5 L0,10 z' }));
      defs.appendChild(marker);
    }
    svg.appendChild(defs);

    const heads = el(d, 'g', { class: 'rg-heads', 'aria-hidden': 'true' });
    this.columns.forEach((ids, col) => {
      const kind = this.columnKinds[col];
      const x = this.columnX[col];
      const label = kind === 'trigger' ? 'triggers' : kind === 'unreachable' ? 'not reachable' : `level ${col}`;
      const t = el(d, 'text', { x, y: SIZE.pad + 12, class: 'rg-head' });
      t.textContent = label;
      heads.appendChild(t);
    });
    svg.appendChild(heads);

    const edgeLayer = el(d, 'g', { class: 'rg-edges' });
    for (const e of this.edges) {
      e.el = el(d, 'path', { d: this.edgePath(e), class: 'rg-edge' + (e.back ? ' rg-edge-back' : '') });
      const title = el(d, 'title');
      title.textContent = `${e.tag}: ${e.from} → ${e.to}`;
      e.el.appendChild(title);
      edgeLayer.appendChild(e.el);
    }
    svg.appendChild(edgeLayer);

    const nodeLayer = el(d, 'g', { class: 'rg-nodes' });
    let first = true;
    for (const ids of this.columns) {
      for (const id of ids) {
        const n = this.nodes.get(id);
        n.el = this.drawNode(id, n, first);
        first = false;
        nodeLayer.appendChild(n.el);
      }
    }
    svg.appendChild(nodeLayer);

    for (const id of this.nodes.keys()) this.paint(id);
    this.paintEdges();

    svg.addEventListener('click', ev => {
      const g = ev.target.closest && ev.target.closest('.rg-node');
      if (g) this.choose(g.dataset.nodeId);
    });
    svg.addEventListener('keydown', ev => this.onKey(ev));
    this.container.replaceChildren(svg);
    this.svg = svg;
    // measuring text needs a layout: do it in the next frame, which lays the drawing out anyway
    const view = this.doc.defaultView;
    if (view && view.requestAnimationFrame) view.requestAnimationFrame(() => this.fitNames());
  }

  /** Shortens names that the font draws wider than their box (only measurable once the drawing is in a page). */
  fitNames() {
    if (!this.svg || !this.svg.isConnected) return;
    const room = SIZE.nodeW - 27 - 8;
    for (const n of this.nodes.values()) {
      const t = n.el.querySelector('.rg-name');
      const full = String(n.data.Name || '');
      if (full.length < 12 || !t.getComputedTextLength || t.getComputedTextLength() <= room) continue;
      let lo = 1, hi = Math.min(full.length, 18);
      while (lo < hi) { // the longest start of the name that fits with its ellipsis
        const mid = Math.ceil((lo + hi) / 2);
        t.textContent = full.slice(0, mid) + '…';
        if (t.getComputedTextLength() <= room) lo = mid; else hi = mid - 1;
      }
      t.textContent = full.slice(0, lo) + '…';
    }
  }

  drawNode(id, n, tabbable) {
    const d = this.doc;
    const { nodeW, nodeH } = SIZE;
    const g = el(d, 'g', {
      class: 'rg-node rg-kind-' + n.kind, transform: `translate(${n.x},${n.y})`, tabindex: tabbable ? 0 : -1,
      role: 'button', 'data-node-id': id,
    });
    g.appendChild(el(d, 'rect', { class: 'rg-box', width: nodeW, height: nodeH, rx: 7, ry: 7 }));
    g.appendChild(el(d, 'rect', { class: 'rg-spin', x: -3, y: -3, width: nodeW + 6, height: nodeH + 6, rx: 9, ry: 9 }));
    g.appendChild(el(d, 'circle', { class: 'rg-dot', cx: 14, cy: nodeH / 2, r: 5.5 }));
    const name = el(d, 'text', { class: 'rg-name', x: 27, y: 20 });
    name.textContent = fit(n.data.Name || id, 18);
    g.appendChild(name);
    const sub = el(d, 'text', { class: 'rg-sub', x: 27, y: 36 });
    g.appendChild(sub);
    const time = el(d, 'text', { class: 'rg-time', x: nodeW - 9, y: 36, 'text-anchor': 'end' });
    g.appendChild(time);
    n.time = time;
    const title = el(d, 'title');
    g.appendChild(title);
    n.sub = sub;
    n.title = title;
    return g;
  }

  edgePath(e) {
    const a = this.nodes.get(e.from), b = this.nodes.get(e.to);
    const { nodeW, nodeH } = SIZE;
    if (e.back) {
      // a loop back (a retry) or a link within a column: run it under the graph
      const x1 = a.x + nodeW / 2, y1 = a.y + nodeH, x2 = b.x + nodeW / 2 + (a === b ? 24 : 0), y2 = b.y + nodeH;
      const low = this.bottom + SIZE.backDrop;
      return `M${x1},${y1} C${x1},${low} ${x2},${low} ${x2},${y2}`;
    }
    const x1 = a.x + nodeW, y1 = a.y + nodeH / 2, x2 = b.x - 2, y2 = b.y + nodeH / 2;
    const dx = Math.max(24, (x2 - x1) / 2);
    return `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
  }

  /** Applies a patch of RunNode fields (or a state name) to node {@code id} and redraws it and its edges. */
  update(id, patch) {
    const n = this.nodes.get(String(id));
    if (!n) return;
    if (typeof patch === 'string') {
      n.forced = patch;
    } else if (patch) {
      n.forced = null;
      Object.assign(n.data, patch);
    }
    this.paint(String(id));
    this.paintEdges(String(id));
  }

  /** Replaces every node's data from a fresh run view of the same run. */
  updateAll(view) {
    this.ended = !!(view.Summary && view.Summary.Ended);
    const all = [...(view.Triggers || []), ...(view.Graph || []).flat(), ...(view.Unreachable || [])];
    for (const node of all) {
      const n = node && this.nodes.get(String(node.ID));
      if (n) {
        n.forced = null;
        n.data = { ...node };
      }
    }
    for (const id of this.nodes.keys()) this.paint(id);
    this.paintEdges();
  }

  /** Whether the run has ended: nodes it never reached are then drawn as skipped. */
  setEnded(ended) {
    this.ended = !!ended;
    for (const id of this.nodes.keys()) this.paint(id);
    this.paintEdges();
  }

  /** The drawn state of node {@code id}. */
  stateOf(id) {
    const n = this.nodes.get(String(id));
    return n ? n.state : undefined;
  }

  paint(id) {
    const n = this.nodes.get(id);
    const state = n.forced || nodeState(n.data, this.ended);
    n.state = state;
    const words = this.describe(n, state);
    n.el.setAttribute('class', `rg-node rg-kind-${n.kind} rg-state-${state}` + (this.selected === id ? ' rg-selected' : ''));
    n.el.setAttribute('aria-label', `${n.data.Name || id}: ${words}`);
    if (this.selected === id) n.el.setAttribute('aria-pressed', 'true'); else n.el.removeAttribute('aria-pressed');
    const took = this.took(n);
    n.sub.textContent = fit(`${n.data.Type || n.data.Class || ''} · ${words}`, took ? 17 : 24);
    n.time.textContent = took;
    n.title.textContent = `${n.data.Name || id} (${id})\n${n.data.Class || ''} ${n.data.Type || ''}: ${words}`
      + (took ? `\ntook ${took}${state === 'running' ? ' so far' : ''}` : '');
  }

  /** How long a started step took, or runs so far; empty for triggers and steps not started. */
  took(n) {
    const d = n.data;
    if (d.Class === 'trigger') return '';
    const start = time(d.Started);
    if (start == null) return '';
    const stop = time(d.Stopped);
    const now = this.options.now ? this.options.now() : Date.now();
    if (stop == null && n.state !== 'running' && n.state !== 'waiting') return '';
    return shortDuration((stop == null ? now : stop) - start);
  }

  /** Counts on the durations of running steps. */
  tick() {
    for (const n of this.nodes.values()) {
      if (n.state === 'running' || n.state === 'waiting') n.time.textContent = this.took(n);
    }
  }

  describe(n, state) {
    const d = n.data;
    if (state === 'waiting' && d.Class === 'merge' && d.Waits) {
      const all = Object.keys(d.Waits);
      return `waiting ${all.filter(k => d.Waits[k]).length}/${all.length}`;
    }
    if (state === 'waiting' && d.Enabled) return 'needs input';
    return STATES[state] || state;
  }

  paintEdges(onlyId) {
    for (const e of this.edges) {
      if (onlyId && e.from !== onlyId && e.to !== onlyId) continue;
      const from = this.nodes.get(e.from), to = this.nodes.get(e.to);
      let taken;
      if (to.data.Class === 'merge' && to.data.Waits && e.tag in to.data.Waits) {
        taken = !!to.data.Waits[e.tag];
      } else {
        const done = ['success', 'failed', 'interrupted'].includes(from.state);
        taken = done && !['idle', 'skipped'].includes(to.state);
      }
      e.el.setAttribute('class', 'rg-edge' + (e.back ? ' rg-edge-back' : '') + (taken ? ' rg-edge-taken' : ''));
      e.el.setAttribute('marker-end', `url(#${this.prefix}-arrow-${taken ? 'taken' : 'plain'})`);
    }
  }

  /** Marks node {@code id} as selected (and focusable); with {@code notify} the onSelect option is called. */
  select(id, notify = true) {
    id = id == null ? null : String(id);
    const old = this.selected;
    this.selected = id && this.nodes.has(id) ? id : null;
    if (old && this.nodes.has(old)) this.paint(old);
    if (this.selected) {
      this.paint(this.selected);
      this.makeTabbable(this.selected);
    }
    if (notify && this.options.onSelect) this.options.onSelect(this.selected);
  }

  choose(id) {
    this.select(id, true);
    this.focus(id);
  }

  /** Moves keyboard focus to node {@code id}. */
  focus(id) {
    const n = this.nodes.get(String(id));
    if (!n) return;
    this.makeTabbable(String(id));
    n.el.focus();
  }

  makeTabbable(id) {
    for (const [k, n] of this.nodes) n.el.setAttribute('tabindex', k === id ? 0 : -1);
  }

  /** Arrow keys move between nodes (up and down in a level, left and right across levels); Enter or Space selects. */
  onKey(ev) {
    const g = ev.target.closest && ev.target.closest('.rg-node');
    if (!g) return;
    const id = g.dataset.nodeId;
    const n = this.nodes.get(id);
    let next = null;
    switch (ev.key) {
      case 'Enter':
      case ' ':
        ev.preventDefault();
        this.choose(id);
        return;
      case 'ArrowUp': next = this.columns[n.col][n.row - 1]; break;
      case 'ArrowDown': next = this.columns[n.col][n.row + 1]; break;
      case 'ArrowLeft': next = this.nearest(n.col - 1, n.y); break;
      case 'ArrowRight': next = this.nearest(n.col + 1, n.y); break;
      case 'Home': next = this.columns[0] && this.columns[0][0]; break;
      case 'End': { const last = this.columns[this.columns.length - 1]; next = last && last[last.length - 1]; break; }
      default: return;
    }
    ev.preventDefault();
    if (next) this.focus(next);
  }

  nearest(col, y) {
    const ids = this.columns[col];
    if (!ids || !ids.length) return null;
    let best = ids[0];
    for (const id of ids) {
      if (Math.abs(this.nodes.get(id).y - y) < Math.abs(this.nodes.get(best).y - y)) best = id;
    }
    return best;
  }

  /** Removes the drawing. */
  destroy() {
    if (this.svg) this.svg.remove();
    this.nodes.clear();
    this.edges = [];
  }
}

/** An API time in ms, or null for none (absent, or the zero time 0001-01-01). */
function time(s) {
  if (!s || typeof s !== 'string' || s.startsWith('0001-')) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

/** A step's duration, short: 850ms, 42s, 3m 05s, 1h 02m. */
export function shortDuration(ms) {
  const v = Math.max(0, ms);
  if (v < 1000) return `${Math.round(v)}ms`;
  const s = Math.floor(v / 1000);
  if (s < 60) return `${s}s`;
  const two = n => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m ${two(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${two(Math.floor(s / 60) % 60)}m`;
}

function el(doc, name, attrs) {
  const e = doc.createElementNS(SVG, name);
  if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Shortens text to {@code max} characters with an ellipsis; the node's title holds the whole text. */
function fit(text, max) {
  const s = String(text);
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
