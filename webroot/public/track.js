// The public tracker: where one satellite is now, on the map, and its next passes over the
// coordinates the visitor enters. Needs no account; the server limits requests per address, so
// this page asks sparingly.

import * as api from '../api.js';
import { h, replace, facts, table } from '../ui/dom.js';
import { field, formStatus, input, numberValue, submitting } from '../ui/forms.js';
import { dateTime, degrees, distance, duration, time } from '../ui/format.js';
import { WorldMap } from '../tracking/map.js';

const POSITION_EVERY_MS = 15_000;
const TRACK_STEP_MIN = 8;
const TRACK_SPAN_MIN = 48;
const PLACE_KEY = 'talos.public.place';

const main = document.getElementById('main');
const saved = JSON.parse(localStorage.getItem(PLACE_KEY) || 'null') || { latitude: 52.52, longitude: 13.405 };
const noradFromHash = () => Number(window.location.hash.replace(/^#/, '')) || 25544;

const norad = input({ type: 'number', min: 1, required: true, value: String(noradFromHash()), inputmode: 'numeric' });
const latitude = input({ type: 'number', step: 'any', min: -90, max: 90, required: true, value: String(saved.latitude) });
const longitude = input({ type: 'number', step: 'any', min: -180, max: 180, required: true, value: String(saved.longitude) });
const map = new WorldMap('Where the satellite is now');
const title = h('h1', { text: 'Satellite tracker', tabindex: '-1' });
const now = h('div', { 'aria-live': 'polite' });
const passes = h('div');
const locate = h('button', { type: 'button', class: 'button-quiet', text: 'Use my location' });
const form = h('form', { class: 'card', novalidate: true },
  formStatus(),
  h('div', { class: 'field-grid' },
    field('Satellite (NORAD id)', norad, { name: 'noradId', hint: '25544 is the ISS' }),
    field('Your latitude (°)', latitude, { name: 'latitude' }),
    field('Your longitude (°)', longitude, { name: 'longitude' })),
  h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button-primary', text: 'Show' }), locate));

let timer = null;
let track = [];
let current = null;

replace(main,
  h('div', { class: 'page-header' }, title),
  form,
  h('section', { class: 'card' }, map.element, now),
  h('section', { class: 'card', 'aria-labelledby': 'passes-title' }, h('h2', { id: 'passes-title', text: 'Next passes over you' }), passes));

const query = (at) => api.withQuery(`/api/public/satellites/${api.seg(norad.value)}`, {
  latitude: numberValue(latitude), longitude: numberValue(longitude), at: at ? at.toISOString() : undefined,
});

function draw() {
  if (!current) {
    return;
  }
  map.setStations([{ name: 'you', latitude: numberValue(latitude), longitude: numberValue(longitude) }]);
  map.setSatellites([{ name: current.name, noradId: current.noradId, latitude: current.latitude, longitude: current.longitude, footprintRadius: current.footprintRadius, track }]);
  replace(now, facts([
    ['Sub-satellite point', `${degrees(current.latitude, 2)}, ${degrees(current.longitude, 2)}`],
    ['Altitude', distance(current.altitude)],
    ['Seen from you', `azimuth ${degrees(current.azimuth)}, elevation ${degrees(current.elevation)}${current.elevation > 0 ? ' (above the horizon)' : ''}`],
    ['Range', distance(current.range)],
    ['In sunlight', current.sunlit ? 'yes' : 'no'],
    ['At', dateTime(current.at)],
  ]));
}

async function show() {
  clearInterval(timer);
  const first = await submitting(form, () => api.get(query()), 'Looking…');
  if (!first) {
    return;
  }
  current = first;
  localStorage.setItem(PLACE_KEY, JSON.stringify({ latitude: numberValue(latitude), longitude: numberValue(longitude) }));
  if (window.location.hash !== `#${norad.value}`) {
    window.history.replaceState(null, '', `#${norad.value}`);
  }
  title.textContent = `${first.name} (${first.noradId})`;
  document.title = `${first.name} · Talos tracker`;
  replace(passes, table([
    { label: 'Rises (AOS)', value: (p) => dateTime(p.aos) },
    { label: 'Highest', value: (p) => `${time(p.tca)} at ${degrees(p.maxElevation)}` },
    { label: 'Sets (LOS)', value: (p) => time(p.los) },
    { label: 'Duration', value: (p) => duration((Date.parse(p.los) - Date.parse(p.aos)) / 1000) },
    { label: 'Direction', value: (p) => `${compass(p.aosAzimuth)} → ${compass(p.losAzimuth)}` },
  ], first.passes || [], { empty: 'No pass in the next two days.' }));
  track = [];
  draw();
  const start = Date.now();
  const instants = [];
  for (let m = -TRACK_SPAN_MIN; m <= TRACK_SPAN_MIN; m += TRACK_STEP_MIN) {
    instants.push(new Date(start + m * 60_000));
  }
  try {
    const looks = await Promise.all(instants.map((at) => api.get(query(at))));
    track = looks.map((l) => ({ latitude: l.latitude, longitude: l.longitude, at: l.at }));
    draw();
  } catch {
    // the position alone still shows
  }
  timer = setInterval(async () => {
    try {
      current = await api.get(query());
      draw();
    } catch {
      // keep showing the last position; the next tick tries again
    }
  }, POSITION_EVERY_MS);
}

function compass(azimuth) {
  const names = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];
  return `${names[Math.round(azimuth / 45) % 8]} (${Math.round(azimuth)}°)`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  show();
});
locate.addEventListener('click', () => {
  if (!navigator.geolocation) {
    return;
  }
  navigator.geolocation.getCurrentPosition((where) => {
    latitude.value = where.coords.latitude.toFixed(4);
    longitude.value = where.coords.longitude.toFixed(4);
    show();
  });
});
window.addEventListener('hashchange', () => {
  norad.value = String(noradFromHash());
  show();
});
show();
