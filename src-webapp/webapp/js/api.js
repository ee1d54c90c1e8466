/**
 * api.js: calls the floe host's API (the {"Message", "Payload"} envelope) from the browser session. Writes carry the
 * session's CSRF token. Trouble is sorted as the original dashboard did: 401 means "log in again", 5xx and network
 * failures are reported on the page's banner, everything else goes back to the caller to say near what failed.
 */

/** Where the API lives: a page may say otherwise with <meta name="floe-api" content="/my/base">. */
export const API_BASE = (document.querySelector('meta[name="floe-api"]') || {}).content || '/build/api';

/** A call that did not answer 2xx. {@code status} is 0 when the host could not be reached. */
export class ApiError extends Error {
  constructor(status, message, payload) {
    super(message);
    this.status = status;
    this.payload = payload;
  }
}

/** A client of one host's API. */
export class Api {
  /**
   * @param handlers {onUnauthorized(), onTrouble(text)}: called for a 401, and for a 5xx or a network failure.
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.csrf = '';
  }

  get(path, options) {
    return this.call('GET', path, undefined, options);
  }

  post(path, body, options) {
    return this.call('POST', path, body === undefined ? {} : body, options);
  }

  /**
   * Calls {@code method path} and answers the Payload. Options: {@code timeout} in ms (default 15 s), {@code auth}
   * false for calls where a 401 is an answer (login), {@code quiet} true to report nothing to the handlers.
   */
  async call(method, path, body, { timeout = 15000, auth = true, quiet = false } = {}) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeout);
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['X-Floe-Csrf'] = this.csrf;
    let res;
    try {
      res = await fetch(API_BASE + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin', signal: ctl.signal, cache: 'no-store',
      });
    } catch (e) {
      const why = ctl.signal.aborted ? `no answer within ${timeout / 1000} s` : 'the host could not be reached';
      if (!quiet) this.handlers.onTrouble(`Connectivity problem: ${why} (${method} ${path}).`);
      throw new ApiError(0, why);
    } finally {
      clearTimeout(timer);
    }
    let data = null;
    try {
      data = await res.json();
    } catch (e) {
      data = null; // not JSON: the status says enough
    }
    const message = data && typeof data.Message === 'string' ? data.Message : res.statusText;
    const payload = data ? data.Payload : null;
    if (res.ok) return payload;
    if (res.status === 401 && auth) {
      this.handlers.onUnauthorized();
    } else if (res.status >= 500 && !quiet) {
      this.handlers.onTrouble(`Call to server resulted in: ${res.status} ${message} (${method} ${path}).`);
    }
    throw new ApiError(res.status, message || `HTTP ${res.status}`, payload);
  }
}
