// Live tracking: the world map with the satellites the stations follow (position, ground track,
// footprint) and the stations, and a sky plot per station.

import * as api from '../api.js';
import { h, replace, pageHeader, link } from '../ui/dom.js';
import { failure, loading } from '../ui/notice.js';
import { WorldMap } from './map.js';
import { stationLive } from './station-live.js';

const TRACK_STEP_MIN = 2;
const TRACK_SPAN_MIN = 50;
const TRACK_KEEP_MS = 20 * 60 * 1000;
const POSITION_EVERY_MS = 10_000;

/** Ground tracks by NORAD id: `{at: fetched time, points}`; kept across visits of the page. */
const groundTracks = new Map();

export async function render(container, params, { session, statuses }) {
  const slug = session.org.slug;
  replace(container, pageHeader('Tracking'), loading());
  let stations;
  try {
    stations = (await api.get(api.org(slug, 'stations'))).stations || [];
  } catch (error) {
    replace(container, pageHeader('Tracking'), failure(error, 'the stations'));
    return undefined;
  }
  const map = new WorldMap(`Satellites tracked by ${session.org.name} and its stations`);
  map.setStations(stations);
  const lives = stations.map((s) => stationLive(slug, s, statuses, { compact: true }));
  replace(container,
    pageHeader('Tracking'),
    h('div', { class: 'tracking-layout' },
      h('section', { class: 'card', 'aria-labelledby': 'map-title' },
        h('h2', { id: 'map-title', text: 'Where the satellites are' }), map.element,
        h('p', { class: 'legend', text: 'Satellites being tracked with their ground track (±50 min, dashed behind) and footprint; stations as squares.' })),
      stations.length
        ? h('div', { class: 'station-cards' }, lives.map((live, i) => h('section', { class: 'card', 'aria-label': stations[i].name },
          h('h2', {}, link(`/stations/${stations[i].id}`, stations[i].name)), live.element)))
        : h('p', { class: 'empty', text: 'No stations.' })));

  const positions = new Map();
  let stopped = false;

  /** The satellites tracked now, with a station that tracks each (for the pointing API). */
  const tracked = () => {
    const bySat = new Map();
    for (const s of stations) {
      const t = statuses.get(s.id) && statuses.get(s.id).tracking;
      if (t && !bySat.has(t.noradId)) {
        bySat.set(t.noradId, { noradId: t.noradId, name: t.satellite || `NORAD ${t.noradId}`, stationId: s.id });
      }
    }
    return [...bySat.values()];
  };

  const look = (stationId, noradId, at) => api.get(api.withQuery(api.org(slug, 'stations', stationId, 'track', noradId), at ? { at: at.toISOString() } : {}));

  async function ensureTrack(sat) {
    const known = groundTracks.get(sat.noradId);
    if (known && Date.now() - known.at < TRACK_KEEP_MS) {
      return;
    }
    groundTracks.set(sat.noradId, { at: Date.now(), points: known ? known.points : [] });
    const now = Date.now();
    const instants = [];
    for (let m = -TRACK_SPAN_MIN; m <= TRACK_SPAN_MIN; m += TRACK_STEP_MIN) {
      instants.push(new Date(now + m * 60_000));
    }
    try {
      const looks = await Promise.all(instants.map((at) => look(sat.stationId, sat.noradId, at)));
      groundTracks.set(sat.noradId, { at: Date.now(), points: looks.map((l) => ({ latitude: l.latitude, longitude: l.longitude, at: l.at })) });
      redraw();
    } catch {
      groundTracks.delete(sat.noradId);
    }
  }

  async function updatePositions() {
    const sats = tracked();
    await Promise.all(sats.map(async (sat) => {
      ensureTrack(sat);
      try {
        positions.set(sat.noradId, await look(sat.stationId, sat.noradId));
      } catch {
        // keep the last position
      }
    }));
    redraw();
  }

  function redraw() {
    if (stopped) {
      return;
    }
    map.setSatellites(tracked().map((sat) => {
      const p = positions.get(sat.noradId) || {};
      return {
        name: sat.name,
        noradId: sat.noradId,
        latitude: p.latitude,
        longitude: p.longitude,
        footprintRadius: p.footprintRadius,
        track: (groundTracks.get(sat.noradId) || {}).points || [],
      };
    }));
  }

  let lastSet = '';
  const stopWatch = statuses.watch(stations.map((s) => s.id), () => {
    const set = tracked().map((s) => s.noradId).join(',');
    if (set !== lastSet) {
      lastSet = set;
      updatePositions();
    }
  });
  updatePositions();
  const timer = setInterval(updatePositions, POSITION_EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    stopWatch();
    lives.forEach((live) => live.stop());
  };
}
