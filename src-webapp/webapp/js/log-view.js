/**
 * log-view.js: a task's log, drawn virtually: only the lines in view (and a few around them) are in the page, so a
 * log of millions of lines scrolls as quickly as one of ten. Lines are fetched a page at a time when they come into
 * view, and the tail follows the live log while the view is scrolled to the bottom: following shows only lines it
 * has, never placeholders for lines still on their way. Terminal colours are drawn (ansi.js); a search box asks the
 * host to search the whole log, and each line number links to that line.
 */
import { h, replace, uid } from './dom.js';
import { ansiRuns, plainText } from './ansi.js';

/** Lines per request to the log API (it allows up to 10,000). */
export const LOG_PAGE = 2000;
const CHUNK = 1024;
/** Browsers cap an element's height (Chrome near 33.5 million px); beyond this the scroll bar is scaled. */
const MAX_PX = 15_000_000;
const OVERSCAN = 12;

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
  /**
   * Options: {@code load(from, max)}; {@code search(text, from)} answering the log search API ({Matches, Next});
   * {@code lineHref(n)} the link of line n (from 1); {@code onLine(n)} called when a person picks a line.
   */
  constructor(model, { load = null, label = 'Log', downloadUrl = null, unavailable = 'not available here',
    search = null, lineHref = null, onLine = null } = {}) {
    this.model = model;
    this.load = load;
    this.searchApi = search;
    this.lineHref = lineHref;
    this.onLine = onLine;
    this.marked = 0; // the line (from 1) a link or a search pointed at
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
    this.autoTop = NaN; // NaN: no move of the view's own to tell from a reader's
    this.jumpTop = NaN;

    this.count = h('span', { class: 'log-count' });
    this.follow = h('input', { type: 'checkbox', props: { checked: true }, on: { change: () => this.setFollowing(this.follow.checked) } });
    this.spacer = h('div', { class: 'log-spacer' });
    this.rows = h('div', { class: 'log-rows' });
    this.viewport = h('div', { class: 'log-viewport', tabindex: '0', role: 'log', 'aria-label': label },
      this.spacer, this.rows);
    this.hits = h('div', { class: 'log-hits', hidden: true });
    this.el = h('div', { class: 'logview' },
      h('div', { class: 'log-toolbar' }, this.count,
        h('label', { class: 'log-follow' }, this.follow, ' Follow the end'),
        downloadUrl ? h('a', { href: downloadUrl, download: '', class: 'log-download' }, 'Download whole log') : null,
        search ? this.searchBox() : null),
      this.hits,
      this.viewport);
    this.rows.addEventListener('click', ev => {
      const a = ev.target.closest && ev.target.closest('a.log-num');
      if (!a) return;
      ev.preventDefault();
      this.pick(Number(a.dataset.line));
    });
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
        const following = this.following;
        // while following, the new lines are wanted; otherwise only how many there are now
        let page = await this.load(from, following ? LOG_PAGE : 1);
        if (this.destroyed) return;
        const got = from + ((page && page.Lines) || []).length;
        if (following && page && page.Total > got) {
          // far behind (a first look at a long log, or a burst): the end is what a follower wants, so read the last
          // page; the lines between stay unknown until someone scrolls up to them
          this.accept(page, true);
          page = await this.load(Math.max(got, page.Total - LOG_PAGE), LOG_PAGE);
          if (this.destroyed) return;
          const end = (page.From || 0) + (page.Lines || []).length;
          if (page.Total > end) this.tailAgain = true;
        }
        // a follower's view grows by the lines it has, so its end never shows placeholders
        this.accept(page, following);
      } while (this.tailAgain);
      this.tailRetry = 0;
    } catch (e) {
      // the view stays as it is and tries again soon: the log's last event may have come already (the task ended),
      // and then no later event would bring its end (seen on a loaded machine: a page read timed out)
      if (!this.destroyed) {
        this.tailRetry = Math.min(8000, (this.tailRetry || 250) * 2);
        this.retryTimer = setTimeout(() => { this.retryTimer = 0; this.poke(); }, this.tailRetry);
      }
    } finally {
      this.tailBusy = false;
    }
  }

  /** Keeps a page of lines; with {@code knownOnly} the view does not grow past them to the log's total. */
  accept(page, knownOnly = false) {
    if (!page) return;
    this.model.put(page.From || 0, page.Lines || []);
    if (!knownOnly && typeof page.Total === 'number') this.model.total = Math.max(this.model.total, page.Total);
    this.schedule();
  }

  /** Shows line {@code n} (from 1) marked, near the top third of the view, and stops following. */
  showLine(n) {
    if (!(n >= 1)) return;
    this.marked = n;
    if (this.model.total < n) this.model.total = n; // the log may be longer than seen yet; its lines are fetched
    this.following = false;
    this.follow.checked = false;
    const v = this.viewport;
    const lh = this.lineHeight;
    this.render(); // sizes the spacer for the total
    const viewH = v.clientHeight || 400;
    const full = this.model.total * lh;
    if (full > MAX_PX) {
      const visible = Math.ceil(viewH / lh) + 1;
      const maxScroll = Math.max(1, MAX_PX - viewH);
      v.scrollTop = (Math.max(0, n - 1 - visible / 3) / Math.max(1, this.model.total - visible + 1)) * maxScroll;
    } else {
      v.scrollTop = Math.max(0, (n - 1) * lh - viewH / 3);
    }
    // this move is no sign that the reader wants to follow the end, even when the line is near it
    this.jumpTop = v.scrollTop;
    this.render();
  }

  pick(n) {
    this.showLine(n);
    if (this.onLine) this.onLine(n);
  }

  searchBox() {
    const id = uid('log-search');
    const input = h('input', { id, name: 'q', type: 'search', class: 'log-search-text',
      placeholder: 'Search the whole log', enterkeyhint: 'search' });
    const form = h('form', { class: 'log-search', role: 'search' },
      h('label', { for: id, class: 'sr-only' }, 'Search the whole log'), input,
      h('button', { type: 'submit', class: 'quiet' }, 'Search'));
    form.addEventListener('submit', ev => {
      ev.preventDefault();
      this.runSearch(input.value.trim(), 0, false);
    });
    return form;
  }

  /** Asks the host for the lines holding {@code text} from line {@code from}; {@code more} adds to the list shown. */
  async runSearch(text, from, more) {
    if (!text) {
      this.hits.hidden = true;
      this.hits.replaceChildren();
      return;
    }
    const status = h('p', { class: 'log-hits-status', role: 'status' }, 'Searching…');
    if (!more) replace(this.hits, status);
    else this.hits.appendChild(status);
    this.hits.hidden = false;
    let found;
    try {
      found = await this.searchApi(text, from);
    } catch (e) {
      status.className = 'log-hits-status error';
      status.textContent = `The log could not be searched: ${e.message}`;
      return;
    }
    if (this.destroyed) return;
    status.remove();
    let list = this.hits.querySelector('ol');
    if (!list) {
      list = h('ol', { class: 'log-hit-list' });
      this.hits.appendChild(list);
    }
    for (const m of found.Matches || []) {
      const link = h('a', { href: this.lineHref ? this.lineHref(m.Line) : '#', class: 'log-hit' },
        h('span', { class: 'log-hit-num' }, `line ${m.Line.toLocaleString('en')}`), ' ',
        h('span', { class: 'log-hit-text' }, plainText(m.Text)));
      link.addEventListener('click', ev => {
        ev.preventDefault();
        this.pick(m.Line);
      });
      list.appendChild(h('li', null, link));
    }
    const count = list.children.length;
    const old = this.hits.querySelector('.log-hits-more');
    if (old) old.remove();
    const summary = this.hits.querySelector('.log-hits-summary') || h('p', { class: 'log-hits-summary' });
    summary.textContent = count === 0 ? `No line holds “${text}”.`
      : `${count.toLocaleString('en')} ${count === 1 ? 'line holds' : 'lines hold'} “${text}”${found.Next >= 0 ? ' so far' : ''}.`;
    this.hits.insertBefore(summary, list);
    if (found.Next >= 0) {
      this.hits.appendChild(h('button', { type: 'button', class: 'quiet log-hits-more',
        on: { click: () => this.runSearch(text, found.Next, true) } }, 'More matches'));
    }
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
    if ((this.following && Math.abs(v.scrollTop - this.autoTop) < 2) || Math.abs(v.scrollTop - this.jumpTop) < 2) {
      this.schedule();
      return;
    }
    this.jumpTop = NaN;
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
      const num = h('a', { class: 'log-num', tabindex: '-1' });
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
      if (p.at !== i) {
        p.num.textContent = String(i + 1);
        p.num.dataset.line = String(i + 1);
        p.num.setAttribute('href', this.lineHref ? this.lineHref(i + 1) : `#line=${i + 1}`);
        p.num.setAttribute('aria-label', `line ${i + 1}`);
      }
      const mark = this.marked === i + 1 ? ' log-mark' : '';
      if (line === undefined) {
        gap = true;
        p.row.className = 'log-row log-missing' + mark;
        p.text.textContent = this.load ? '…' : `(${this.unavailable})`;
        p.at = -1;
      } else {
        p.row.className = 'log-row' + mark;
        if (p.at !== i || p.line !== line) drawLine(p.text, line);
        p.at = i;
        p.line = line;
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
    this.marked = 0;
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.resize.disconnect();
    this.el.remove();
  }
}

/** Draws one line into {@code text}: plain text as is, coloured text as spans with classes (as text, never markup). */
function drawLine(text, line) {
  if (line.indexOf('\x1b') < 0) {
    text.textContent = line;
    return;
  }
  text.replaceChildren(...ansiRuns(line).map(r => (r.classes ? h('span', { class: r.classes }, r.text)
    : document.createTextNode(r.text))));
}
