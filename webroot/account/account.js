// The signed-in user: where they are signed in (sessions) and their API tokens for scripts.

import * as api from '../api.js';
import { h, replace, pageHeader, table, facts } from '../ui/dom.js';
import { field, formStatus, input, submitting } from '../ui/forms.js';
import { failure, loading, notify } from '../ui/notice.js';
import { dateTime } from '../ui/format.js';

export async function render(container, params, { session }) {
  const sessions = h('div');
  const tokens = h('div');
  const fresh = h('div', { 'aria-live': 'polite' });
  replace(container,
    pageHeader('Your account'),
    h('section', { class: 'card' }, facts([
      ['E-mail', session.me.email],
      ['Platform administrator', session.me.admin ? 'yes' : 'no'],
      ['Organisations', session.orgs.map((o) => `${o.name} (${o.role})`).join(', ') || 'none'],
    ])),
    h('section', { class: 'card', 'aria-labelledby': 'sessions-title' },
      h('h2', { id: 'sessions-title', text: 'Where you are signed in' }), sessions),
    h('section', { class: 'card', 'aria-labelledby': 'tokens-title' },
      h('h2', { id: 'tokens-title', text: 'API tokens' }),
      h('p', { class: 'hint', text: 'Scripts send a token as "Authorization: Bearer <token>" and act as you.' }),
      fresh, tokens, tokenForm(fresh, () => loadTokens(tokens))));
  loadSessions(sessions);
  loadTokens(tokens);
}

async function loadSessions(area) {
  replace(area, loading());
  try {
    const list = (await api.get('/api/me/sessions')).sessions || [];
    replace(area, table([
      { label: 'Browser', value: (s) => [s.userAgent || 'unknown', s.current ? ' (this one)' : ''] },
      { label: 'Address', value: (s) => s.client || '—' },
      { label: 'Signed in', value: (s) => dateTime(s.createdAt, { seconds: false }) },
      { label: 'Last used', value: (s) => dateTime(s.lastSeenAt, { seconds: false }) },
      {
        label: 'Actions',
        value: (s) => (s.current ? '' : h('button', {
          type: 'button', class: 'button-quiet', text: 'Sign out there',
          onClick: async () => {
            try {
              await api.del(`/api/me/sessions/${api.seg(s.id)}`);
              notify('Session ended.');
              loadSessions(area);
            } catch (error) {
              notify(error.detail || error.message, 'bad');
            }
          },
        })),
      },
    ], list));
  } catch (error) {
    replace(area, failure(error, 'your sessions'));
  }
}

async function loadTokens(area) {
  replace(area, loading());
  try {
    const list = (await api.get('/api/me/tokens')).tokens || [];
    replace(area, table([
      { label: 'Name', value: (t) => t.name },
      { label: 'Created', value: (t) => dateTime(t.createdAt, { seconds: false }) },
      { label: 'Expires', value: (t) => (t.expiresAt ? dateTime(t.expiresAt, { seconds: false }) : 'never') },
      { label: 'Last used', value: (t) => (t.lastUsedAt ? dateTime(t.lastUsedAt, { seconds: false }) : 'never') },
      {
        label: 'Actions',
        value: (t) => h('button', {
          type: 'button', class: 'button-quiet', text: 'Revoke',
          onClick: async () => {
            try {
              await api.del(`/api/me/tokens/${api.seg(t.id)}`);
              notify(`Token ${t.name} revoked.`);
              loadTokens(area);
            } catch (error) {
              notify(error.detail || error.message, 'bad');
            }
          },
        }),
      },
    ], list, { empty: 'No tokens.' }));
  } catch (error) {
    replace(area, failure(error, 'your tokens'));
  }
}

function tokenForm(fresh, done) {
  const name = input({ required: true, maxlength: 200 });
  const days = input({ type: 'number', min: 1, max: 3650, placeholder: 'never' });
  const form = h('form', { class: 'inline-form', novalidate: true },
    formStatus(),
    h('div', { class: 'field-grid' },
      field('Token name', name, { name: 'name' }),
      field('Expires in days', days, { name: 'expiresInDays' })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Create token' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim() };
    if (days.value) {
      body.expiresInDays = Number(days.value);
    }
    const made = await submitting(form, () => api.post('/api/me/tokens', body), 'Creating…');
    if (made) {
      replace(fresh, h('div', { class: 'callout callout-warn', role: 'alert' },
        h('p', {}, h('strong', { text: 'Copy this token now: ' }), 'it is shown this one time.'),
        h('input', { type: 'text', readonly: true, value: made.token, class: 'key-value', 'aria-label': 'New API token' })));
      form.reset();
      done();
    }
  });
  return form;
}
