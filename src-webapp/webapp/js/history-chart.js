/**
 * history-chart.js: a flow's recent runs as a bar chart, oldest on the left: a bar's height is how long the run took
 * (still counting for a running one), its colour how it ended; a click (or Enter) opens the run. Plain SVG, sized by
 * its viewBox so it fits any width.
 */
import { paths } from './dom.js';
import { duration, parseTime, runId, statusWord } from './format.js';
import { runState } from './runs.js';

const NS = 'http://www.w3.org/2000/svg';
const BAR = 14, GAP = 4, HEIGHT = 110, TOP = 16, BOTTOM = 4, LEFT = 4;

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  for (const c of children) if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** How long a summary's run took, or has taken until {@code now}; null before it started. */
function took(s, now) {
  const a = parseTime(s.StartTime);
  if (!a) return null;
  const b = s.Ended ? parseTime(s.EndTime) : now;
  return b ? Math.max(0, b - a) : null;
}

/**
 * The chart of {@code runs} (summaries, newest first, as the API lists them) of flow {@code fid}; {@code open(path)}
 * is called with a run's page when its bar is chosen. Null when there is nothing to draw.
 */
export function historyChart(runs, fid, open, now = new Date()) {
  const shown = runs.filter(s => s.Status !== 'pending' && s.Status !== 'dispatched').slice().reverse();
  if (!shown.length) return null;
  const times = shown.map(s => took(s, now));
  const longest = Math.max(1000, ...times.filter(t => t != null));
  const width = LEFT + shown.length * (BAR + GAP);
  const plot = HEIGHT - TOP - BOTTOM;
  const chart = svg('svg', {
    class: 'history-chart', viewBox: `0 0 ${Math.max(width, 200)} ${HEIGHT}`, role: 'list',
    'aria-label': `Durations of the last ${shown.length} runs, oldest first; longest ${duration(longest)}`,
    preserveAspectRatio: 'xMinYMax meet',
  });
  chart.appendChild(svg('line', { class: 'hc-axis', x1: 0, x2: Math.max(width, 200), y1: HEIGHT - BOTTOM, y2: HEIGHT - BOTTOM }));
  chart.appendChild(svg('text', { class: 'hc-scale', x: LEFT, y: 11 }, `longest ${duration(longest)}`));
  shown.forEach((s, i) => {
    const rid = runId(s.Ref);
    const state = runState(s);
    const t = times[i];
    const h = t == null ? 2 : Math.max(3, Math.round((t / longest) * plot));
    const words = `${rid}: ${statusWord(state)}${t == null ? '' : `, ${duration(t)}`}`;
    const path = paths.run(fid, rid);
    const bar = svg('g', { class: `hc-bar hc-${state}`, role: 'listitem', tabindex: 0, 'aria-label': words, 'data-run': rid },
      svg('title', null, words),
      // the whole column is the target, so a short bar is as easy to hit as a tall one
      svg('rect', { class: 'hc-hit', x: LEFT + i * (BAR + GAP) - GAP / 2, y: TOP, width: BAR + GAP, height: plot + BOTTOM }),
      svg('rect', { class: 'hc-fill', x: LEFT + i * (BAR + GAP), y: HEIGHT - BOTTOM - h, width: BAR, height: h, rx: 2 }));
    bar.addEventListener('click', () => open(path));
    bar.addEventListener('keydown', ev => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        open(path);
      }
    });
    chart.appendChild(bar);
  });
  return chart;
}
