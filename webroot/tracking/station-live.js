// One station live: the sky plot with the pass, commanded and measured pointing, and beside it
// the session (satellite, phase, countdown, Doppler-corrected frequencies, tracking error).

import * as api from '../api.js';
import { h, replace, facts, badge } from '../ui/dom.js';
import { degrees, duration, frequency, time } from '../ui/format.js';
import { SkyPlot } from './skyplot.js';
import { onlineBadge, driverHealth, lastSeen } from '../stations/view.js';

const PATH_STEP_S = 20;
const PATH_MAX_SAMPLES = 60;

/**
 * A live panel for `station`, kept current from `statuses`. Returns `{element, stop}`;
 * `compact` leaves out the driver list.
 */
export function stationLive(slug, station, statuses, { compact = false } = {}) {
  const plot = new SkyPlot(`Sky plot of ${station.name}`);
  plot.setMask(station.horizonMask);
  const info = h('div', { class: 'live-info', 'aria-live': 'off' });
  const element = h('div', { class: 'station-live', dataset: { stationId: station.id } },
    h('div', { class: 'skyplot-wrap' }, plot.element,
      h('p', { class: 'legend' },
        h('span', { class: 'key key-measured', 'aria-hidden': 'true' }), ' measured  ',
        h('span', { class: 'key key-commanded', 'aria-hidden': 'true' }), ' commanded  ',
        h('span', { class: 'key key-path', 'aria-hidden': 'true' }), ' pass path  ',
        h('span', { class: 'key key-mask', 'aria-hidden': 'true' }), ' horizon mask')),
    info);
  let pathFor = null;
  let fetchedPath = null;

  function draw(status) {
    const t = status && status.tracking;
    const m = status && status.measured;
    plot.setMeasured(m ? m.azimuth : NaN, m ? m.elevation : NaN);
    const c = t && t.commanded;
    plot.setCommanded(c ? c.azimuth : NaN, c ? c.elevation : NaN);
    if (t && status.path && status.path.length) {
      plot.setPath(status.path, t.satellite);
    } else if (t && fetchedPath && pathFor === t.session) {
      plot.setPath(fetchedPath, t.satellite);
    } else if (t) {
      loadPath(t);
    } else {
      plot.setPath([]);
      pathFor = null;
    }
    replace(info, describe(status, station, compact));
  }

  async function loadPath(t) {
    if (pathFor === t.session) {
      return;
    }
    pathFor = t.session;
    fetchedPath = null;
    const aos = Date.parse(t.aos);
    const los = Date.parse(t.los);
    if (!Number.isFinite(aos) || !Number.isFinite(los) || los <= aos) {
      return;
    }
    const step = Math.max(PATH_STEP_S * 1000, (los - aos) / PATH_MAX_SAMPLES);
    const instants = [];
    for (let at = aos; at < los; at += step) {
      instants.push(at);
    }
    instants.push(los);
    try {
      const looks = await Promise.all(instants.map((at) => api.get(api.withQuery(
        api.org(slug, 'stations', station.id, 'track', t.noradId), { at: new Date(at).toISOString() }))));
      if (pathFor === t.session) {
        fetchedPath = looks.map((l) => ({ az: l.azimuth, el: l.elevation }));
        draw(statuses.get(station.id));
      }
    } catch {
      pathFor = null;
    }
  }

  const stopWatching = statuses.watch([station.id], (id, status) => draw(status));
  draw(statuses.get(station.id));
  const ticker = setInterval(() => {
    const countdown = info.querySelector('[data-countdown]');
    if (countdown) {
      const left = (Date.parse(countdown.dataset.countdown) - Date.now()) / 1000;
      countdown.textContent = duration(Math.max(0, left));
    }
  }, 1000);
  return {
    element,
    stop() {
      stopWatching();
      clearInterval(ticker);
    },
  };
}

function describe(status, station, compact) {
  if (!status) {
    return h('p', { class: 'muted', text: 'Waiting for the station\'s status…' });
  }
  const t = status.tracking;
  const m = status.measured;
  const radio = status.radio;
  const rows = [
    ['Link', h('span', {}, onlineBadge(status), ' ', lastSeen(status, station))],
    ['Measured', m ? h('span', { class: 'measured-text' }, `az ${degrees(m.azimuth)} el ${degrees(m.elevation)}`, m.moving ? ' (moving)' : '') : '—'],
    ['Radio', radio ? `${frequency(radio.downlink)}${radio.mode ? ` ${radio.mode}` : ''}${radio.uplink ? ` · up ${frequency(radio.uplink)}` : ''}` : '—'],
  ];
  let session = null;
  if (t) {
    const now = Date.now();
    const beforeAos = Date.parse(t.aos) > now;
    const c = t.commanded || {};
    const tx = t.transmitter;
    session = h('section', { class: 'session', 'aria-label': 'Tracking session' },
      h('h3', {}, `${t.satellite || 'Satellite'} `, h('span', { class: 'muted', text: `NORAD ${t.noradId}` }), ' ',
        badge(t.phase, t.phase === 'tracking' ? 'info' : 'warn'), ' ', badge(t.kind || 'manual', 'muted')),
      h('p', { class: 'countdown' },
        beforeAos ? 'AOS in ' : 'LOS in ',
        h('strong', { dataset: { countdown: beforeAos ? t.aos : t.los }, text: duration(Math.max(0, ((Date.parse(beforeAos ? t.aos : t.los)) - now) / 1000)) })),
      facts([
        ['AOS / TCA / LOS', `${time(t.aos)} / ${time(t.tca)} / ${time(t.los)} UTC`],
        ['Peak elevation', degrees(t.maxElevation)],
        ['Commanded', c.azimuth !== undefined ? `az ${degrees(c.azimuth)} el ${degrees(c.elevation)}` : '—'],
        ['Downlink (Doppler)', c.downlink ? h('span', { class: 'doppler' }, frequency(c.downlink)) : (tx && tx.downlink ? frequency(tx.downlink) : '—')],
        ['Uplink (Doppler)', c.uplink ? frequency(c.uplink) : null],
        ['Transmitter', tx ? [tx.description, tx.mode].filter(Boolean).join(' · ') : null],
        ['Tracking error', t.trackingError ? `rms ${degrees(t.trackingError.rms, 2)}, max ${degrees(t.trackingError.max, 2)}` : null],
        ['Rotator mode', t.rotatorMode || null],
      ]),
      (t.warnings || []).length
        ? h('details', { class: 'warnings' },
          h('summary', { text: `${t.warnings.length} rotator warning${t.warnings.length === 1 ? '' : 's'}` }),
          h('ul', {}, t.warnings.map((w) => h('li', { text: w.message }))))
        : null);
  }
  return h('div', {},
    facts(rows),
    session || h('p', { class: 'muted', text: 'No pass in progress.' }),
    compact ? null : h('div', { class: 'drivers-block' }, h('h3', { text: 'Drivers' }), driverHealth(status)));
}
