// The organisation's stations, live: online or not, last seen, pointing, driver health.

import * as api from '../api.js';
import { h, replace, pageHeader, link, table } from '../ui/dom.js';
import { failure, loading } from '../ui/notice.js';
import { can } from '../session.js';
import { activity, driverHealth, lastSeen, onlineBadge, pointing } from './view.js';

export async function render(container, params, { session, statuses }) {
  const slug = session.org.slug;
  replace(container, pageHeader('Stations'), loading());
  let stations;
  try {
    stations = (await api.get(api.org(slug, 'stations'))).stations || [];
  } catch (error) {
    replace(container, pageHeader('Stations'), failure(error, 'the stations'));
    return undefined;
  }
  const cells = new Map();
  const cell = (station, key, make) => {
    const td = h('span', { class: `cell-${key}` }, make(statuses.get(station.id), station));
    cells.set(`${station.id}:${key}`, [td, make, station]);
    return td;
  };
  const columns = [
    { label: 'Station', value: (s) => link(`/stations/${s.id}`, s.name, { class: 'station-name' }) },
    { label: 'Link', value: (s) => cell(s, 'online', onlineBadge) },
    { label: 'Last seen', value: (s) => cell(s, 'seen', lastSeen) },
    { label: 'Pointing', value: (s) => cell(s, 'pointing', pointing) },
    { label: 'Activity', value: (s) => cell(s, 'activity', activity) },
    { label: 'Drivers', value: (s) => cell(s, 'drivers', driverHealth) },
    { label: 'Position', class: 'numeric', value: (s) => `${s.latitude.toFixed(4)}, ${s.longitude.toFixed(4)}` },
  ];
  const add = can('owner')
    ? h('a', { class: 'button button-primary', href: '#/stations/new', id: 'new-station', text: 'Register a station' })
    : null;
  replace(container,
    pageHeader('Stations', add),
    table(columns, stations, {
      empty: can('owner') ? 'No stations yet. Register the first one.' : 'This organisation has no stations yet.',
      caption: `${stations.length} station${stations.length === 1 ? '' : 's'} of ${session.org.name}`,
    }));
  const refresh = (stationId) => {
    for (const [key, [td, make, station]] of cells) {
      if (key.startsWith(`${stationId}:`)) {
        replace(td, make(statuses.get(stationId), station));
      }
    }
  };
  const stop = statuses.watch(stations.map((s) => s.id), (stationId) => refresh(stationId));
  const ticker = setInterval(() => stations.forEach((s) => {
    const entry = cells.get(`${s.id}:seen`);
    if (entry) {
      replace(entry[0], lastSeen(statuses.get(s.id), s));
    }
  }), 5000);
  return () => {
    stop();
    clearInterval(ticker);
  };
}
