// The first page of someone who belongs to no organisation yet (or wants another).

import { h, replace, pageHeader } from '../ui/dom.js';
import { createOrgForm, joinOrgForm } from './org-forms.js';

export function render(container, params, { session, navigate }) {
  const intro = session.orgs.length
    ? 'Create another organisation, or ask to join one.'
    : 'You do not belong to any organisation yet. Create one for your stations, or ask to join an existing one.';
  replace(container,
    pageHeader('Welcome to Talos'),
    h('p', { class: 'lead', text: intro }),
    h('div', { class: 'two-columns' }, createOrgForm(navigate), joinOrgForm()));
}
