// One station: live sky plot and session, its facts, manual tracking, the frames it receives,
// reservations, the latest observations (with their frames to download), and for owners editing,
// key rotation and deletion.

import * as api from '../api.js';
import { h, replace, pageHeader, link, facts, table, badge } from '../ui/dom.js';
import { field, formStatus, input, submitting } from '../ui/forms.js';
import { failure, loading, notify } from '../ui/notice.js';
import { confirmDialog } from '../ui/dialog.js';
import { dateTime, degrees, fromInputUtc, time } from '../ui/format.js';
import { can } from '../session.js';
import { stationLive } from '../tracking/station-live.js';
import { keyPanel } from './key.js';
import { downloadFramesButton, framesCard } from '../streaming/frames.js';

export async function render(container, { id }, { session, statuses, feed, navigate }) {
  const slug = session.org.slug;
  replace(container, pageHeader('Station'), loading());
  let station;
  try {
    station = await api.get(api.org(slug, 'stations', id));
  } catch (error) {
    replace(container, pageHeader('Station'), failure(error, 'the station'));
    return undefined;
  }
  const keyArea = h('div', { 'aria-live': 'polite' });
  const owner = can('owner');
  const actions = owner ? [
    link(`/stations/${id}/edit`, 'Edit', { class: 'button', id: 'edit-station' }),
    h('button', {
      type: 'button', id: 'rotate-key', text: 'Rotate key',
      onClick: async (event) => {
        if (!(await confirmDialog('Rotate the station key?', 'The current key stops working at once; the station\'s agent is disconnected until it has the new key.', 'Rotate key'))) {
          return;
        }
        event.target.disabled = true;
        try {
          const answer = await api.post(api.org(slug, 'stations', id, 'keys'));
          replace(keyArea, keyPanel(id, answer.apiKey, { rotated: true }));
          keyArea.querySelector('#copy-key').focus();
        } catch (error) {
          notify(`Could not rotate the key: ${error.detail || error.message}`, 'bad');
        } finally {
          event.target.disabled = false;
        }
      },
    }),
    h('button', {
      type: 'button', class: 'button-danger', id: 'delete-station', text: 'Delete',
      onClick: async () => {
        if (!(await confirmDialog(`Delete ${station.name}?`, 'The station, its key and its plan are removed. This cannot be undone.', 'Delete station'))) {
          return;
        }
        try {
          await api.del(api.org(slug, 'stations', id));
          notify(`Station ${station.name} deleted.`);
          navigate('/stations');
        } catch (error) {
          notify(`Could not delete: ${error.detail || error.message}`, 'bad');
        }
      },
    }),
  ] : [];
  const live = stationLive(slug, station, statuses);
  const frames = framesCard(slug, station, feed);
  const rotator = station.rotator;
  const reservations = h('div');
  const observations = h('div');
  replace(container,
    pageHeader(station.name, actions),
    keyArea,
    h('div', { class: 'station-detail' },
      h('section', { class: 'card', 'aria-labelledby': 'live-title' }, h('h2', { id: 'live-title', text: 'Live' }), live.element),
      h('div', { class: 'stack' },
        can('operator') ? trackForm(slug, id) : null,
        h('section', { class: 'card', 'aria-labelledby': 'facts-title' },
          h('h2', { id: 'facts-title', text: 'Station' }),
          facts([
            ['Position', `${station.latitude.toFixed(5)}°, ${station.longitude.toFixed(5)}°`],
            ['Altitude', `${station.altitude} m`],
            ['Horizon mask', station.horizonMask && station.horizonMask.length ? `${station.horizonMask.length} points` : 'flat'],
            ['Rotator azimuth', rotator ? `${rotator.azimuth.min}° to ${rotator.azimuth.max}°${rotator.azimuthSpeed ? `, ${rotator.azimuthSpeed}°/s` : ''}` : 'not limited'],
            ['Rotator elevation', rotator ? `${rotator.elevation.min}° to ${rotator.elevation.max}°${rotator.elevationSpeed ? `, ${rotator.elevationSpeed}°/s` : ''}` : 'not limited'],
            ['Key created', dateTime(station.keyCreatedAt)],
            ['Registered', dateTime(station.createdAt)],
            ['Id', h('code', { text: station.id })],
          ]),
          h('p', {}, link(`/plan?station=${id}`, 'See this station\'s plan'))))),
    frames.element,
    h('section', { class: 'card', 'aria-labelledby': 'reservations-title' },
      h('h2', { id: 'reservations-title', text: 'Reservations' }), reservations),
    h('section', { class: 'card', 'aria-labelledby': 'observations-title' },
      h('h2', { id: 'observations-title', text: 'Latest observations' }), observations));
  loadReservations(slug, id, reservations);
  loadObservations(slug, id, observations);
  return () => {
    live.stop();
    frames.stop();
  };
}

function trackForm(slug, stationId) {
  const norad = input({ type: 'number', min: 1, required: true, inputmode: 'numeric', placeholder: '25544' });
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'track-title' },
    h('h2', { id: 'track-title', text: 'Track by hand' }),
    h('p', { class: 'hint', text: 'Follows the satellite\'s pass in progress or its next one within 24 hours; replaces a track already running.' }),
    formStatus(),
    field('Satellite (NORAD id)', norad, { name: 'norad' }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button-primary', text: 'Track' }),
      h('button', {
        type: 'button', text: 'Stop and park',
        onClick: async () => {
          await submitting(form, async () => {
            await api.del(api.org(slug, 'stations', stationId, 'track'));
            notify('Tracking stopped; the rotator parks.');
          }, 'Stopping…');
        },
      })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await submitting(form, () => api.post(api.org(slug, 'stations', stationId, 'track'), { norad: Number(norad.value) }), 'Starting…');
    if (answer) {
      notify(`Tracking ${answer.satellite || answer.noradId}: AOS ${time(answer.aos)} UTC.`);
    }
  });
  return form;
}

async function loadReservations(slug, stationId, area) {
  replace(area, loading());
  let list;
  try {
    list = (await api.get(api.org(slug, 'stations', stationId, 'reservations'))).reservations || [];
  } catch (error) {
    replace(area, failure(error, 'the reservations'));
    return;
  }
  const owner = can('owner');
  const columns = [
    { label: 'From', value: (r) => dateTime(r.window.from) },
    { label: 'To', value: (r) => dateTime(r.window.to) },
    { label: 'Reason', value: (r) => r.reason || '—' },
  ];
  if (owner) {
    columns.push({
      label: 'Actions',
      value: (r) => h('button', {
        type: 'button', class: 'button-quiet', text: 'Give back',
        onClick: async () => {
          try {
            await api.del(api.org(slug, 'stations', stationId, 'reservations', r.id));
            notify('Reservation given back.');
            loadReservations(slug, stationId, area);
          } catch (error) {
            notify(`Could not give it back: ${error.detail || error.message}`, 'bad');
          }
        },
      }),
    });
  }
  replace(area,
    h('p', { class: 'hint', text: 'Time the owners keep for maintenance or local use; campaigns are planned around it.' }),
    table(columns, list, { empty: 'No reservations.' }),
    owner ? reservationForm(slug, stationId, () => loadReservations(slug, stationId, area)) : null);
}

function reservationForm(slug, stationId, done) {
  const from = input({ type: 'datetime-local', required: true });
  const to = input({ type: 'datetime-local', required: true });
  const reason = input({ maxlength: 1000 });
  const form = h('form', { class: 'inline-form', novalidate: true },
    formStatus(),
    h('div', { class: 'field-grid' },
      field('From (UTC)', from, { name: 'from' }),
      field('To (UTC)', to, { name: 'to' }),
      field('Reason', reason, { name: 'reason' })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Reserve' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { from: fromInputUtc(from.value), to: fromInputUtc(to.value) };
    if (reason.value.trim()) {
      body.reason = reason.value.trim();
    }
    const made = await submitting(form, () => api.post(api.org(slug, 'stations', stationId, 'reservations'), body), 'Reserving…');
    if (made) {
      notify('Reserved.');
      done();
    }
  });
  return form;
}

const OUTCOME_KIND = { completed: 'ok', tracking: 'info', pending: 'muted', missed: 'bad', aborted: 'warn' };

async function loadObservations(slug, stationId, area) {
  replace(area, loading());
  try {
    const page = await api.get(api.withQuery(api.org(slug, 'observations'), { stationId, limit: 10 }));
    replace(area, table([
      { label: 'Satellite', value: (o) => link(`/satellites/${o.noradId}`, `NORAD ${o.noradId}`) },
      { label: 'Planned AOS', value: (o) => dateTime(o.plannedAos) },
      { label: 'Peak', value: (o) => degrees(o.maxElevation) },
      { label: 'Kind', value: (o) => o.kind },
      { label: 'Outcome', value: (o) => h('span', {}, badge(o.outcome, OUTCOME_KIND[o.outcome]), o.reason ? ` ${o.reason}` : '') },
      { label: 'Tracking error', value: (o) => (o.trackingError && o.trackingError.rms != null ? `rms ${degrees(o.trackingError.rms, 2)}` : '—') },
      { label: 'Frames', value: (o) => downloadFramesButton(slug, o) },
    ], page.observations || [], { empty: 'No observations yet.' }));
  } catch (error) {
    replace(area, failure(error, 'the observations'));
  }
}
