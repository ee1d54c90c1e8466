/**
 * ansi.js: a log line's terminal colours (SGR codes: ESC [ … m) as text runs with classes, so the page draws what the
 * tool printed in colour. Other escape codes are dropped. Runs hold text only; the page sets them with textContent.
 */

// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[([0-9;?]*)([ -/]*)([@-~])/g;
const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** The style in force: foreground and background colour names (or ''), bold, faint, italic, underline. */
const PLAIN = Object.freeze({ fg: '', bg: '', bold: false, faint: false, italic: false, underline: false });

/** Splits {@code line} into [{text, classes}] runs; a line without escape codes is one run without classes. */
export function ansiRuns(line) {
  const s = String(line);
  if (s.indexOf('\x1b') < 0) return [{ text: s, classes: '' }];
  const runs = [];
  let style = PLAIN;
  let at = 0;
  ESCAPE.lastIndex = 0;
  let m;
  while ((m = ESCAPE.exec(s)) !== null) {
    if (m.index > at) runs.push({ text: s.slice(at, m.index), classes: classesOf(style) });
    at = ESCAPE.lastIndex;
    if (m[3] === 'm' && !m[2]) style = apply(style, m[1]);
  }
  if (at < s.length) runs.push({ text: s.slice(at), classes: classesOf(style) });
  return runs.length ? runs : [{ text: '', classes: '' }];
}

/** The line without escape codes: what a search or a copy sees. */
export function plainText(line) {
  const s = String(line);
  return s.indexOf('\x1b') < 0 ? s : s.replace(ESCAPE, '');
}

function apply(style, params) {
  const codes = params === '' ? [0] : params.split(';').map(p => (p === '' ? 0 : Number(p)));
  let st = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) st = { ...PLAIN };
    else if (c === 1) st.bold = true;
    else if (c === 2) st.faint = true;
    else if (c === 3) st.italic = true;
    else if (c === 4) st.underline = true;
    else if (c === 22) { st.bold = false; st.faint = false; }
    else if (c === 23) st.italic = false;
    else if (c === 24) st.underline = false;
    else if (c >= 30 && c <= 37) st.fg = NAMES[c - 30];
    else if (c >= 90 && c <= 97) st.fg = `bright-${NAMES[c - 90]}`;
    else if (c === 39) st.fg = '';
    else if (c >= 40 && c <= 47) st.bg = NAMES[c - 40];
    else if (c >= 100 && c <= 107) st.bg = `bright-${NAMES[c - 100]}`;
    else if (c === 49) st.bg = '';
    else if (c === 38 || c === 48) {
      // 256-colour (5;n) and true colour (2;r;g;b): the nearest of the 16 names keeps the page's palette
      const key = c === 38 ? 'fg' : 'bg';
      if (codes[i + 1] === 5) {
        st[key] = nearest256(codes[i + 2]);
        i += 2;
      } else if (codes[i + 1] === 2) {
        st[key] = nearestRgb(codes[i + 2], codes[i + 3], codes[i + 4]);
        i += 4;
      }
    }
  }
  return st;
}

function nearest256(n) {
  if (!(n >= 0 && n <= 255)) return '';
  if (n < 8) return NAMES[n];
  if (n < 16) return `bright-${NAMES[n - 8]}`;
  if (n >= 232) return n < 244 ? 'black' : 'white';
  const v = n - 16;
  return nearestRgb(Math.floor(v / 36) * 51, (Math.floor(v / 6) % 6) * 51, (v % 6) * 51);
}

function nearestRgb(r, g, b) {
  if ([r, g, b].some(x => !(x >= 0 && x <= 255))) return '';
  const bit = x => (x >= 128 ? 1 : 0);
  const name = NAMES[bit(r) | (bit(g) << 1) | (bit(b) << 2)];
  return Math.max(r, g, b) >= 200 && name !== 'black' ? `bright-${name}` : name;
}

function classesOf(st) {
  const out = [];
  if (st.fg) out.push(`ansi-fg-${st.fg}`);
  if (st.bg) out.push(`ansi-bg-${st.bg}`);
  if (st.bold) out.push('ansi-bold');
  if (st.faint) out.push('ansi-faint');
  if (st.italic) out.push('ansi-italic');
  if (st.underline) out.push('ansi-underline');
  return out.join(' ');
}
