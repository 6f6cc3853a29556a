// One satellite: its elements, its transmitters, and its next passes over a chosen station.

import * as api from '../api.js';
import { h, replace, pageHeader, facts, table, badge } from '../ui/dom.js';
import { field, formStatus, input, select, submitting } from '../ui/forms.js';
import { failure, loading } from '../ui/notice.js';
import { dateTime, degrees, duration, frequency, time } from '../ui/format.js';

export async function render(container, { norad }, { session }) {
  replace(container, pageHeader(`NORAD ${norad}`), loading());
  let sat;
  try {
    sat = await api.get(`/api/satellites/${api.seg(norad)}`);
  } catch (error) {
    replace(container, pageHeader(`NORAD ${norad}`), failure(error, 'the satellite'));
    return;
  }
  const passes = h('div', { 'aria-live': 'polite' });
  const publicLink = h('a', { href: `public/track.html#${sat.noradId}`, class: 'button', text: 'Public tracker page' });
  replace(container,
    pageHeader(sat.name, publicLink),
    h('div', { class: 'two-columns' },
      h('section', { class: 'card', 'aria-labelledby': 'elements-title' },
        h('h2', { id: 'elements-title', text: 'Satellite' }),
        facts([
          ['NORAD id', String(sat.noradId)],
          ['Designator', sat.internationalDesignator || '—'],
          ['Status', sat.status || '—'],
          ['Elements of', sat.tle ? dateTime(sat.tle.epoch) : '—'],
          ['Source', sat.tle ? sat.tle.source : '—'],
        ]),
        sat.tle ? h('pre', { class: 'tle' }, h('code', { text: `${sat.tle.line1}\n${sat.tle.line2}` })) : null),
      session.org ? passesCard(session.org.slug, sat, passes) : h('section', { class: 'card' }, h('p', { class: 'muted', text: 'Join an organisation with stations to see passes.' }))),
    h('section', { class: 'card', 'aria-labelledby': 'tx-title' },
      h('h2', { id: 'tx-title', text: 'Transmitters' }),
      table([
        { label: 'Description', value: (t) => t.description || '—' },
        { label: 'Downlink', value: (t) => (t.downlinkLow ? `${frequency(t.downlinkLow)}${t.downlinkHigh && t.downlinkHigh !== t.downlinkLow ? ` – ${frequency(t.downlinkHigh)}` : ''}` : '—') },
        { label: 'Uplink', value: (t) => (t.uplinkLow ? `${frequency(t.uplinkLow)}${t.uplinkHigh && t.uplinkHigh !== t.uplinkLow ? ` – ${frequency(t.uplinkHigh)}` : ''}` : '—') },
        { label: 'Mode', value: (t) => [t.mode, t.baud ? `${t.baud} Bd` : null].filter(Boolean).join(' · ') || '—' },
        { label: 'Status', value: (t) => badge(t.status || '—', t.status === 'active' ? 'ok' : 'muted') },
        { label: 'Id', value: (t) => h('code', { text: t.id }) },
      ], sat.transmitters || [], { empty: 'No transmitters known.' })));
}

function passesCard(slug, sat, area) {
  const stationChoice = select([], { required: true });
  const hours = input({ type: 'number', min: 1, max: 72, value: '24' });
  const minElevation = input({ type: 'number', min: 0, max: 90, step: 'any', value: '0' });
  const form = h('form', { novalidate: true },
    formStatus(),
    h('div', { class: 'field-grid' },
      field('Station', stationChoice, { name: 'stationId' }),
      field('Next hours', hours, { name: 'hours' }),
      field('Minimum elevation (°)', minElevation, { name: 'minElevation' })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button-primary', text: 'Show passes' })));
  const card = h('section', { class: 'card', 'aria-labelledby': 'passes-title' },
    h('h2', { id: 'passes-title', text: 'Next passes' }), form, area);
  api.get(api.org(slug, 'stations')).then((answer) => {
    const stations = answer.stations || [];
    replace(stationChoice, stations.map((s) => h('option', { value: s.id, text: s.name })));
    if (stations.length) {
      form.requestSubmit();
    } else {
      replace(area, h('p', { class: 'muted', text: 'The organisation has no stations.' }));
    }
  }).catch((error) => replace(area, failure(error, 'the stations')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await submitting(form, () => api.get(api.withQuery(api.org(slug, 'stations', stationChoice.value, 'passes'),
      { noradId: sat.noradId, hours: hours.value, minElevation: minElevation.value })), 'Computing…');
    if (answer) {
      replace(area, table([
        { label: 'AOS', value: (p) => dateTime(p.aos) + (p.startsBeforeWindow ? ' (in progress)' : '') },
        { label: 'TCA', value: (p) => time(p.tca) },
        { label: 'LOS', value: (p) => time(p.los) },
        { label: 'Duration', value: (p) => duration((Date.parse(p.los) - Date.parse(p.aos)) / 1000) },
        { label: 'Peak', class: 'numeric', value: (p) => degrees(p.maxElevation) },
        { label: 'Azimuth AOS → LOS', value: (p) => `${degrees(p.aosAzimuth, 0)} → ${degrees(p.losAzimuth, 0)}` },
      ], answer.passes || [], { empty: 'No pass in this window.' }));
    }
  });
  return card;
}
