/**
 * router.js: maps /app/... paths to pages, with pushState navigation. Clicks on same-origin links to /app/... are
 * handled here (a new tab or window still works as a browser does it); back and forward re-route.
 */

const ROUTES = [
  { name: 'dash', pattern: /^\/app\/dash\/?$/ },
  { name: 'flow', pattern: /^\/app\/flows\/([^/]+)\/?$/, keys: ['fid'] },
  { name: 'run', pattern: /^\/app\/flows\/([^/]+)\/runs\/([^/]+)\/?$/, keys: ['fid', 'rid'] },
  { name: 'settings', pattern: /^\/app\/settings\/?$/ },
];

/** The page and its parameters for {@code pathname}; not-found when nothing matches. */
export function match(pathname) {
  if (pathname === '/' || pathname === '/app' || pathname === '/app/') return { name: 'dash', params: {} };
  for (const r of ROUTES) {
    const m = r.pattern.exec(pathname);
    if (m) {
      const params = {};
      (r.keys || []).forEach((k, i) => {
        try {
          params[k] = decodeURIComponent(m[i + 1]);
        } catch (e) {
          params[k] = m[i + 1];
        }
      });
      return { name: r.name, params };
    }
  }
  return { name: 'not-found', params: { path: pathname } };
}

/** Follows the address bar; {@code onRoute(match, location)} shows the page. */
export class Router {
  constructor(onRoute) {
    this.onRoute = onRoute;
  }

  start() {
    window.addEventListener('popstate', () => this.route());
    document.addEventListener('click', ev => this.intercept(ev));
  }

  /** Goes to {@code path} (adding a history entry unless {@code replace}). */
  go(path, { replace = false } = {}) {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.route();
  }

  /** Shows the page for the current address. */
  route() {
    this.onRoute(match(location.pathname), location);
  }

  intercept(ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = ev.target.closest && ev.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/app/')) return;
    // a link within the page (#…) is the browser's to follow
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    ev.preventDefault();
    if (url.pathname + url.search + url.hash !== location.pathname + location.search + location.hash) {
      this.go(url.pathname + url.search + url.hash);
    }
  }
}
