/**
 * live.js: the host's live event stream (/ws). One connection per logged-in page; when it drops it reconnects with a
 * growing pause, asking for the events it missed ({@code ?after=<last event ID>}), so pages catch up without a reload.
 * When the host no longer has them all (a "sys.ws.gap" event), or the stream could not resume where it stopped, the
 * pages are told to reload their data instead.
 */

const GAP_TAG = 'sys.ws.gap';
const FIRST_PAUSE = 500;
const MAX_PAUSE = 5000;

/** The event stream of one host. */
export class LiveEvents {
  /**
   * @param handlers {onEvent(event), onResync(), onStatus('connecting'|'live'|'reconnecting'|'stopped'),
   *   onRetryFailed(attempts)}
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.socket = null;
    this.lastId = 0;
    this.hostId = '';
    this.attempts = 0;
    this.timer = null;
    this.running = false;
    this.everOpen = false;
  }

  /** Opens the stream; {@code hostId} tells this host's own events (whose IDs are the resume cursor) from relayed ones. */
  start(hostId) {
    this.hostId = hostId || '';
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Closes the stream for good (logout). */
  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = null;
    if (this.socket) {
      const s = this.socket;
      this.socket = null;
      s.close(1000, 'logged out');
    }
    this.lastId = 0;
    this.everOpen = false;
    this.status('stopped');
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const resuming = this.everOpen && this.lastId > 0;
    const url = `${scheme}//${location.host}/ws` + (resuming ? `?after=${this.lastId}` : '');
    this.status(this.everOpen ? 'reconnecting' : 'connecting');
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (e) {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      const wasOpen = this.everOpen;
      this.everOpen = true;
      this.attempts = 0;
      this.status('live');
      // without a cursor nothing can be replayed: what happened while away, or before the stream first opened (after
      // the page read its data), is read again instead
      if (!resuming) this.handlers.onResync();
    };
    socket.onmessage = msg => {
      if (socket !== this.socket) return;
      let ev;
      try {
        ev = JSON.parse(msg.data);
      } catch (e) {
        return; // not an event: nothing to show
      }
      if (ev.Tag === GAP_TAG) {
        this.handlers.onResync();
        return;
      }
      if (this.isLocal(ev) && typeof ev.ID === 'number' && ev.ID > this.lastId) this.lastId = ev.ID;
      this.handlers.onEvent(ev);
    };
    socket.onclose = () => {
      if (socket !== this.socket) return;
      this.socket = null;
      if (this.running) this.retry();
    };
    socket.onerror = () => { /* onclose follows and retries */ };
  }

  retry() {
    this.attempts += 1;
    this.status('reconnecting');
    if (this.attempts > 1 && this.handlers.onRetryFailed) this.handlers.onRetryFailed(this.attempts);
    const pause = Math.min(MAX_PAUSE, FIRST_PAUSE * 2 ** Math.min(this.attempts - 1, 4));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) this.connect();
    }, pause * (0.8 + Math.random() * 0.4));
  }

  /** Events of this host carry its event counter; relayed ones carry another host's, which is no cursor here. */
  isLocal(ev) {
    if (!this.hostId) return true;
    const ref = ev.RunRef || {};
    const origin = ref.ExecHost || (ref.Run && ref.Run.HostID) || '';
    return origin === '' || origin === this.hostId;
  }

  status(s) {
    if (this.handlers.onStatus) this.handlers.onStatus(s);
  }
}

/** The run id ({@code <host>-<n>}) and flow id an event belongs to. */
export function eventRun(ev) {
  const ref = (ev && ev.RunRef) || {};
  const run = ref.Run || {};
  return { fid: (ref.FlowRef && ref.FlowRef.ID) || '', rid: run.ID ? `${run.HostID}-${run.ID}` : '' };
}
