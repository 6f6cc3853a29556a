// Starting a campaign (as a draft) or changing one (operators).

import * as api from '../api.js';
import { h, replace, pageHeader, link } from '../ui/dom.js';
import { field, formStatus, input, numberValue, submitting } from '../ui/forms.js';
import { failure, loading, notify } from '../ui/notice.js';
import { fromInputUtc, toInputUtc } from '../ui/format.js';
import { can } from '../session.js';

export async function render(container, { id }, { session, navigate }) {
  const slug = session.org.slug;
  const title = id ? 'Edit campaign' : 'New campaign';
  if (!can('operator')) {
    replace(container, pageHeader(title), h('p', { class: 'problem', text: 'Only operators and owners start and change campaigns.' }));
    return;
  }
  let campaign = { name: '', description: '', priority: 5, startsAt: null, endsAt: null, minElevation: 0 };
  if (id) {
    replace(container, pageHeader(title), loading());
    try {
      campaign = await api.get(api.org(slug, 'campaigns', id));
    } catch (error) {
      replace(container, pageHeader(title), failure(error, 'the campaign'));
      return;
    }
  }
  const name = input({ required: true, maxlength: 200, value: campaign.name });
  const description = h('textarea', { rows: 3, maxlength: 4000 });
  description.value = campaign.description || '';
  const priority = input({ type: 'number', min: 1, max: 10, step: 1, value: String(campaign.priority) });
  const minElevation = input({ type: 'number', min: 0, max: 90, step: 'any', value: String(campaign.minElevation ?? 0) });
  const startsAt = input({ type: 'datetime-local', value: toInputUtc(campaign.startsAt) });
  const endsAt = input({ type: 'datetime-local', value: toInputUtc(campaign.endsAt) });
  const form = h('form', { class: 'card', novalidate: true },
    formStatus(),
    field('Name', name, { name: 'name' }),
    field('Description', description, { name: 'description' }),
    h('div', { class: 'field-grid' },
      field('Priority', priority, { name: 'priority', hint: '1 is the highest, 10 the lowest' }),
      field('Minimum elevation (°)', minElevation, { name: 'minElevation', hint: 'Lower passes are not planned' }),
      field('Starts (UTC)', startsAt, { name: 'startsAt', hint: 'Empty: open' }),
      field('Ends (UTC)', endsAt, { name: 'endsAt', hint: 'Empty: open' })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button-primary', text: id ? 'Save changes' : 'Create draft' }),
      link(id ? `/campaigns/${id}` : '/campaigns', 'Cancel', { class: 'button button-quiet' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      name: name.value.trim(),
      description: description.value.trim(),
      priority: numberValue(priority),
      minElevation: numberValue(minElevation),
      startsAt: fromInputUtc(startsAt.value),
      endsAt: fromInputUtc(endsAt.value),
    };
    if (!id) {
      Object.keys(body).forEach((k) => (body[k] === null || body[k] === undefined || body[k] === '') && delete body[k]);
    }
    const saved = await submitting(form, () => (id
      ? api.patch(api.org(slug, 'campaigns', id), body)
      : api.post(api.org(slug, 'campaigns'), body)), id ? 'Saving…' : 'Creating…');
    if (saved) {
      notify(id ? 'Campaign saved.' : `Campaign ${saved.name} created as a draft: add targets and stations.`);
      navigate(`/campaigns/${saved.id}`);
    }
  });
  replace(container, pageHeader(title), form);
  name.focus();
}
