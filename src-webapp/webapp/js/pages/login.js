/** The login page: user name and password, checked by the host (POST /login). */
import { h } from '../dom.js';
import { ApiError } from '../api.js';

export function mountLogin(main, { message }, ctx) {
  const user = h('input', { id: 'login-user', name: 'user', type: 'text', autocomplete: 'username', required: true, props: { value: 'admin' } });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('p', { class: 'form-status', role: 'alert' }, message || '');
  if (message) status.classList.add('note');
  const button = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h('form', { class: 'login-form', 'aria-labelledby': 'login-title', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'login-user' }, 'User name'), user),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, 'Password'), password),
    h('div', { class: 'form-actions' }, button),
    status);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (!user.value || !password.value) {
      status.className = 'form-status error';
      status.textContent = 'Enter your user name and password.';
      (user.value ? password : user).focus();
      return;
    }
    button.disabled = true;
    status.className = 'form-status';
    status.textContent = 'Logging in…';
    try {
      const s = await ctx.api.post('/login', { User: user.value, Password: password.value }, { auth: false });
      ctx.onLogin(s);
    } catch (e) {
      status.className = 'form-status error';
      status.textContent = e instanceof ApiError && e.status === 401 ? 'Wrong user name or password.'
        : e.status === 0 ? 'The host could not be reached.' : e.message;
      password.select();
      password.focus();
    } finally {
      button.disabled = false;
    }
  });
  main.replaceChildren(h('section', { class: 'panel login' },
    h('h1', { id: 'login-title' }, 'Log in to floe'),
    h('p', { class: 'muted' }, 'Log in as admin with the host’s admin token, or as a user from the config.'),
    form));
  setTimeout(() => (user.value ? password : user).focus(), 0);
  return {};
}
