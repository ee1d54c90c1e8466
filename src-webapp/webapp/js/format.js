/** format.js: times, durations, run ids and status words as the pages show them. */

const ZERO = '0001-01-01';

/** A time from the API as a Date, or null for "never" (absent, null or the zero time). */
export function parseTime(s) {
  if (!s || typeof s !== 'string' || s.startsWith(ZERO)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** How long ago, as the original dashboard said it: just now, N minutes ago, …, Yesterday, N days ago, a date. */
export function ago(date, now = new Date()) {
  if (!date) return '';
  const s = Math.max(0, (now - date) / 1000);
  if (s < 60) return 'just now';
  const m = Math.floor(s / 60);
  if (m < 60) return m === 1 ? '1 minute ago' : `${m} minutes ago`;
  const hrs = Math.floor(m / 60);
  if (hrs < 24) return hrs === 1 ? '1 hour ago' : `${hrs} hours ago`;
  const days = Math.floor(hrs / 24);
  if (days === 1) return 'Yesterday';
  if (days < 7) return `${days} days ago`;
  if (days < 35) return `${Math.floor(days / 7)} weeks ago`;
  return date.toISOString().slice(0, 10);
}

/** A duration as MM:SS, or H:MM:SS from an hour on. */
export function duration(ms) {
  if (ms == null || Number.isNaN(ms)) return '';
  const total = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(total / 3600), mm = Math.floor((total % 3600) / 60), ss = total % 60;
  const two = n => String(n).padStart(2, '0');
  return hh > 0 ? `${hh}:${two(mm)}:${two(ss)}` : `${two(mm)}:${two(ss)}`;
}

/** A run id from a run ref: {@code <host>-<n>}. */
export function runId(ref) {
  const r = ref && ref.Run;
  return r && r.ID ? `${r.HostID}-${r.ID}` : '';
}

/** The words for a run summary's status. */
export function statusWord(status) {
  switch (status) {
    case 'running': return 'Running';
    case 'good': return 'Success';
    case 'bad': return 'Failed';
    case 'cancelled': return 'Cancelled';
    case 'pending': return 'Pending';
    default: return 'New';
  }
}

/** A readable local date and time, for titles. */
export function longTime(date) {
  return date ? date.toLocaleString() : '';
}
