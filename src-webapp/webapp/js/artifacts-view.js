/**
 * artifacts-view.js: the run page's list of the files a run's tasks kept (a task's `artifacts` option), each a
 * download link, and the notes on files that were not kept (a link out of the workspace, over the run's size limit).
 * Mounted by the run page with showArtifacts(body, api, base, view) on each new view of the run: the list is read
 * again whenever a task has ended since it was last read, so it fills in as the run goes on.
 */
import { h, replace } from './dom.js';
import { API_BASE } from './api.js';
import { formatBytes } from './format-bytes.js';

const views = new WeakMap(); // the run page's body -> its ArtifactsView

/** Shows the artifacts of the run whose page body is {@code body}; {@code view} is the page's latest run view. */
export function showArtifacts(body, api, base, view) {
  let v = views.get(body);
  if (!v) {
    v = new ArtifactsView(api, base);
    views.set(body, v);
    body.append(v.el);
  }
  v.update(view);
}

/** A run's artifacts section; hidden while the run has kept nothing and has nothing to say about it. */
export class ArtifactsView {
  constructor(api, base) {
    this.api = api;
    this.base = base;
    this.key = null;
    this.loading = null;
    this.list = h('ul', { class: 'artifact-list' });
    this.notes = h('ul', { class: 'artifact-notes' });
    this.el = h('section', { class: 'artifacts', 'aria-labelledby': 'sec-artifacts', hidden: true },
      h('h2', { id: 'sec-artifacts' }, 'Artifacts'), this.notes, this.list);
    styles();
  }

  /** Reads the list again when a task ended or the run ended since the last read. */
  update(view) {
    const nodes = ((view && view.Graph) || []).flat();
    const ended = nodes.filter(n => n.Result || n.Stopped).map(n => `${n.ID}@${n.Stopped || n.Result}`);
    const key = `${view && view.Summary && view.Summary.Ended}|${ended.join(',')}`;
    if (key === this.key) return;
    this.key = key;
    this.load();
  }

  async load() {
    try {
      const kept = await this.api.get(`${this.base}/artifacts`, { quiet: true });
      this.show(kept || {});
    } catch (e) {
      // an older host has no such route: the page goes on without the section
    }
  }

  show({ Files = [], Notes = [] }) {
    replace(this.list, ...Files.map(f => this.item(f)));
    replace(this.notes, ...Notes.map(n => h('li', { class: 'artifact-note' }, h('span', { class: 'artifact-node' }, n.Node), ' ', n.Message)));
    this.el.hidden = Files.length === 0 && Notes.length === 0;
  }

  item(f) {
    const href = `${API_BASE}${this.base}/artifacts/${encodeURIComponent(f.Node)}/${String(f.Path).split('/').map(encodeURIComponent).join('/')}`;
    const name = String(f.Path).split('/').pop();
    return h('li', { class: 'artifact' },
      h('span', { class: 'artifact-node' }, f.Node),
      h('a', { href, download: name, class: 'artifact-link' }, f.Path),
      h('span', { class: 'artifact-size' }, formatBytes(f.Size)));
  }
}

/** The section's own style sheet, loaded once beside the module (the page's CSP allows only files of this host). */
function styles() {
  if (document.querySelector('link[data-floe="artifacts"]')) return;
  const href = new URL('../css/artifacts.css', import.meta.url).href;
  document.head.append(h('link', { rel: 'stylesheet', href, 'data-floe': 'artifacts' }));
}
