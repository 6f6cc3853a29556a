// How a station's live state reads: online badge, pointing, driver health, the session.

import { h, badge } from '../ui/dom.js';
import { ago, degrees } from '../ui/format.js';

/** The online/offline badge of a status (unknown until the first status arrives). */
export function onlineBadge(status) {
  if (!status || status.online === undefined) {
    return badge('unknown', 'muted');
  }
  return status.online ? badge('online', 'ok') : badge('offline', 'bad');
}

/** `az 123.4° el 45.6°` from the measured position, with a moving mark. */
export function pointing(status) {
  const m = status && status.measured;
  if (!m) {
    return h('span', { class: 'muted', text: '—' });
  }
  return h('span', { class: 'pointing' },
    `az ${degrees(m.azimuth)} el ${degrees(m.elevation)}`,
    m.moving ? h('span', { class: 'moving', title: 'the rotator is moving', text: ' ↻' }) : null);
}

const HEALTH_KIND = { ok: 'ok', unavailable: 'warn', disabled: 'muted', failed: 'bad' };

/** One badge per driver, its detail as the title. */
export function driverHealth(status) {
  const drivers = (status && status.drivers) || [];
  if (!drivers.length) {
    return h('span', { class: 'muted', text: '—' });
  }
  return h('span', { class: 'drivers' }, drivers.map((d) => {
    const b = badge(`${d.name}: ${d.health}`, HEALTH_KIND[d.health] || 'muted');
    b.title = [d.driver, d.detail].filter(Boolean).join(' — ');
    return b;
  }));
}

/** What the station is doing: the satellite it tracks and the phase, or idle. */
export function activity(status) {
  const t = status && status.tracking;
  if (!t) {
    return h('span', { class: 'muted', text: 'idle' });
  }
  return h('span', {}, badge(t.phase || 'tracking', t.phase === 'tracking' ? 'info' : 'warn'), ' ',
    `${t.satellite || 'NORAD'} (${t.noradId})`);
}

/** "12 s ago" for the last message. */
export function lastSeen(status, station) {
  const at = (status && status.lastSeenAt) || (station && station.lastSeenAt);
  return h('time', { datetime: at || '', text: ago(at) });
}
