/**
 * run/timeline.js: the run as a timeline (Gantt): one bar per task on a time axis from the run's start, coloured by
 * state, with its duration; running bars grow live. What ran in parallel, and what took the time, shows at a glance.
 */
import { h, replace } from '../dom.js';
import { shortDuration } from '../run-graph.js';
import { describe } from './node-panel.js';

const STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
const MAX_TICKS = 8;

export class Timeline {
  constructor({ onSelect }) {
    this.onSelect = onSelect;
    this.selected = null;
    this.model = null;
    this.byId = new Map(); // node id -> its row's elements
    this.axis = h('div', { class: 'tl-axis', 'aria-hidden': 'true' });
    this.rows = h('ol', { class: 'tl-rows' });
    this.empty = h('p', { class: 'muted tl-empty', hidden: true }, 'No step has started yet.');
    this.el = h('div', { class: 'timeline', role: 'group', 'aria-label': 'Timeline of the steps' },
      h('div', { class: 'tl-head' }, h('span', { class: 'tl-name-head' }, 'Step'), this.axis), this.rows, this.empty);
  }

  update(model) {
    this.model = model;
    this.draw();
  }

  select(id) {
    this.selected = id;
    for (const li of this.rows.children) li.classList.toggle('tl-selected', li.dataset.nodeId === id);
  }

  row(id) {
    let r = this.byId.get(id);
    if (!r) {
      const name = h('button', { type: 'button', class: 'tl-name', on: { click: () => this.onSelect(id) } });
      const bar = h('span', { class: 'tl-bar' });
      const took = h('span', { class: 'tl-took' });
      const li = h('li', { class: 'tl-row', 'data-node-id': id }, name, h('span', { class: 'tl-track' }, bar, took));
      r = { li, name, bar, took };
      this.byId.set(id, r);
    }
    return r;
  }

  /** Redraws with the time now (running bars reach it). */
  draw(now = Date.now()) {
    const m = this.model;
    if (!m || !m.view) return;
    const tasks = m.tasks();
    this.empty.hidden = tasks.length > 0;
    const span = m.span();
    const t0 = Math.min(span.start ? span.start.getTime() : Infinity, ...tasks.map(t => t.start.getTime()));
    let t1 = span.end ? span.end.getTime() : now;
    for (const t of tasks) t1 = Math.max(t1, t.end ? t.end.getTime() : now);
    const total = Math.max(1000, t1 - t0);
    const step = STEPS_S.find(s => (total / 1000) / s <= MAX_TICKS) || STEPS_S[STEPS_S.length - 1];
    const ticks = [];
    for (let s = 0; s * 1000 <= total; s += step) ticks.push(s);
    // positions go in through the style object: the page's CSP refuses style attributes
    replace(this.axis, ticks.map(s => place(h('span', { class: 'tl-tick' }, s === 0 ? '0' : shortDuration(s * 1000)),
      `${(s * 1000 / total) * 100}%`)));
    const pct = ms => `${Math.max(0, Math.min(100, (ms / total) * 100)).toFixed(3)}%`;
    // rows are kept and changed in place, so a bar a person points at or clicks is not replaced under them
    const keep = new Set();
    let prev = null;
    for (const t of tasks) {
      keep.add(t.id);
      const row = this.row(t.id);
      const start = t.start.getTime() - t0;
      const end = (t.end ? t.end.getTime() : now) - t0;
      const took = shortDuration(end - start);
      const name = t.node.Name || t.id;
      const said = `${name}: ${describe(t.node, t.state)}, took ${took}`;
      row.name.textContent = name;
      row.name.title = said;
      row.name.setAttribute('aria-label', said);
      row.bar.className = `tl-bar tl-state-${t.state}`;
      place(row.bar, pct(start), pct(end - start));
      place(row.took, pct(end));
      row.took.textContent = took;
      row.li.classList.toggle('tl-selected', this.selected === t.id);
      const want = prev ? prev.nextSibling : this.rows.firstChild;
      if (want !== row.li) this.rows.insertBefore(row.li, want);
      prev = row.li;
    }
    for (const [id, row] of this.byId) {
      if (!keep.has(id)) {
        row.li.remove();
        this.byId.delete(id);
      }
    }
  }
}

function place(e, left, width) {
  e.style.left = left;
  if (width !== undefined) e.style.width = width;
  return e;
}
