// The organisation: its name and description, members and roles, join requests (owners), and
// leaving it.

import * as api from '../api.js';
import { h, replace, pageHeader, table, facts } from '../ui/dom.js';
import { field, formStatus, input, select, submitting } from '../ui/forms.js';
import { failure, loading, notify } from '../ui/notice.js';
import { confirmDialog } from '../ui/dialog.js';
import { dateTime } from '../ui/format.js';
import { can, reloadOrgs } from '../session.js';

const ROLE_OPTIONS = [['viewer', 'viewer'], ['operator', 'operator'], ['owner', 'owner']];

export async function render(container, params, { session, navigate }) {
  const org = session.org;
  const members = h('div');
  const requests = h('div');
  const owner = can('owner');
  replace(container,
    pageHeader(org.name, h('button', {
      type: 'button', class: 'button-danger', id: 'leave-org', text: 'Leave organisation',
      onClick: async () => {
        if (!(await confirmDialog(`Leave ${org.name}?`, 'You lose access to its stations and campaigns until an owner lets you in again.', 'Leave'))) {
          return;
        }
        try {
          await api.del(api.org(org.slug, 'members', session.me.id));
          notify(`You left ${org.name}.`);
          await reloadOrgs();
          navigate(session.org ? '/stations' : '/welcome');
        } catch (error) {
          notify(error.detail || error.message, 'bad');
        }
      },
    })),
    h('div', { class: 'two-columns' },
      h('section', { class: 'card', 'aria-labelledby': 'org-title' },
        h('h2', { id: 'org-title', text: 'Organisation' }),
        facts([['Slug', h('code', { text: org.slug })], ['Your role', org.role], ['Description', org.description || '—']]),
        owner ? orgForm(org) : null),
      owner ? h('section', { class: 'card', 'aria-labelledby': 'requests-title' },
        h('h2', { id: 'requests-title', text: 'Join requests' }), requests) : null),
    h('section', { class: 'card', 'aria-labelledby': 'members-title' },
      h('h2', { id: 'members-title', text: 'Members' }), members));
  loadMembers(org, members, session);
  if (owner) {
    loadRequests(org, requests, () => loadMembers(org, members, session));
  }
}

function orgForm(org) {
  const name = input({ required: true, maxlength: 200, value: org.name });
  const description = h('textarea', { rows: 3, maxlength: 4000 });
  description.value = org.description || '';
  const form = h('form', { novalidate: true },
    formStatus(),
    field('Name', name, { name: 'name' }),
    field('Description', description, { name: 'description' }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Save' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const saved = await submitting(form, () => api.patch(api.org(org.slug), { name: name.value.trim(), description: description.value.trim() }));
    if (saved) {
      notify('Organisation saved.');
      await reloadOrgs(org.slug);
    }
  });
  return form;
}

async function loadMembers(org, area, session) {
  replace(area, loading());
  let list;
  try {
    list = (await api.get(api.org(org.slug, 'members'))).members || [];
  } catch (error) {
    replace(area, failure(error, 'the members'));
    return;
  }
  const owner = can('owner');
  const columns = [
    { label: 'Member', value: (m) => m.email + (m.userId === session.me.id ? ' (you)' : '') },
    {
      label: 'Role',
      value: (m) => {
        if (!owner) {
          return m.role;
        }
        const choice = select(ROLE_OPTIONS, { 'aria-label': `Role of ${m.email}` }, m.role);
        choice.addEventListener('change', async () => {
          try {
            await api.patch(api.org(org.slug, 'members', m.userId), { role: choice.value });
            notify(`${m.email} is now ${choice.value}.`);
            if (m.userId === session.me.id) {
              await reloadOrgs(org.slug);
            }
          } catch (error) {
            choice.value = m.role;
            notify(error.detail || error.message, 'bad');
          }
        });
        return choice;
      },
    },
    { label: 'Since', value: (m) => dateTime(m.since, { seconds: false }) },
  ];
  if (owner) {
    columns.push({
      label: 'Actions',
      value: (m) => (m.userId === session.me.id ? '' : h('button', {
        type: 'button', class: 'button-quiet', text: 'Remove',
        onClick: async () => {
          if (!(await confirmDialog(`Remove ${m.email}?`, 'They lose access to the organisation at once.', 'Remove'))) {
            return;
          }
          try {
            await api.del(api.org(org.slug, 'members', m.userId));
            notify(`${m.email} removed.`);
            loadMembers(org, area, session);
          } catch (error) {
            notify(error.detail || error.message, 'bad');
          }
        },
      })),
    });
  }
  replace(area, table(columns, list, { empty: 'No members.' }));
}

async function loadRequests(org, area, membersChanged) {
  replace(area, loading());
  let list;
  try {
    list = (await api.get(api.org(org.slug, 'join-requests'))).joinRequests || [];
  } catch (error) {
    replace(area, failure(error, 'the join requests'));
    return;
  }
  replace(area, table([
    { label: 'Who', value: (r) => r.email },
    { label: 'Message', value: (r) => r.message || '—' },
    { label: 'Asked', value: (r) => dateTime(r.createdAt, { seconds: false }) },
    {
      label: 'Decision',
      value: (r) => {
        const role = select(ROLE_OPTIONS, { 'aria-label': `Role for ${r.email}` }, 'viewer');
        const decide = (step, body) => async () => {
          try {
            await api.post(api.org(org.slug, 'join-requests', r.id, step), body);
            notify(step === 'approve' ? `${r.email} joined as ${role.value}.` : `Request of ${r.email} rejected.`);
            loadRequests(org, area, membersChanged);
            membersChanged();
          } catch (error) {
            notify(error.detail || error.message, 'bad');
          }
        };
        return h('div', { class: 'form-actions' }, role,
          h('button', { type: 'button', text: 'Approve', onClick: () => decide('approve', { role: role.value })() }),
          h('button', { type: 'button', class: 'button-quiet', text: 'Reject', onClick: decide('reject') }));
      },
    },
  ], list, { empty: 'No open requests.' }));
}
