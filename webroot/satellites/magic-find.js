// Magic Find: which satellites could explain a signal heard at a place and time.

import * as api from '../api.js';
import { h, replace, pageHeader, link, table } from '../ui/dom.js';
import { field, formStatus, input, numberValue, submitting } from '../ui/forms.js';
import { degrees, frequency, fromInputUtc, toInputUtc } from '../ui/format.js';

export async function render(container, params, { session }) {
  const latitude = input({ type: 'number', step: 'any', min: -90, max: 90, required: true });
  const longitude = input({ type: 'number', step: 'any', min: -180, max: 180, required: true });
  const altitude = input({ type: 'number', step: 'any', value: '0' });
  const at = input({ type: 'datetime-local', value: toInputUtc(new Date()) });
  const mhz = input({ type: 'number', step: 'any', min: 0, required: true, placeholder: '437.8' });
  const tolerance = input({ type: 'number', step: 'any', min: 0, value: '5000' });
  const azimuth = input({ type: 'number', step: 'any', min: 0, max: 360 });
  const elevation = input({ type: 'number', step: 'any', min: -5, max: 90 });
  const pointingTolerance = input({ type: 'number', step: 'any', min: 0, max: 180, value: '10' });
  const results = h('div', { 'aria-live': 'polite' });
  if (session.org) {
    api.get(api.org(session.org.slug, 'stations')).then((answer) => {
      const first = (answer.stations || [])[0];
      if (first && !latitude.value) {
        latitude.value = String(first.latitude);
        longitude.value = String(first.longitude);
        altitude.value = String(first.altitude);
      }
    }).catch(() => {});
  }
  const form = h('form', { class: 'card', novalidate: true },
    formStatus(),
    h('fieldset', {}, h('legend', { text: 'Where and when' }),
      h('div', { class: 'field-grid' },
        field('Latitude (°)', latitude, { name: 'latitude' }),
        field('Longitude (°)', longitude, { name: 'longitude' }),
        field('Altitude (m)', altitude, { name: 'altitude' }),
        field('Heard at (UTC)', at, { name: 'at' }))),
    h('fieldset', {}, h('legend', { text: 'The signal' }),
      h('div', { class: 'field-grid' },
        field('Frequency heard (MHz)', mhz, { name: 'frequency' }),
        field('Frequency tolerance (Hz)', tolerance, { name: 'frequencyTolerance' }))),
    h('fieldset', {}, h('legend', { text: 'Antenna pointing (optional)' }),
      h('div', { class: 'field-grid' },
        field('Azimuth (°)', azimuth, { name: 'azimuth' }),
        field('Elevation (°)', elevation, { name: 'elevation' }),
        field('Pointing tolerance (°)', pointingTolerance, { name: 'pointingTolerance' }))),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button-primary', text: 'Find satellites' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      latitude: numberValue(latitude),
      longitude: numberValue(longitude),
      altitude: numberValue(altitude),
      at: fromInputUtc(at.value) || undefined,
      frequency: numberValue(mhz) === undefined ? undefined : Math.round(numberValue(mhz) * 1e6),
      frequencyTolerance: numberValue(tolerance),
    };
    if (numberValue(azimuth) !== undefined || numberValue(elevation) !== undefined) {
      body.azimuth = numberValue(azimuth);
      body.elevation = numberValue(elevation);
      body.pointingTolerance = numberValue(pointingTolerance);
    }
    const answer = await submitting(form, () => api.post('/api/magic-find', body), 'Searching the catalogue…');
    if (!answer) {
      return;
    }
    const matches = answer.matches || [];
    replace(results, h('section', { class: 'card' },
      h('h2', { text: `${matches.length} candidate${matches.length === 1 ? '' : 's'}` }),
      h('p', { class: 'hint', text: `Out of ${answer.considered} satellites with an active downlink; best first.` }),
      table([
        { label: '#', class: 'numeric', value: (m) => String(matches.indexOf(m) + 1) },
        { label: 'Satellite', value: (m) => link(`/satellites/${m.noradId}`, `${m.name} (${m.noradId})`) },
        { label: 'Predicted', value: (m) => frequency(m.predictedFrequency) },
        { label: 'Off by', class: 'numeric', value: (m) => `${Math.round(m.frequencyError)} Hz` },
        { label: 'Mode', value: (m) => m.mode || '—' },
        { label: 'Az / El', value: (m) => `${degrees(m.azimuth)} / ${degrees(m.elevation)}` },
        { label: 'Pointing off', class: 'numeric', value: (m) => (m.pointingError === null || m.pointingError === undefined ? '—' : degrees(m.pointingError)) },
      ], matches, { empty: 'No satellite explains this signal.' })));
  });
  replace(container, pageHeader('Magic Find'),
    h('p', { class: 'lead', text: 'Heard a signal you cannot place? Talos ranks every satellite above the horizon whose Doppler-shifted downlink matches.' }),
    form, results);
}
