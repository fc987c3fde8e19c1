// Login by phone and password; the server's message is shown as it says it.
import { post, saveLogin } from '../api.js';
import { t } from '../i18n.js';
import { h, title, field, onSubmit, link } from '../view.js';
import { go } from '../router.js';

/** @type {import('../router.js').Screen} */
export default async function login({ query }) {
  const form = h('form', { id: 'login-form', novalidate: true },
    field('phone', t('phone'), { type: 'tel', autocomplete: 'username', inputmode: 'tel', required: true }),
    field('password', t('password'), { type: 'password', autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit', class: 'btn primary' }, t('login.submit')));
  onSubmit(form, async v => {
    const a = await post('/v1/auth/login', { phone: v.phone, password: v.password });
    saveLogin(a);
    const next = query.get('next');
    go(next && next.startsWith('/') && !next.startsWith('//') ? next : a.user.role === 'volunteer' ? '/tasks' : a.user.role === 'citizen' ? '/' : '/dashboard');
  });
  return [title(t('login.title')), form, h('p', null, t('login.noAccount'), ' ', link('/register', t('register.title')))];
}
