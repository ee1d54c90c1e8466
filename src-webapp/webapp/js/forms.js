/**
 * forms.js: the forms of data triggers and data nodes ({@code form: {title, fields: [{id, prompt, type, value}]}}).
 * Every field gets a visible label. Values are sent as strings, which is what data nodes read (floe-spec §3.7).
 */
import { h, uid } from './dom.js';
import { ApiError } from './api.js';

const INPUT_TYPES = new Set(['text', 'password', 'email', 'url', 'tel', 'search', 'date', 'time', 'datetime-local',
  'month', 'week', 'color']);
const TRUE = new Set(['true', 'yes', 'y', '1', 'on', 'checked']);

/** The input a field type asks for: one of text, textarea, checkbox, number, select, hidden or an HTML input type. */
export function inputKind(field) {
  const t = String(field.type || 'text').trim().toLowerCase();
  if (t === 'bool' || t === 'boolean' || t === 'checkbox') return 'checkbox';
  if (t === 'int' || t === 'integer') return 'integer';
  if (t === 'number' || t === 'float' || t === 'decimal') return 'number';
  if (t === 'textarea' || t === 'multiline' || t === 'longtext' || t === 'text-area') return 'textarea';
  if (t === 'datetime') return 'datetime-local';
  if ((t === 'select' || t === 'choice' || t === 'radio') && options(field).length) return 'select';
  if (t === 'hidden') return 'hidden';
  return INPUT_TYPES.has(t) ? t : 'text';
}

function options(field) {
  const o = field.options || field.choices;
  return Array.isArray(o) ? o.map(String) : [];
}

/** The fields of a form in a node's opts, whatever the key case (the host reads them case-insensitively). */
export function formOf(opts) {
  const get = (m, k) => {
    if (!m || typeof m !== 'object') return undefined;
    if (k in m) return m[k];
    const key = Object.keys(m).find(x => x.toLowerCase() === k);
    return key === undefined ? undefined : m[key];
  };
  const form = get(opts, 'form') || {};
  const fields = (get(form, 'fields') || []).map(f => ({
    id: String(get(f, 'id') ?? ''), prompt: String(get(f, 'prompt') ?? ''), type: String(get(f, 'type') ?? 'text'),
    value: get(f, 'value') == null ? '' : String(get(f, 'value')), options: get(f, 'options') || get(f, 'choices'),
  }));
  return { title: String(get(form, 'title') ?? ''), fields };
}

/**
 * A form for {@code fields}. {@code submit(values)} sends it and answers what to say on success; a failure's message is
 * shown by the form. Options: {@code title}, {@code submitLabel}, {@code name} (its accessible name).
 */
export function dataForm({ title, fields, submitLabel = 'Submit', name, submit, className }) {
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const inputs = [];
  const rows = (fields || []).map(f => {
    const id = uid('f');
    const kind = inputKind(f);
    let input;
    if (kind === 'textarea') {
      input = h('textarea', { id, name: f.id, rows: 4, props: { value: f.value || '' } });
    } else if (kind === 'checkbox') {
      input = h('input', { id, name: f.id, type: 'checkbox', props: { checked: TRUE.has(String(f.value).toLowerCase()) } });
    } else if (kind === 'select') {
      input = h('select', { id, name: f.id }, options(f).map(o => h('option', { value: o, props: { selected: o === f.value } }, o)));
    } else if (kind === 'integer' || kind === 'number') {
      input = h('input', { id, name: f.id, type: 'number', step: kind === 'integer' ? '1' : 'any', inputmode: kind === 'integer' ? 'numeric' : 'decimal', props: { value: f.value || '' } });
    } else {
      input = h('input', { id, name: f.id, type: kind, autocomplete: kind === 'password' ? 'off' : null, props: { value: f.value || '' } });
    }
    inputs.push({ field: f, kind, input });
    if (kind === 'hidden') return input;
    const label = h('label', { for: id }, f.prompt || f.id);
    return h('div', { class: ['field', kind === 'checkbox' && 'field-check'] }, kind === 'checkbox' ? [input, label] : [label, input]);
  });
  const form = h('form', { class: ['data-form', className], 'aria-label': name || title || 'Form', novalidate: true },
    title ? h('p', { class: 'form-title' }, title) : null,
    rows,
    h('div', { class: 'form-actions' }, button, status));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const values = {};
    for (const { field, kind, input } of inputs) {
      values[field.id] = kind === 'checkbox' ? String(input.checked) : input.value;
    }
    button.disabled = true;
    status.className = 'form-status';
    status.textContent = 'Sending…';
    try {
      const said = await submit(values);
      status.textContent = said || 'Sent.';
    } catch (e) {
      status.className = 'form-status error';
      status.textContent = e instanceof ApiError && e.status === 0 ? 'Not sent: the host could not be reached.'
        : `Not sent: ${e.message}`;
    } finally {
      button.disabled = false;
    }
  });
  return form;
}
