/**
 * log-view.js: a task's log, drawn virtually: only the lines in view (and a few around them) are in the page, so a
 * log of millions of lines scrolls as quickly as one of ten. Lines are fetched a page at a time when they come into
 * view, and the tail follows the live log while the view is scrolled to the bottom.
 */
import { h } from './dom.js';

/** Lines per request to the log API (it allows up to 10,000). */
export const LOG_PAGE = 2000;
const CHUNK = 1024;
/** Browsers cap an element's height (Chrome near 33.5 million px); beyond this the scroll bar is scaled. */
const MAX_PX = 15_000_000;
const OVERSCAN = 12;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

/** The lines of one log known so far, by index (sparse), and how many it has in all. */
export class LogModel {
  constructor() {
    this.total = 0;
    this.chunks = new Map();
  }

  get(i) {
    const c = this.chunks.get(Math.floor(i / CHUNK));
    return c ? c[i % CHUNK] : undefined;
  }

  /** Keeps {@code lines} from index {@code from} on. */
  put(from, lines) {
    for (let k = 0; k < lines.length; k++) {
      const i = from + k;
      const key = Math.floor(i / CHUNK);
      let c = this.chunks.get(key);
      if (!c) {
        c = new Array(CHUNK);
        this.chunks.set(key, c);
      }
      c[i % CHUNK] = lines[k];
    }
    this.total = Math.max(this.total, from + lines.length);
  }

  append(line) {
    this.put(this.total, [line]);
  }

  /** Whether any line in [from, to) is not known. */
  missing(from, to) {
    for (let i = from; i < to; i++) if (this.get(i) === undefined) return true;
    return false;
  }
}

/**
 * A scrolling view of a {@link LogModel}. {@code load(from, max)} answers a page of the log API ({Lines, From, Total});
 * without it only the lines put into the model are shown (the rest as unavailable).
 */
export class LogView {
  constructor(model, { load = null, label = 'Log', downloadUrl = null, unavailable = 'not available here' } = {}) {
    this.model = model;
    this.load = load;
    this.unavailable = unavailable;
    this.following = true;
    this.inflight = new Set();
    this.short = new Map(); // page -> the total when it came back short: not asked again until the log grows
    this.tailBusy = false;
    this.tailAgain = false;
    this.frame = 0;
    this.destroyed = false;
    this.pool = [];
    this.lineHeight = 18;
    this.autoTop = -1;

    this.count = h('span', { class: 'log-count' });
    this.follow = h('input', { type: 'checkbox', props: { checked: true }, on: { change: () => this.setFollowing(this.follow.checked) } });
    this.spacer = h('div', { class: 'log-spacer' });
    this.rows = h('div', { class: 'log-rows' });
    this.viewport = h('div', { class: 'log-viewport', tabindex: '0', role: 'log', 'aria-label': label },
      this.spacer, this.rows);
    this.el = h('div', { class: 'logview' },
      h('div', { class: 'log-toolbar' }, this.count,
        h('label', { class: 'log-follow' }, this.follow, ' Follow the end'),
        downloadUrl ? h('a', { href: downloadUrl, download: '', class: 'log-download' }, 'Download whole log') : null),
      this.viewport);
    this.viewport.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.resize = new ResizeObserver(() => this.schedule());
    this.resize.observe(this.viewport);
  }

  /** Call once the view is in the page: measures a line and draws. */
  attached() {
    const probe = h('div', { class: 'log-row' }, h('span', { class: 'log-text' }, 'M'));
    this.rows.appendChild(probe);
    this.lineHeight = probe.getBoundingClientRect().height || 18;
    probe.remove();
    this.render();
    this.toBottom();
  }

  /** The log grew (a live event). With {@code line} and no loader, that line is appended. */
  poke(line) {
    if (this.destroyed) return;
    if (!this.load) {
      if (line !== undefined) this.model.append(line);
      this.schedule();
      return;
    }
    if (this.tailBusy) {
      this.tailAgain = true;
      return;
    }
    this.fetchTail();
  }

  async fetchTail() {
    this.tailBusy = true;
    try {
      do {
        this.tailAgain = false;
        const from = this.model.total;
        // while following, the new lines are wanted; otherwise only how many there are now
        const page = await this.load(from, this.following ? LOG_PAGE : 1);
        if (this.destroyed) return;
        this.accept(page);
      } while (this.tailAgain);
    } catch (e) {
      // the view stays as it is; the next event or scroll tries again
    } finally {
      this.tailBusy = false;
    }
  }

  accept(page) {
    if (!page) return;
    this.model.put(page.From || 0, page.Lines || []);
    if (typeof page.Total === 'number') this.model.total = Math.max(this.model.total, page.Total);
    this.schedule();
  }

  setFollowing(on) {
    this.following = on;
    this.follow.checked = on;
    if (on) {
      this.toBottom();
      this.poke();
    }
  }

  toBottom() {
    this.following = true;
    this.follow.checked = true;
    this.render();
  }

  onScroll() {
    const v = this.viewport;
    // the view's own move to the end is no sign that the user wants to stop following
    if (this.following && Math.abs(v.scrollTop - this.autoTop) < 2) {
      this.schedule();
      return;
    }
    const atEnd = v.scrollTop + v.clientHeight >= v.scrollHeight - this.lineHeight;
    if (atEnd !== this.following) {
      this.following = atEnd;
      this.follow.checked = atEnd;
    }
    this.schedule();
  }

  schedule() {
    if (this.frame || this.destroyed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render() {
    if (this.destroyed) return;
    const total = this.model.total;
    const lh = this.lineHeight;
    const full = total * lh;
    const scaled = full > MAX_PX;
    const spacerH = scaled ? MAX_PX : full;
    this.spacer.style.height = `${spacerH}px`;
    const v = this.viewport;
    // short logs get a short box; long ones stop at the CSS max-height and scroll
    const want = `${Math.max(3, Math.min(total, 200)) * lh + 16}px`;
    if (v.style.height !== want) v.style.height = want;
    if (this.following) {
      v.scrollTop = v.scrollHeight;
      this.autoTop = v.scrollTop;
    }
    const viewH = v.clientHeight || 400;
    const visible = Math.ceil(viewH / lh) + 1;
    const top = v.scrollTop;
    let exact;
    if (scaled) {
      const maxScroll = Math.max(1, spacerH - viewH);
      exact = (Math.min(top, maxScroll) / maxScroll) * Math.max(0, total - visible + 1);
    } else {
      exact = top / lh;
    }
    const first = Math.floor(exact);
    const over = scaled ? 0 : OVERSCAN;
    const start = Math.max(0, first - over);
    const end = Math.min(total, first + visible + over);
    this.rows.style.transform = `translateY(${Math.max(0, top - (exact - start) * lh)}px)`;

    const n = Math.max(0, end - start);
    while (this.pool.length < n) {
      const num = h('span', { class: 'log-num', 'aria-hidden': 'true' });
      const text = h('span', { class: 'log-text' });
      const row = h('div', { class: 'log-row' }, num, text);
      this.pool.push({ row, num, text });
      this.rows.appendChild(row);
    }
    let gap = false;
    for (let k = 0; k < this.pool.length; k++) {
      const p = this.pool[k];
      if (k >= n) {
        p.row.hidden = true;
        continue;
      }
      const i = start + k;
      const line = this.model.get(i);
      p.row.hidden = false;
      p.num.textContent = String(i + 1);
      if (line === undefined) {
        gap = true;
        p.row.className = 'log-row log-missing';
        p.text.textContent = this.load ? '…' : `(${this.unavailable})`;
      } else {
        p.row.className = 'log-row';
        p.text.textContent = line.indexOf('\x1b') >= 0 ? line.replace(ANSI, '') : line;
      }
    }
    this.count.textContent = total === 1 ? '1 line' : `${total.toLocaleString('en')} lines`;
    if (gap && this.load) this.fetchRange(start, end);
  }

  /** Loads the pages that hold lines [from, to) and are not known or on their way. */
  fetchRange(from, to) {
    for (let p = Math.floor(from / LOG_PAGE); p * LOG_PAGE < to; p++) {
      const a = p * LOG_PAGE;
      if (this.inflight.has(p) || this.short.get(p) === this.model.total) continue;
      if (!this.model.missing(Math.max(a, from), Math.min(a + LOG_PAGE, to))) continue;
      this.inflight.add(p);
      this.load(a, LOG_PAGE)
        .then(page => {
          if (this.destroyed) return;
          this.accept(page);
          if (this.model.missing(Math.max(a, from), Math.min(a + LOG_PAGE, to, this.model.total))) {
            this.short.set(p, this.model.total);
          }
        })
        .catch(() => { /* shown as missing; scrolling asks again */ })
        .finally(() => this.inflight.delete(p));
    }
  }

  destroy() {
    this.destroyed = true;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.resize.disconnect();
    this.el.remove();
  }
}
