/**
 * app.js: the dashboard's controller. It finds out who is logged in, shows the login page or the page the address
 * names, keeps one live event stream open while logged in and hands its events to the page on show, and reports
 * server or network trouble on the banner.
 */
import { Api, ApiError } from './api.js';
import { Router } from './router.js';
import { LiveEvents } from './live.js';
import { h, replace } from './dom.js';
import { mountLogin } from './pages/login.js';
import { mountDash } from './pages/dash.js';
import { mountFlow } from './pages/flow.js';
import { mountRun } from './pages/run.js';
import { mountSettings } from './pages/settings.js';
import { mountNotFound } from './pages/not-found.js';

const PAGES = { dash: mountDash, flow: mountFlow, run: mountRun, settings: mountSettings, 'not-found': mountNotFound };

/** The error banner under the header. */
class Banner {
  constructor() {
    this.box = document.getElementById('banner');
    this.text = document.getElementById('banner-text');
    this.kind = '';
    document.getElementById('banner-close').addEventListener('click', () => this.clear());
  }

  show(message, kind = 'error') {
    this.kind = kind;
    this.text.textContent = message;
    this.box.hidden = false;
  }

  clear(kind) {
    if (kind && kind !== this.kind) return;
    this.kind = '';
    this.box.hidden = true;
    this.text.textContent = '';
  }
}

class App {
  constructor() {
    this.main = document.getElementById('main');
    this.banner = new Banner();
    this.session = null;
    this.page = null;
    this.api = new Api({
      onUnauthorized: () => this.loggedOut('Your session has ended: log in again.'),
      onTrouble: text => this.banner.show(text, text.startsWith('Connectivity') ? 'network' : 'error'),
    });
    this.live = new LiveEvents({
      onEvent: ev => {
        // the newest event this page got, where a person (or a test) can see how far the page has caught up
        if (typeof ev.ID === 'number') document.getElementById('live').dataset.lastEvent = ev.ID;
        if (this.page && this.page.onEvent) this.page.onEvent(ev);
      },
      onResync: () => this.page && this.page.refresh && this.page.refresh(),
      onStatus: s => this.liveStatus(s),
      onRetryFailed: n => {
        // a stream that keeps failing may mean the session is gone: the API says so with a 401
        if (n % 3 === 2) this.api.get('/session', { quiet: true }).catch(() => {});
      },
    });
    this.router = new Router(m => this.show(m));
    this.ctx = { api: this.api, router: this.router, banner: this.banner, app: this };
  }

  async boot() {
    this.router.start();
    document.getElementById('logout').addEventListener('click', () => this.logout());
    setInterval(() => this.page && this.page.tick && this.page.tick(), 1000);
    setInterval(() => this.checkStore(), 10000);
    await this.checkSession();
  }

  /**
   * While the host's run store cannot write (GET /health answers 503), a banner says so and why: triggers are refused
   * and finished tasks wait in memory until it writes again.
   */
  async checkStore() {
    if (!this.session) return;
    try {
      const r = await fetch('/health', { cache: 'no-store' });
      if (r.status === 503) {
        const body = await r.json();
        this.storeProblem = 'This host cannot save runs: ' + (body.Store || 'the run store cannot write');
        this.banner.show(this.storeProblem, 'store');
      } else if (r.ok) {
        this.storeProblem = '';
        this.banner.clear('store');
      }
    } catch (e) {
      // the host is away: the live stream's status says so
    }
  }

  async checkSession() {
    try {
      const s = await this.api.get('/session', { auth: false });
      this.loggedIn(s);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        this.showLogin();
      } else {
        replace(this.main, h('section', { class: 'panel' },
          h('h1', { tabindex: '-1' }, 'The floe host did not answer'),
          h('p', null, e.message),
          h('button', { type: 'button', class: 'primary', on: { click: () => this.checkSession() } }, 'Try again')));
      }
    }
  }

  loggedIn(s) {
    this.session = s;
    this.api.csrf = s.Csrf || '';
    document.querySelector('.top-nav').hidden = false;
    const who = document.getElementById('who');
    who.textContent = s.User || '';
    who.hidden = !s.User;
    document.getElementById('logout').hidden = false;
    this.live.start('');
    this.checkStore();
    this.api.get('/host', { quiet: true }).then(c => {
      if (c && c.Config) this.live.hostId = c.Config.HostID || '';
    }).catch(() => {});
    this.router.route();
  }

  loggedOut(message) {
    const was = this.session;
    this.session = null;
    this.api.csrf = '';
    this.live.stop();
    this.showLogin(was ? message : '');
  }

  async logout() {
    try {
      await this.api.post('/logout', {}, { auth: false });
    } catch (e) {
      // logged out on this page either way
    }
    this.loggedOut('');
  }

  showLogin(message) {
    this.unmount();
    this.banner.clear();
    document.querySelector('.top-nav').hidden = true;
    document.getElementById('who').hidden = true;
    document.getElementById('logout').hidden = true;
    document.getElementById('live').hidden = true;
    document.title = 'Log in · floe';
    this.page = mountLogin(this.main, { message }, {
      ...this.ctx,
      // the address still names the page asked for: show it once logged in
      onLogin: s => this.loggedIn(s),
    });
    this.focusHeading();
  }

  show(match) {
    if (!this.session) {
      this.showLogin();
      return;
    }
    this.unmount();
    this.banner.clear();
    if (this.storeProblem) this.banner.show(this.storeProblem, 'store');
    for (const a of document.querySelectorAll('.top-nav a')) {
      if (a.dataset.nav === match.name) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
    this.main.replaceChildren();
    this.page = PAGES[match.name](this.main, match.params, this.ctx);
    this.focusHeading();
  }

  unmount() {
    if (this.page && this.page.unmount) this.page.unmount();
    this.page = null;
  }

  /** Moves focus to the new page's heading, so keyboard and screen reader users start there. */
  focusHeading() {
    const h1 = this.main.querySelector('h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
    }
  }

  liveStatus(s) {
    const el = document.getElementById('live');
    el.hidden = s === 'stopped';
    el.dataset.state = s;
    el.textContent = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' }[s] || '';
    el.title = s === 'live' ? 'Updates arrive as they happen' : 'Live updates are paused until the host answers again';
    if (s === 'live' && this.wasDown) {
      // the host is back: a page that could not be read while it was away reads itself again
      this.banner.clear('network');
      if (this.page && this.page.refresh) this.page.refresh();
    }
    this.wasDown = s === 'reconnecting';
  }
}

new App().boot();
