/** What an address that names no page shows. */
import { h, paths } from '../dom.js';

export function mountNotFound(main, { path }) {
  document.title = 'Not found · floe';
  main.replaceChildren(h('section', { class: 'panel' },
    h('h1', null, 'Page not found'),
    h('p', null, 'There is no page at ', h('code', null, path || ''), '.'),
    h('p', null, h('a', { href: paths.dash() }, 'Go to the dashboard'))));
  return {};
}
