// The satellite catalogue: search by name, NORAD id or international designator.

import * as api from '../api.js';
import { h, replace, pageHeader, link, table, badge } from '../ui/dom.js';
import { field, formStatus, input, submitting } from '../ui/forms.js';
import { dateTime } from '../ui/format.js';

export async function render(container, { query }, { navigate }) {
  const q = input({ type: 'search', required: true, maxlength: 100, value: query.get('q') || '', placeholder: 'ISS, 25544 or 1998-067A' });
  const results = h('div', { 'aria-live': 'polite' });
  const status = h('p', { class: 'hint' });
  const form = h('form', { class: 'card', role: 'search', novalidate: true },
    formStatus(),
    field('Find a satellite', q, { name: 'q' }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button-primary', text: 'Search' }),
      link('/magic-find', 'Heard a signal? Magic Find', { class: 'button button-quiet' })),
    status);
  async function search() {
    const text = q.value.trim();
    if (!text) {
      return;
    }
    const answer = await submitting(form, () => api.get(api.withQuery('/api/satellites', { q: text, limit: 100 })), 'Searching…');
    if (!answer) {
      return;
    }
    const list = answer.satellites || [];
    status.textContent = `${list.length} satellite${list.length === 1 ? '' : 's'} found${list.length === 100 ? ' (the first 100)' : ''}.`;
    replace(results, table([
      { label: 'Name', value: (s) => link(`/satellites/${s.noradId}`, s.name) },
      { label: 'NORAD', class: 'numeric', value: (s) => String(s.noradId) },
      { label: 'Designator', value: (s) => s.internationalDesignator || '—' },
      { label: 'Status', value: (s) => badge(s.status || 'unknown', s.status === 'alive' ? 'ok' : 'muted') },
      { label: 'Elements of', value: (s) => dateTime(s.epoch, { seconds: false }) },
    ], list, { empty: 'No satellite matches.' }));
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`/satellites?q=${encodeURIComponent(q.value.trim())}`);
  });
  replace(container, pageHeader('Satellites'), form, results);
  q.focus();
  if (q.value) {
    await search();
  }
}
