// Registering a station, or changing one: position, horizon mask and rotator limits (owner).

import * as api from '../api.js';
import { h, replace, pageHeader, link } from '../ui/dom.js';
import { field, formStatus, input, numberValue, submitting } from '../ui/forms.js';
import { failure, loading, notify } from '../ui/notice.js';
import { can } from '../session.js';
import { HorizonEditor } from './horizon.js';
import { keyPanel } from './key.js';

export async function render(container, { id }, { session, navigate }) {
  const slug = session.org.slug;
  const editing = Boolean(id);
  const title = editing ? 'Edit station' : 'Register a station';
  if (!can('owner')) {
    replace(container, pageHeader(title), h('p', { class: 'problem', text: 'Only owners of the organisation register and change stations.' }));
    return;
  }
  let station = { name: '', latitude: '', longitude: '', altitude: 0, horizonMask: [], rotator: null };
  if (editing) {
    replace(container, pageHeader(title), loading());
    try {
      station = await api.get(api.org(slug, 'stations', id));
    } catch (error) {
      replace(container, pageHeader(title), failure(error, 'the station'));
      return;
    }
  }
  const rot = station.rotator || {};
  const name = input({ required: true, maxlength: 200, value: station.name });
  const latitude = input({ type: 'number', required: true, min: -90, max: 90, step: 'any', value: String(station.latitude) });
  const longitude = input({ type: 'number', required: true, min: -180, max: 180, step: 'any', value: String(station.longitude) });
  const altitude = input({ type: 'number', required: true, min: -500, max: 20000, step: 'any', value: String(station.altitude ?? 0) });
  const mask = new HorizonEditor(station.horizonMask);
  const hasRotator = h('input', { type: 'checkbox', id: 'has-rotator', checked: Boolean(station.rotator) });
  const azMin = input({ type: 'number', step: 'any', min: -180, max: 540, value: String(rot.azimuth ? rot.azimuth.min : 0) });
  const azMax = input({ type: 'number', step: 'any', min: -180, max: 540, value: String(rot.azimuth ? rot.azimuth.max : 360) });
  const elMin = input({ type: 'number', step: 'any', min: -180, max: 540, value: String(rot.elevation ? rot.elevation.min : 0) });
  const elMax = input({ type: 'number', step: 'any', min: -180, max: 540, value: String(rot.elevation ? rot.elevation.max : 90) });
  const azSpeed = input({ type: 'number', step: 'any', min: 0, max: 100, value: rot.azimuthSpeed ? String(rot.azimuthSpeed) : '' });
  const elSpeed = input({ type: 'number', step: 'any', min: 0, max: 100, value: rot.elevationSpeed ? String(rot.elevationSpeed) : '' });
  const rotatorFields = h('div', { class: 'field-grid', hidden: !hasRotator.checked },
    field('Azimuth from (°)', azMin, { name: 'rotator' }),
    field('Azimuth to (°)', azMax),
    field('Elevation from (°)', elMin),
    field('Elevation to (°)', elMax),
    field('Azimuth speed (°/s)', azSpeed),
    field('Elevation speed (°/s)', elSpeed));
  hasRotator.addEventListener('change', () => { rotatorFields.hidden = !hasRotator.checked; });

  const form = h('form', { class: 'card station-form', novalidate: true },
    formStatus(),
    field('Name', name, { name: 'name' }),
    h('div', { class: 'field-grid' },
      field('Latitude (°)', latitude, { name: 'latitude', hint: 'North positive, −90 to 90' }),
      field('Longitude (°)', longitude, { name: 'longitude', hint: 'East positive, −180 to 180' }),
      field('Altitude (m)', altitude, { name: 'altitude', hint: 'Above the WGS-84 ellipsoid' })),
    mask.element,
    h('fieldset', { class: 'rotator' },
      h('legend', { text: 'Rotator' }),
      h('label', { class: 'checkbox' }, hasRotator, ' This station has rotator travel limits and slew rates'),
      rotatorFields),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button-primary', text: editing ? 'Save changes' : 'Register station' }),
      link(editing ? `/stations/${id}` : '/stations', 'Cancel', { class: 'button button-quiet' })));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      name: name.value.trim(),
      latitude: numberValue(latitude),
      longitude: numberValue(longitude),
      altitude: numberValue(altitude),
      horizonMask: mask.value(),
    };
    if (hasRotator.checked) {
      body.rotator = {
        azimuth: { min: numberValue(azMin), max: numberValue(azMax) },
        elevation: { min: numberValue(elMin), max: numberValue(elMax) },
      };
      if (numberValue(azSpeed) !== undefined) {
        body.rotator.azimuthSpeed = numberValue(azSpeed);
      }
      if (numberValue(elSpeed) !== undefined) {
        body.rotator.elevationSpeed = numberValue(elSpeed);
      }
    } else if (editing) {
      body.rotator = null;
    }
    if (editing) {
      const saved = await submitting(form, () => api.patch(api.org(slug, 'stations', id), body));
      if (saved) {
        notify(`Station ${saved.name} saved.`);
        navigate(`/stations/${id}`);
      }
      return;
    }
    const created = await submitting(form, () => api.post(api.org(slug, 'stations'), body), 'Registering…');
    if (created) {
      replace(container,
        pageHeader(`Station ${created.name} registered`),
        keyPanel(created.id, created.apiKey),
        h('p', {}, link(`/stations/${created.id}`, 'Go to the station', { class: 'button', id: 'go-to-station' })));
      container.querySelector('#copy-key').focus();
    }
  });
  replace(container, pageHeader(title), form);
  name.focus();
}
