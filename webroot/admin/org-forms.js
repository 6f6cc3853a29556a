// Creating an organisation and asking to join one.

import * as api from '../api.js';
import { h } from '../ui/dom.js';
import { field, formStatus, input, submitting } from '../ui/forms.js';
import { notify } from '../ui/notice.js';
import { reloadOrgs } from '../session.js';

/** The form that creates an organisation; the caller becomes its owner and sees it at once. */
export function createOrgForm(navigate) {
  const name = input({ required: true, maxlength: 200, autocomplete: 'organization' });
  const slug = input({ maxlength: 40, pattern: '[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?', spellcheck: 'false' });
  const description = h('textarea', { rows: 3, maxlength: 4000 });
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'create-org-title' },
    h('h2', { id: 'create-org-title', text: 'Create an organisation' }),
    h('p', { text: 'Stations, campaigns and passes belong to an organisation. You become its owner.' }),
    formStatus(),
    field('Name', name, { name: 'name' }),
    field('Short name in addresses (slug)', slug, { name: 'slug', hint: 'Lowercase letters, digits and dashes; made from the name when empty.' }),
    field('Description', description, { name: 'description' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button-primary', text: 'Create organisation' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim() };
    if (slug.value.trim()) {
      body.slug = slug.value.trim();
    }
    if (description.value.trim()) {
      body.description = description.value.trim();
    }
    const created = await submitting(form, () => api.post('/api/orgs', body), 'Creating…');
    if (created) {
      notify(`Organisation ${created.name} created.`);
      await reloadOrgs(created.slug);
      navigate('/stations');
    }
  });
  return form;
}

/** The form that asks an organisation's owners to let the caller in. */
export function joinOrgForm() {
  const slug = input({ required: true, maxlength: 40, spellcheck: 'false' });
  const message = h('textarea', { rows: 2, maxlength: 2000 });
  const done = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'join-org-title' },
    h('h2', { id: 'join-org-title', text: 'Join an organisation' }),
    h('p', { text: 'Ask its owners to let you in; they choose your role.' }),
    formStatus(),
    field('Organisation (slug)', slug, { name: 'slug' }),
    field('Message to the owners', message, { name: 'message' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Ask to join' })),
    done);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = message.value.trim() ? { message: message.value.trim() } : {};
    const sent = await submitting(form, () => api.post(api.org(slug.value.trim(), 'join-requests'), body), 'Sending…');
    if (sent) {
      done.replaceChildren(h('p', { class: 'callout callout-ok', text: `Request sent to ${slug.value.trim()}. You will see the organisation here once an owner approves it.` }));
      form.reset();
    }
  });
  return form;
}
