/**
 * Re-run from a step: "Re-run from failed" beside Re-run on a run that ended bad or cancelled, and "Re-run from here"
 * on a failed, cancelled or interrupted step. The new run takes over what this run did well (in a copy of its
 * workspace) and starts again there; the page moves to it. When the server refuses (the workspace is gone, say) its
 * reason is shown beside the button, never hidden.
 */
import { h, paths } from './dom.js';

const AGAIN = ['failed', 'cancelled', 'interrupted'];

/** The run page's "Re-run from failed" for run summary {@code s}, or null when it ended good or has not ended. */
export function rerunFromFailed(ctx, base, fid, s) {
  if (!s || !s.Ended || s.Result === 'good') return null;
  return rerunFrom(ctx, base, fid, 'failed', 'Re-run from failed');
}

/** A step's "Re-run from here" when run summary {@code s} ended and the step, in {@code state}, did not succeed. */
export function rerunFromHere(ctx, base, fid, s, n, state) {
  if (!s || !s.Ended || !n || n.Class === 'trigger' || !AGAIN.includes(state)) return null;
  return rerunFrom(ctx, base, fid, n.ID, 'Re-run from here');
}

function rerunFrom(ctx, base, fid, from, words) {
  const msg = h('span', { class: 'form-status', role: 'status' });
  const button = h('button', { type: 'button', class: 'rerun-from', on: { click: go } }, words);
  return h('div', { class: 'rerun-group' }, button, msg);

  async function go() {
    button.disabled = true;
    msg.className = 'form-status';
    msg.textContent = 'Starting…';
    try {
      const r = await ctx.api.post(`${base}/rerun?from=${encodeURIComponent(from)}`, {});
      ctx.router.go(paths.run(fid, r.Run));
    } catch (e) {
      msg.className = 'form-status error';
      msg.textContent = `Not re-run: ${e.message}`;
      button.disabled = false;
    }
  }
}
