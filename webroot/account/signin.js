// Sign-in through a link sent by mail: Talos has no passwords.

import * as api from '../api.js';
import { h, replace } from '../ui/dom.js';
import { field, formStatus, input, submitting } from '../ui/forms.js';

export function render(container, params, { session, navigate }) {
  if (session.me) {
    navigate(session.org ? '/stations' : '/welcome');
    return undefined;
  }
  const email = input({ type: 'email', autocomplete: 'email', required: true, placeholder: 'you@example.org' });
  const result = h('div', { class: 'signin-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'card signin', novalidate: true },
    h('h1', { text: 'Sign in to Talos', tabindex: '-1' }),
    h('p', { text: 'Enter your e-mail address. We send you a link that signs you in; it works once, for 10 minutes.' }),
    formStatus(),
    field('E-mail address', email, { name: 'email' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button-primary', text: 'Send me a sign-in link' })),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await submitting(form, () => api.post('/auth/login', { email: email.value.trim() }), 'Sending…');
    if (answer === undefined) {
      return;
    }
    replace(result,
      h('div', { class: 'callout callout-ok', role: 'status' },
        h('p', {}, h('strong', { text: 'Check your mail. ' }),
          `If ${email.value.trim()} can receive mail, a sign-in link is on its way. Open it in this browser.`),
        answer && answer.outbox
          ? h('p', { class: 'dev-outbox' }, 'In dev mode the link is written to ', h('code', { text: answer.outbox }), ' on the server, as an .eml file.')
          : null));
  });
  replace(container, h('div', { class: 'signin-page' }, form,
    h('p', { class: 'aside' }, 'Looking for a satellite? The ', h('a', { href: 'public/track.html', text: 'public tracker' }), ' needs no account.')));
  email.focus();
  return undefined;
}
