/**
 * run/graph-view.js: the run graph in a window that fits the screen: drawn fitted to the window's width and a height
 * the screen has room for, at a scale people can still read; panned by dragging, zoomed with the wheel or the
 * buttons; and with the failed or running step in view at first sight.
 */
import { h } from '../dom.js';
import { drawRunGraph } from '../run-graph.js';

/** Below this scale node names are too small to read: a graph that needs less is panned instead. */
const READABLE = 0.6;
const MIN = 0.15;
const MAX = 2.5;
const STEP = 1.25;

export class GraphView {
  constructor({ label, onSelect }) {
    this.label = label;
    this.onSelect = onSelect;
    this.graph = null;
    this.touched = false; // once a person pans or zooms, the view stays where they put it
    this.scale = 1;
    this.x = 0;
    this.y = 0;
    this.stage = h('div', { class: 'graph-stage' });
    this.box = h('div', { class: 'graph-window', tabindex: '-1' }, this.stage);
    const zoomOut = h('button', { type: 'button', class: 'quiet', 'aria-label': 'Zoom out', title: 'Zoom out',
      on: { click: () => this.byHand(() => this.zoomBy(1 / STEP)) } }, '−');
    const zoomIn = h('button', { type: 'button', class: 'quiet', 'aria-label': 'Zoom in', title: 'Zoom in',
      on: { click: () => this.byHand(() => this.zoomBy(STEP)) } }, '+');
    this.zoomText = h('span', { class: 'zoom-level', 'aria-live': 'polite' });
    this.controls = h('div', { class: 'zoom-controls', role: 'group', 'aria-label': 'Zoom the graph' },
      zoomOut, this.zoomText, zoomIn,
      h('button', { type: 'button', class: 'quiet', on: { click: () => this.byHand(() => this.fit(true)) } }, 'Fit'),
      h('button', { type: 'button', class: 'quiet', on: { click: () => this.byHand(() => this.zoomTo(1)) } }, '100%'));
    this.el = this.box;
    this.box.addEventListener('wheel', ev => this.onWheel(ev), { passive: false });
    this.dragging = null;
    this.box.addEventListener('pointerdown', ev => this.onDown(ev));
    this.box.addEventListener('pointermove', ev => this.onMove(ev));
    this.box.addEventListener('pointerup', ev => this.onUp(ev));
    this.box.addEventListener('pointercancel', ev => this.onUp(ev));
    // a drag ends with a click on whatever is under the pointer: that is no choice of a step
    this.box.addEventListener('click', ev => {
      if (this.dragged) {
        ev.stopPropagation();
        ev.preventDefault();
        this.dragged = false;
      }
    }, true);
    this.resize = new ResizeObserver(() => this.onResize());
  }

  /** Draws the run view's graph (once) and fits it, bringing {@code focusId} into view. */
  draw(view, focusId) {
    const t0 = performance.now();
    this.graph = drawRunGraph(this.stage, view, { onSelect: this.onSelect, label: this.label });
    performance.measure('floe:run-graph-draw', { start: t0, end: performance.now() });
    this.fit(false);
    if (focusId) this.reveal(focusId);
    this.width = this.box.clientWidth;
    this.resize.observe(this.box);
  }

  /** Fits the graph to the window: whole if it stays readable, else at a readable scale from its start. */
  fit(whole) {
    if (!this.graph) return;
    const { width, height } = this.graph.size;
    const room = Math.max(120, this.box.clientWidth);
    // as tall as the screen has room for below the window's top, so the graph's lower part is not below the fold
    const top = this.box.getBoundingClientRect().top + window.scrollY;
    const tallest = Math.max(240, Math.round(Math.min(window.innerHeight * 0.62, window.innerHeight - top - 16)));
    let s = Math.min(1, room / width, tallest / height);
    if (!whole) s = Math.max(s, Math.min(1, READABLE));
    this.scale = Math.max(MIN, s);
    this.box.style.height = `${Math.ceil(Math.min(tallest, height * this.scale)) + 2}px`;
    this.x = Math.max(0, (room - width * this.scale) / 2);
    this.y = 0;
    this.apply();
  }

  zoomBy(f) {
    const r = this.box.getBoundingClientRect();
    this.zoomAround(this.scale * f, r.width / 2, r.height / 2);
  }

  zoomTo(s) {
    const r = this.box.getBoundingClientRect();
    this.zoomAround(s, r.width / 2, r.height / 2);
  }

  /** Zooms to scale {@code s} keeping the drawing's point under (px, py) of the window where it is. */
  zoomAround(s, px, py) {
    const next = Math.min(MAX, Math.max(MIN, s));
    const gx = (px - this.x) / this.scale, gy = (py - this.y) / this.scale;
    this.scale = next;
    this.x = px - gx * next;
    this.y = py - gy * next;
    this.apply();
  }

  byHand(action) {
    this.touched = true;
    action();
  }

  /** Brings the step that matters now (failed, running) into view, unless a person has moved the view. */
  follow(id) {
    if (!this.touched && id && id !== this.followed) {
      this.followed = id;
      this.reveal(id);
    }
  }

  /** Pans so node {@code id} is inside the window (centred when it was out of it). */
  reveal(id) {
    const n = this.graph && this.graph.nodes.get(String(id));
    if (!n) return;
    const w = this.box.clientWidth, hgt = this.box.clientHeight;
    const left = this.x + n.x * this.scale, top = this.y + n.y * this.scale;
    const right = left + 160 * this.scale, bottom = top + 48 * this.scale;
    if (left >= 0 && top >= 0 && right <= w && bottom <= hgt) return;
    this.x = w / 2 - (n.x + 80) * this.scale;
    this.y = hgt / 2 - (n.y + 24) * this.scale;
    this.apply();
  }

  /** Keeps part of the drawing in the window, and moves it there. */
  apply() {
    const { width, height } = this.graph.size;
    const w = this.box.clientWidth, hgt = this.box.clientHeight;
    const gw = width * this.scale, gh = height * this.scale;
    this.x = gw <= w ? Math.min(Math.max(this.x, 0), w - gw) : Math.min(0, Math.max(this.x, w - gw));
    this.y = gh <= hgt ? Math.min(Math.max(this.y, 0), hgt - gh) : Math.min(0, Math.max(this.y, hgt - gh));
    this.stage.style.transform = `translate(${this.x}px, ${this.y}px) scale(${this.scale})`;
    this.zoomText.textContent = `${Math.round(this.scale * 100)}%`;
  }

  onResize() {
    const w = this.box.clientWidth;
    if (!this.graph || w === this.width) return;
    this.width = w;
    this.apply();
  }

  onWheel(ev) {
    if (!this.graph) return;
    ev.preventDefault();
    this.touched = true;
    const r = this.box.getBoundingClientRect();
    const f = Math.exp(-Math.max(-100, Math.min(100, ev.deltaY)) * 0.002);
    this.zoomAround(this.scale * f, ev.clientX - r.left, ev.clientY - r.top);
  }

  onDown(ev) {
    if (ev.button !== 0 || !this.graph) return;
    this.dragging = { id: ev.pointerId, sx: ev.clientX, sy: ev.clientY, x: this.x, y: this.y, moved: false };
    this.dragged = false;
  }

  onMove(ev) {
    const d = this.dragging;
    if (!d || d.id !== ev.pointerId) return;
    const dx = ev.clientX - d.sx, dy = ev.clientY - d.sy;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    if (!d.moved) {
      d.moved = true;
      this.touched = true;
      this.box.setPointerCapture(ev.pointerId);
      this.box.classList.add('panning');
    }
    this.x = d.x + dx;
    this.y = d.y + dy;
    this.apply();
  }

  onUp(ev) {
    const d = this.dragging;
    if (!d || d.id !== ev.pointerId) return;
    this.dragging = null;
    this.dragged = d.moved;
    this.box.classList.remove('panning');
  }

  destroy() {
    this.resize.disconnect();
  }
}
