// The organisation's campaigns, by priority.

import * as api from '../api.js';
import { h, replace, pageHeader, link, table, badge } from '../ui/dom.js';
import { failure, loading } from '../ui/notice.js';
import { dateTime, degrees } from '../ui/format.js';
import { can } from '../session.js';

export const STATUS_KIND = { draft: 'muted', scheduled: 'info', active: 'ok', completed: 'muted', cancelled: 'bad' };

export async function render(container, params, { session }) {
  const add = can('operator') ? link('/campaigns/new', 'New campaign', { class: 'button button-primary', id: 'new-campaign' }) : null;
  replace(container, pageHeader('Campaigns', add), loading());
  let list;
  try {
    list = (await api.get(api.org(session.org.slug, 'campaigns'))).campaigns || [];
  } catch (error) {
    replace(container, pageHeader('Campaigns', add), failure(error, 'the campaigns'));
    return;
  }
  replace(container, pageHeader('Campaigns', add), table([
    { label: 'Campaign', value: (c) => link(`/campaigns/${c.id}`, c.name, { class: 'campaign-name' }) },
    { label: 'Status', value: (c) => badge(c.status, STATUS_KIND[c.status]) },
    { label: 'Priority', class: 'numeric', value: (c) => String(c.priority) },
    { label: 'Min. elevation', class: 'numeric', value: (c) => degrees(c.minElevation, 0) },
    { label: 'From', value: (c) => (c.startsAt ? dateTime(c.startsAt, { seconds: false }) : 'open') },
    { label: 'To', value: (c) => (c.endsAt ? dateTime(c.endsAt, { seconds: false }) : 'open') },
  ], list, { empty: can('operator') ? 'No campaigns yet. Start one.' : 'No campaigns yet.', caption: 'Priority 1 is the highest.' }));
}
