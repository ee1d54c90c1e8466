/**
 * dom.js: builds DOM nodes. Text always goes in as text (textContent / text nodes), never as markup, so whatever a
 * flow, a form or a log holds is shown as written and can not run.
 */

/**
 * Makes element {@code tag}. {@code attrs}: {@code class}, {@code text} (its text), {@code on} ({event: handler}),
 * {@code props} (DOM properties such as value or checked), and any other key as an attribute (null or false leave it
 * out, true sets it empty). Children are nodes, strings (as text), arrays of those, or null (skipped).
 */
export function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') e.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
      else if (k === 'text') e.textContent = String(v);
      else if (k === 'on') for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
      else if (k === 'props') Object.assign(e, v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(e, children);
  return e;
}

/** Appends children (nodes, strings as text, nested arrays; null skipped). */
export function append(parent, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

/** Replaces the children of {@code parent}. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** The dashboard path of a flow, a run or a node; each id is encoded. */
export const paths = {
  dash: () => '/app/dash',
  settings: () => '/app/settings',
  flow: fid => `/app/flows/${encodeURIComponent(fid)}`,
  run: (fid, rid) => `/app/flows/${encodeURIComponent(fid)}/runs/${encodeURIComponent(rid)}`,
};

/** A process-unique id for labels and aria references. */
let ids = 0;
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}
