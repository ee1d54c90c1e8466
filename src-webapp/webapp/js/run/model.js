/**
 * run/model.js: what the run page knows of one run. The server's run view is the one source of truth for node states
 * (its Status and Result come from the engine's NodeResult); live events never decide how a node ended, they only
 * tell the model that the run changed, and it reads the run view again. One event is taken as it is said: a node's
 * start (sys.node.start) shows the node under way at once, so a short step is seen running even when the next read
 * finds it done. Reads are coalesced: one at a time, and one more after it when anything happened meanwhile, so a
 * flood of events costs two reads, not one per event.
 */
import { nodeState } from '../run-graph.js';
import { parseTime } from '../format.js';
import { eventRun } from '../live.js';

export class RunModel {
  /** {@code read()} answers the run view (a promise); listeners get (model, first) after each view is taken in. */
  constructor(read) {
    this.read = read;
    this.view = null;
    this.byId = new Map();
    this.order = [];
    this.listeners = [];
    this.inflight = null;
    this.dirty = false;
    this.lastRead = 0;
  }

  onChange(fn) {
    this.listeners.push(fn);
  }

  /** Reads the run view now, or once more after the read under way. Answers when the model holds a fresh view. */
  refresh() {
    if (this.inflight) {
      this.dirty = true;
      return this.inflight;
    }
    this.inflight = (async () => {
      try {
        do {
          this.dirty = false;
          this.lastRead = Date.now();
          this.take(await this.read());
        } while (this.dirty);
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  /** Takes in a run view from the server. */
  take(view) {
    const first = !this.view;
    this.view = view;
    this.byId.clear();
    this.order = [];
    const all = [...(view.Triggers || []), ...(view.Graph || []).flat(), ...(view.Unreachable || [])];
    for (const n of all) {
      if (!n || n.ID == null) continue;
      this.byId.set(String(n.ID), n);
      this.order.push(String(n.ID));
    }
    for (const fn of this.listeners) fn(this, first);
  }

  /**
   * An event of the websocket. Answers the node whose log grew (its id and line) for a log line, else null. Any
   * other event of this run, or a log line of a node not yet known to run, makes the model read the run again.
   */
  event(ev, fid, rid) {
    const at = eventRun(ev);
    if (at.fid !== fid || at.rid !== rid || !this.view) return null;
    const src = (ev.SourceNode && ev.SourceNode.ID) || '';
    const opts = ev.Opts || {};
    if (ev.Tag === 'sys.node.update' && 'update' in opts) {
      if (this.state(src) !== 'running') this.refresh();
      return { id: src, line: String(opts.update) };
    }
    if (ev.Tag === 'sys.node.start' && this.node(src) && !this.ended) {
      const n = this.node(src);
      Object.assign(n, { Status: n.Class === 'merge' ? 'waiting' : 'running', Result: '', Stopped: null,
        Started: new Date().toISOString() });
      for (const fn of this.listeners) fn(this, false);
    }
    this.refresh();
    return null;
  }

  get summary() {
    return (this.view && this.view.Summary) || {};
  }

  get ended() {
    return !!this.summary.Ended;
  }

  /** The node of the run view with this id, or null. */
  node(id) {
    return this.byId.get(String(id)) || null;
  }

  /** The drawn state of a node: its server Status/Result, or skipped once the run ended without reaching it. */
  state(id) {
    return nodeState(this.node(id), this.ended);
  }

  /** The first failed node, in drawing order. */
  firstFailed() {
    return this.order.find(id => this.state(id) === 'failed') || null;
  }

  /** The first running (or else waiting) node, in drawing order. */
  firstBusy() {
    return this.order.find(id => this.state(id) === 'running') || this.order.find(id => this.state(id) === 'waiting')
      || null;
  }

  /** The step a person wants in view first: the failed one, else the one under way. */
  focusNode() {
    return this.firstFailed() || (this.ended ? null : this.firstBusy());
  }

  /** The data nodes that wait for someone's input. */
  waitingForInput() {
    if (this.ended) return [];
    return this.order.map(id => this.node(id)).filter(n => n.Type === 'data' && n.Class !== 'trigger' && n.Enabled);
  }

  /** The task nodes that have started, with start and end (null while running) as Dates, in start order. */
  tasks() {
    const out = [];
    for (const id of this.order) {
      const n = this.node(id);
      if (n.Class === 'trigger') continue;
      const start = parseTime(n.Started);
      if (!start) continue;
      out.push({ id, node: n, start, end: parseTime(n.Stopped), state: this.state(id) });
    }
    return out.sort((a, b) => a.start - b.start || this.order.indexOf(a.id) - this.order.indexOf(b.id));
  }

  /** When the run started (or was adopted), and ended (null while it runs). */
  span() {
    const s = this.summary;
    return { start: parseTime(s.StartTime) || parseTime(s.Adopted), end: s.Ended ? parseTime(s.EndTime) : null };
  }
}
