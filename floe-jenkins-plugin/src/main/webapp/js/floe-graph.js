/**
 * floe-graph.js: floe run graphs on Jenkins build pages, drawn by the floe dashboard's run-graph module, unchanged
 * (the build copies ../src-webapp/webapp/js/run-graph.js next to this file).
 *
 * Every element <div class="floe-graph" data-graph-url="…/floe-graph/graph" data-live="true|false"> gets the graph
 * of that JSON. A live graph is fetched again every two seconds until its run ends. On the full page
 * (data-details="true") a click on a node shows its times and last log lines, and the page reloads when a data node
 * starts or stops waiting for input (data-waiting lists those it was rendered with), so its form appears.
 *
 * CSP-safe: loaded from a file, no inline code, no markup built from strings: everything from the run is set as text.
 */
import { drawRunGraph, nodeState, STATES } from './run-graph.js';

const POLL_MS = 2000;

for (const box of document.querySelectorAll('.floe-graph[data-graph-url]')) {
  if (!box.dataset.floeGraph) {
    box.dataset.floeGraph = 'shown';
    follow(box);
  }
}

async function follow(box) {
  const details = box.dataset.details === 'true' ? new NodeDetails(box) : null;
  const renderedWaiting = box.dataset.waiting || '';
  let graph = null;
  let view = null;
  let selected = null;
  let live = box.dataset.live === 'true';
  do {
    try {
      view = await fetchView(box.dataset.graphUrl);
    } catch (e) {
      say(box, `The run graph could not be loaded (${e.message}).`);
      return;
    }
    const ended = !!(view.Summary && view.Summary.Ended);
    if (!graph) {
      box.textContent = '';
      graph = drawRunGraph(box, view, {
        label: `Steps of ${view.Name || 'the floe run'}`,
        onSelect: id => {
          selected = id;
          if (details) details.show(find(view, id), graph.stateOf(id));
        },
      });
    } else {
      graph.updateAll(view);
    }
    if (details && selected) details.show(find(view, selected), graph.stateOf(selected));
    if (details && live && waitingIds(view) !== renderedWaiting) {
      window.location.reload();
      return;
    }
    live = live && !ended;
    if (live) await delay(POLL_MS);
  } while (live);
}

async function fetchView(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  return res.json();
}

function allNodes(view) {
  return [...(view.Triggers || []), ...(view.Graph || []).flat(), ...(view.Unreachable || [])];
}

function find(view, id) {
  return allNodes(view).find(n => n && String(n.ID) === String(id)) || null;
}

/** The data tasks waiting for input, as the server lists them in data-waiting. */
function waitingIds(view) {
  return (view.Graph || []).flat().concat(view.Unreachable || [])
    .filter(n => n && n.Enabled && n.Type === 'data' && n.Class !== 'trigger')
    .map(n => n.ID).join(',');
}

function delay(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function say(box, text) {
  const p = box.ownerDocument.createElement('p');
  p.className = 'floe-graph-note';
  p.textContent = text;
  box.replaceChildren(p);
}

/** The panel under the full graph with the selected node's state, times and log tail. */
class NodeDetails {
  constructor(box) {
    const doc = box.ownerDocument;
    this.panel = doc.createElement('section');
    this.panel.className = 'floe-node-details';
    this.panel.hidden = true;
    this.title = doc.createElement('h2');
    this.facts = doc.createElement('p');
    this.log = doc.createElement('pre');
    this.log.className = 'floe-log';
    this.panel.append(this.title, this.facts, this.log);
    box.after(this.panel);
  }

  show(node, state) {
    if (!node) {
      this.panel.hidden = true;
      return;
    }
    this.panel.hidden = false;
    this.title.textContent = `${node.Name || node.ID} (${node.ID})`;
    const words = [STATES[state || nodeState(node, false)] || state];
    if (node.Started && !node.Started.startsWith('0001-')) words.push(`started ${new Date(node.Started).toLocaleString()}`);
    if (node.Stopped && !node.Stopped.startsWith('0001-')) words.push(`ended ${new Date(node.Stopped).toLocaleString()}`);
    if (node.Error) words.push(node.Error);
    this.facts.textContent = words.join(' · ');
    const logs = node.Logs || [];
    const shown = node.LogLines > logs.length ? [`… ${node.LogLines - logs.length} earlier lines are in the build log`] : [];
    this.log.textContent = shown.concat(logs).join('\n');
    this.log.hidden = logs.length === 0;
  }
}
