/**
 * run/inputs.js: forms for the data nodes that wait for someone's input, each under its form's title. Rebuilt only
 * when the set of waiting nodes changes, so what a person types is never lost to a refresh.
 */
import { h, replace } from '../dom.js';
import { dataForm } from '../forms.js';

export class InputForms {
  constructor({ ctx, fid, rid, refresh }) {
    Object.assign(this, { ctx, fid, rid, refresh });
    this.key = null;
    this.el = h('section', { class: 'needs-input', 'aria-labelledby': 'sec-input', hidden: true });
  }

  update(model) {
    const waiting = model.waitingForInput();
    const key = waiting.map(n => n.ID).join('\n');
    if (key === this.key) return;
    this.key = key;
    this.el.hidden = !waiting.length;
    if (!waiting.length) {
      this.el.replaceChildren();
      return;
    }
    replace(this.el, h('h2', { id: 'sec-input' }, 'Waiting for input'),
      waiting.map(n => h('article', { class: 'input-form', 'data-node': n.ID },
        h('h3', null, n.Name || n.ID),
        dataForm({
          title: n.Title || '', fields: n.Fields || [], submitLabel: 'Submit', name: `Input for ${n.Name || n.ID}`,
          submit: async values => {
            const s = model.summary;
            const ver = s.Ref && s.Ref.FlowRef ? s.Ref.FlowRef.Ver : 0;
            const r = await this.ctx.api.post('/push/data',
              { Ref: { ID: this.fid, Ver: ver }, Run: this.rid, Form: { ID: n.ID, Values: values } });
            this.refresh();
            return r && r.Complete === false ? 'Sent; the step needs more input.' : 'Sent: the run goes on.';
          },
        }))));
  }

  /** Scrolls to the form of node {@code id} and puts the cursor in its first field. */
  focus(id) {
    const form = [...this.el.querySelectorAll('.input-form')].find(e => e.dataset.node === id);
    if (!form) return;
    form.scrollIntoView({ block: 'center' });
    const first = form.querySelector('input, textarea, select, button');
    if (first) first.focus();
  }
}
