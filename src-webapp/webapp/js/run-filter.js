/**
 * run-filter.js: the flow page's run filter. It lives in the page's address (the API's own query parameters:
 * result, by, value.<name>, since, until), so a filtered view can be linked and comes back with the back button.
 */
import { h, uid } from './dom.js';

const RESULTS = [['', 'Any result'], ['good', 'Success'], ['bad', 'Failed'], ['cancelled', 'Cancelled'],
  ['running', 'Running'], ['pending', 'Pending']];
const DAY = 24 * 3600 * 1000;

/** The filter parameters in {@code search} (a location.search), as URLSearchParams of the API's names only. */
export function filterParams(search) {
  const all = new URLSearchParams(search);
  const out = new URLSearchParams();
  for (const [k, v] of all) {
    if (v !== '' && (k === 'result' || k === 'by' || k === 'since' || k === 'until' || k.startsWith('value.'))) out.append(k, v);
  }
  return out;
}

/** "2026-12-03" for the day before an ISO date: the form's inclusive "to" day is the API's exclusive until. */
function shiftDay(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + days * DAY).toISOString().slice(0, 10);
}

function field(label, input) {
  const id = uid('rf');
  input.id = id;
  return h('div', { class: 'rf-field' }, h('label', { for: id }, label), input);
}

/**
 * The filter form, filled from {@code params}; {@code apply(params)} gets the new parameters on submit (and empty
 * ones on "Clear"). Values it has no field for (a second value.<name>) are kept.
 */
export function filterForm(params, apply) {
  const result = h('select', { name: 'result' }, RESULTS.map(([v, words]) => h('option', { value: v }, words)));
  result.value = RESULTS.some(([v]) => v === params.get('result')) ? params.get('result') : '';
  const by = h('input', { type: 'text', name: 'by', placeholder: 'alice, timer, webhook…', autocomplete: 'off', value: params.get('by') || '' });
  const valueKeys = [...params.keys()].filter(k => k.startsWith('value.'));
  const first = valueKeys[0];
  const valueName = h('input', { type: 'text', name: 'value-name', placeholder: 'branch', autocomplete: 'off', value: first ? first.slice(6) : '' });
  const valueText = h('input', { type: 'text', name: 'value-text', placeholder: 'main', autocomplete: 'off', value: first ? params.get(first) : '' });
  const since = h('input', { type: 'date', name: 'since', value: (params.get('since') || '').slice(0, 10) });
  const until = h('input', { type: 'date', name: 'until', value: params.get('until') ? shiftDay(params.get('until').slice(0, 10), -1) : '' });

  function read() {
    const p = new URLSearchParams();
    if (result.value) p.set('result', result.value);
    if (by.value.trim()) p.set('by', by.value.trim());
    if (valueName.value.trim() && valueText.value !== '') p.set(`value.${valueName.value.trim()}`, valueText.value);
    for (const k of valueKeys.slice(1)) p.set(k, params.get(k));
    if (since.value) p.set('since', since.value);
    if (until.value) p.set('until', shiftDay(until.value, 1));
    return p;
  }

  const form = h('form', { class: 'run-filter', role: 'search', 'aria-label': 'Filter runs', on: {
    submit: ev => {
      ev.preventDefault();
      apply(read());
    },
  } },
  field('Result', result), field('Started by', by),
  h('div', { class: 'rf-pair' }, field('Value', valueName), field('equals', valueText)),
  field('From', since), field('To', until),
  h('div', { class: 'rf-actions' },
    h('button', { type: 'submit', class: 'primary' }, 'Filter'),
    h('button', { type: 'button', class: 'quiet', on: { click: () => apply(new URLSearchParams()) } }, 'Clear')));
  return form;
}
