// A world map in the equirectangular projection: land from Natural Earth, the stations, and the
// satellites with their ground tracks and footprints.

import { svg } from '../ui/dom.js';
import { rings } from './topojson.js';

const W = 720;
const H = 360;
const EARTH_RADIUS_M = 6371000;
let landPath = null;

/** SVG coordinates of a latitude and longitude. */
export const projectMap = (lat, lon) => [((lon + 180) / 360) * W, ((90 - lat) / 180) * H];

/**
 * One ring of land as path data. Rings that cross the antimeridian (eastern Russia, Fiji,
 * Antarctica) are cut there into pieces, each closed along the map's edge, so that no piece is
 * drawn across the whole map.
 */
function ringPath(ring) {
  let d = '';
  let previous = null;
  for (const [lon, lat] of ring) {
    const [x, y] = projectMap(lat, lon);
    const jump = previous !== null && Math.abs(lon - previous) > 180;
    d += `${previous === null ? 'M' : jump ? 'ZM' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    previous = lon;
  }
  return `${d}Z`;
}

async function land() {
  if (!landPath) {
    landPath = fetch(new URL('../vendor/world-atlas/land-110m.json', import.meta.url))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`land outlines: ${r.status}`))))
      .then((topology) => rings(topology, topology.objects.land).map(ringPath).join(''));
  }
  return landPath;
}

export class WorldMap {
  constructor(title = 'World map') {
    this.landLayer = svg('path', { class: 'land', 'fill-rule': 'evenodd' });
    this.trackLayer = svg('g');
    this.stationLayer = svg('g');
    this.satelliteLayer = svg('g');
    const graticule = svg('g', { 'aria-hidden': 'true' });
    for (let lon = -150; lon <= 150; lon += 30) {
      const [x] = projectMap(0, lon);
      graticule.append(svg('line', { class: 'graticule', x1: x, x2: x, y1: 0, y2: H }));
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      const [, y] = projectMap(lat, 0);
      graticule.append(svg('line', { class: 'graticule', x1: 0, x2: W, y1: y, y2: y }));
    }
    this.desc = svg('desc', { text: '' });
    this.element = svg('svg', { class: 'worldmap', viewBox: `0 0 ${W} ${H}`, role: 'img' },
      svg('title', { text: title }), this.desc, this.landLayer, graticule, this.trackLayer, this.stationLayer, this.satelliteLayer);
    land().then((d) => this.landLayer.setAttribute('d', d)).catch(() => {});
  }

  /** Draws stations: `{name, latitude, longitude}`. */
  setStations(stations) {
    this.stationLayer.replaceChildren(...stations.map((s) => {
      const [x, y] = projectMap(s.latitude, s.longitude);
      return svg('g', { class: 'station-mark' },
        svg('title', { text: `station ${s.name}` }),
        svg('rect', { class: 'station', x: x - 2.5, y: y - 2.5, width: 5, height: 5 }),
        svg('text', { class: 'label', x: x + 4, y: y + 8, text: s.name }));
    }));
  }

  /**
   * Draws satellites: `{name, noradId, latitude, longitude, footprintRadius (m), track: [{latitude,
   * longitude, at}]}`; the past part of the track is dashed.
   */
  setSatellites(satellites) {
    this.trackLayer.replaceChildren();
    this.satelliteLayer.replaceChildren();
    const now = Date.now();
    for (const s of satellites) {
      if (s.track && s.track.length > 1) {
        const past = s.track.filter((p) => Date.parse(p.at) <= now);
        const future = s.track.filter((p) => Date.parse(p.at) >= now);
        this.trackLayer.append(svg('path', { class: 'ground-track past', d: line(past) }));
        this.trackLayer.append(svg('path', { class: 'ground-track', d: line(future) }));
      }
      if (Number.isFinite(s.latitude) && Number.isFinite(s.longitude)) {
        if (s.footprintRadius) {
          this.trackLayer.append(svg('path', { class: 'footprint', d: footprint(s.latitude, s.longitude, s.footprintRadius) }));
        }
        const [x, y] = projectMap(s.latitude, s.longitude);
        this.satelliteLayer.append(svg('g', { class: 'satellite-mark', dataset: { noradId: String(s.noradId) } },
          svg('title', { text: `${s.name} at ${s.latitude.toFixed(1)}°, ${s.longitude.toFixed(1)}°` }),
          svg('circle', { class: 'satellite', cx: x, cy: y, r: 3.5 }),
          svg('text', { class: 'label', x: x + 5, y: y - 4, text: s.name })));
      }
    }
    this.desc.textContent = satellites.length
      ? satellites.map((s) => `${s.name} over ${s.latitude?.toFixed(1)}°, ${s.longitude?.toFixed(1)}°`).join('; ')
      : 'No satellite tracked now.';
  }
}

/** A path through points, broken where it crosses the antimeridian. */
function line(points) {
  let d = '';
  let previous = null;
  for (const p of points) {
    const [x, y] = projectMap(p.latitude, p.longitude);
    const jump = previous === null || Math.abs(p.longitude - previous) > 180;
    d += `${jump ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    previous = p.longitude;
  }
  return d;
}

/** The footprint: the small circle of the given radius around the sub-satellite point. */
function footprint(lat, lon, radiusMetres) {
  const angle = radiusMetres / EARTH_RADIUS_M;
  const phi1 = (lat * Math.PI) / 180;
  const lambda1 = (lon * Math.PI) / 180;
  const points = [];
  for (let bearing = 0; bearing <= 360; bearing += 5) {
    const b = (bearing * Math.PI) / 180;
    const phi2 = Math.asin(Math.sin(phi1) * Math.cos(angle) + Math.cos(phi1) * Math.sin(angle) * Math.cos(b));
    const lambda2 = lambda1 + Math.atan2(Math.sin(b) * Math.sin(angle) * Math.cos(phi1), Math.cos(angle) - Math.sin(phi1) * Math.sin(phi2));
    let longitude = ((lambda2 * 180) / Math.PI + 540) % 360 - 180;
    if (Math.abs(longitude - lon) > 180) {
      longitude += longitude < lon ? 360 : -360;
    }
    points.push({ latitude: (phi2 * 180) / Math.PI, longitude });
  }
  // drawn unbroken (it may spill past the map's edge, which the view box clips)
  return `${points.map((p, i) => {
    const [x, y] = projectMap(p.latitude, p.longitude);
    return `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join('')}Z`;
}
