/** runs.js: run summaries as the dashboard and the flow page list them, with times that keep themselves current. */
import { h, paths } from './dom.js';
import { ago, duration, longTime, parseTime, runId, statusWord } from './format.js';

/** What a run summary's label says: how it ended (good, bad, cancelled) once ended, else its status. */
export function runState(s) {
  if (!s.Ended) return s.Status;
  return s.Result || (s.Good ? 'good' : 'bad');
}

/** A status label: words and a colour class (status-running, status-good, status-bad, status-cancelled, …). */
export function statusBadge(status, words) {
  const s = status || 'new';
  return h('span', { class: `badge status-${s}` }, words || statusWord(s));
}

/** "N minutes ago" for an API time, kept current by {@link tickTimes}. */
export function agoTime(apiTime) {
  const d = parseTime(apiTime);
  if (!d) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: d.toISOString(), title: longTime(d), 'data-ago': d.toISOString() }, ago(d));
}

/** How long from start to end; while there is no end it counts up (kept current by {@link tickTimes}). */
export function tookTime(start, end) {
  const a = parseTime(start);
  if (!a) return h('span', { class: 'muted' }, '—');
  const b = parseTime(end);
  const e = h('span', { class: 'took' }, duration((b || new Date()) - a));
  if (!b) e.dataset.since = a.toISOString();
  return e;
}

/** Brings every relative time and running duration under {@code root} up to now. */
export function tickTimes(root) {
  const now = new Date();
  for (const e of root.querySelectorAll('[data-since]')) e.textContent = duration(now - new Date(e.dataset.since));
  for (const e of root.querySelectorAll('[data-ago]')) {
    const text = ago(new Date(e.dataset.ago), now);
    if (e.textContent !== text) e.textContent = text;
  }
}

/** Who or what started a run, in words (a user name, "webhook delivery … of …", "timer …"), or empty. */
export function startedBy(s) {
  return (s && s.StartedBy && s.StartedBy.Text) || '';
}

/** When a summary's run started, or was adopted when it has not started yet. */
export function runStart(s) {
  return parseTime(s.StartTime) ? s.StartTime : s.Adopted;
}

/** A table of run summaries of flow {@code fid}. */
export function runsTable(list, fid, { caption, empty = 'None.' } = {}) {
  if (!list || !list.length) return h('p', { class: 'muted empty' }, empty);
  // in a box of its own that scrolls sideways, so a narrow screen never scrolls the page
  return h('div', { class: 'table-scroll' }, h('table', { class: 'runs' },
    caption ? h('caption', { class: 'sr-only' }, caption) : null,
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Run'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Started'),
      h('th', { scope: 'col' }, 'Took'), h('th', { scope: 'col' }, 'Host'), h('th', { scope: 'col' }, 'Started by'),
      h('th', { scope: 'col' }, 'Note'))),
    h('tbody', null, list.map(s => {
      const rid = runId(s.Ref);
      return h('tr', { 'data-run': rid },
        h('td', null, h('a', { href: paths.run(fid, rid) }, rid)),
        h('td', null, statusBadge(runState(s))),
        h('td', null, agoTime(runStart(s))),
        h('td', null, s.Status === 'pending' ? h('span', { class: 'muted' }, 'waiting…') : tookTime(s.StartTime, s.Ended ? s.EndTime : null)),
        h('td', null, s.ExecHost || (s.Ref && s.Ref.ExecHost) || ''),
        h('td', { class: 'started-by' }, startedBy(s)),
        h('td', { class: 'note' }, s.Reason || ''));
    }))));
}
