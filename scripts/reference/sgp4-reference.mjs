// Generates an SGP4/SDP4 reference fixture with satellite.js, an implementation of
// Vallado's SGP4 that is independent of Orekit, so that Talos' Orekit-based orbit
// code can be cross-checked against it in Java tests.
//
// Usage (from this folder):
//   npm install    # installs the exact satellite.js version pinned in package.json
//   node sgp4-reference.mjs <tle-file> <output.json>
// e.g.
//   node sgp4-reference.mjs ../../core/src/test/resources/catalog/active-2026-03-19.tle \
//       ../../core/src/test/resources/orbit/sgp4-reference.json
//
// What it computes, for each selected satellite (by NORAD id) at every 10 minutes of
// 2026-03-19 UTC (144 instants):
//   - TEME position (km) and velocity (km/s), straight from satellite.sgp4();
//   - geodetic sub-satellite latitude, longitude (deg) and altitude (km), from
//     satellite.eciToGeodetic();
//   - for each ground station: azimuth, elevation (deg) and range (km) from
//     satellite.ecfToLookAngles(), and the range rate (km/s) computed here.
//
// Conventions (also written into the fixture's "conventions" object):
//   - Time: instants are UTC and are used as UT1 (UT1-UTC = 0). SGP4 is given the
//     minutes since the TLE epoch, computed here exactly from the epoch's year and
//     fractional day of year (UTC); satellite.propagate() is not used because its
//     Julian-date difference loses about 0.1 ms.
//   - Gravity model: WGS-72 constants of satellite.js (recorded in the fixture),
//     operation mode 'i' (improved), the default of satellite.twoline2satrec().
//   - Earth-fixed frame (ECF): TEME rotated about z by GMST only (satellite.gstime,
//     IAU-1982 formula, evaluated at the UTC instant); no polar motion, no UT1-UTC.
//   - Ellipsoid for stations and sub-satellite points: the one hard-coded in
//     satellite.js's transforms (a = 6378.137 km, b = 6356.7523142 km); this script
//     reads it back from satellite.geodeticToEcf() and records it.
//   - Range rate: d(range)/dt = (rho . v_ecf) / |rho|, where rho = r_sat_ecf - r_station_ecf
//     and v_ecf = R(gmst) v_teme - omega x r_sat_ecf, omega = (0, 0, 7.292115e-5 rad/s);
//     positive when the satellite recedes from the station.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import { createRequire } from 'node:module';
import satellite from 'satellite.js';

const require = createRequire(import.meta.url);
const SATELLITE_JS_VERSION = require('satellite.js/package.json').version;

const EARTH_ROTATION_RAD_PER_S = 7.292115e-5;

const FIRST_INSTANT_UTC = '2026-03-19T00:00:00Z';
const STEP_MINUTES = 10;
const INSTANT_COUNT = 144;

const SATELLITES = [
  { noradId: 25544, orbitClass: 'LEO, ISS' },
  { noradId: 43013, orbitClass: 'LEO, sun-synchronous weather satellite (NOAA 20; NOAA 19 is not in the element set)' },
  { noradId: 39444, orbitClass: 'LEO, polar (sun-synchronous) cubesat' },
  { noradId: 43229, orbitClass: 'near-Earth (SGP4), moderate eccentricity, perigee below 220 km' },
  { noradId: 52145, orbitClass: 'Molniya-type, 12 h, high eccentricity (SDP4, 12 h resonance)' },
  { noradId: 37753, orbitClass: 'GPS Block IIF, MEO 12 h (SDP4, 12 h resonance)' },
  { noradId: 60133, orbitClass: 'geostationary (SDP4, 24 h resonance), near 75 deg W' },
  { noradId: 40128, orbitClass: 'Galileo in an eccentric orbit, moderate eccentricity (SDP4, no resonance)' },
];

const STATIONS = [
  { name: 'Berlin', latitudeDeg: 52.52, longitudeDeg: 13.405, altitudeM: 34 },
  { name: 'Svalbard', latitudeDeg: 78.2298, longitudeDeg: 15.4078, altitudeM: 458 },
  { name: 'Quito', latitudeDeg: -0.1807, longitudeDeg: -78.4678, altitudeM: 2850 },
  { name: 'Hobart', latitudeDeg: -42.8821, longitudeDeg: 147.3272, altitudeM: 10 },
];

function readElementSets(tlePath) {
  const lines = readFileSync(tlePath, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length % 3 !== 0) {
    throw new Error(`${tlePath}: expected 3-line element sets, got ${lines.length} lines`);
  }
  const byNoradId = new Map();
  for (let i = 0; i < lines.length; i += 3) {
    const [name, line1, line2] = lines.slice(i, i + 3);
    if (!line1.startsWith('1 ') || !line2.startsWith('2 ')) {
      throw new Error(`${tlePath}: malformed element set at line ${i + 1}`);
    }
    byNoradId.set(Number(line1.substring(2, 7)), { name: name.trim(), line1, line2 });
  }
  return byNoradId;
}

function instantsOfDay() {
  const firstMs = Date.parse(FIRST_INSTANT_UTC);
  return Array.from({ length: INSTANT_COUNT }, (_, i) => new Date(firstMs + i * STEP_MINUTES * 60000));
}

function minutesSinceEpoch(satrec, instant) {
  const year = satrec.epochyr < 57 ? 2000 + satrec.epochyr : 1900 + satrec.epochyr;
  const yearStartMs = Date.UTC(year, 0, 1);
  return (instant.getTime() - yearStartMs) / 60000 - (satrec.epochdays - 1) * 1440;
}

function toDegrees(radians) {
  return radians * 180 / Math.PI;
}

function stationGeodetic(station) {
  return {
    latitude: satellite.degreesToRadians(station.latitudeDeg),
    longitude: satellite.degreesToRadians(station.longitudeDeg),
    height: station.altitudeM / 1000,
  };
}

function ellipsoidOfTransforms() {
  const equatorialRadiusKm = satellite.geodeticToEcf({ latitude: 0, longitude: 0, height: 0 }).x;
  const polarRadiusKm = satellite.geodeticToEcf({ latitude: Math.PI / 2, longitude: 0, height: 0 }).z;
  const flattening = (equatorialRadiusKm - polarRadiusKm) / equatorialRadiusKm;
  return { equatorialRadiusKm, polarRadiusKm, flattening, inverseFlattening: 1 / flattening };
}

function ecfVelocity(velocityTeme, positionEcf, gmst) {
  const rotated = satellite.eciToEcf(velocityTeme, gmst);
  return {
    x: rotated.x + EARTH_ROTATION_RAD_PER_S * positionEcf.y,
    y: rotated.y - EARTH_ROTATION_RAD_PER_S * positionEcf.x,
    z: rotated.z,
  };
}

function rangeRate(stationEcf, positionEcf, velocityEcf) {
  const rho = {
    x: positionEcf.x - stationEcf.x,
    y: positionEcf.y - stationEcf.y,
    z: positionEcf.z - stationEcf.z,
  };
  const range = Math.hypot(rho.x, rho.y, rho.z);
  return (rho.x * velocityEcf.x + rho.y * velocityEcf.y + rho.z * velocityEcf.z) / range;
}

function lookAngles(station, positionEcf, velocityEcf) {
  const look = satellite.ecfToLookAngles(station.geodetic, positionEcf);
  return {
    azimuthDeg: toDegrees(look.azimuth),
    elevationDeg: toDegrees(look.elevation),
    rangeKm: look.rangeSat,
    rangeRateKmPerS: rangeRate(station.ecf, positionEcf, velocityEcf),
  };
}

function stateAt(satrec, instant, stations) {
  const minutes = minutesSinceEpoch(satrec, instant);
  const propagated = satellite.sgp4(satrec, minutes);
  if (propagated === null) {
    throw new Error(`satellite ${satrec.satnum}: SGP4 error ${satrec.error} at ${instant.toISOString()}`);
  }
  const { position, velocity } = propagated;
  const gmst = satellite.gstime(instant);
  const positionEcf = satellite.eciToEcf(position, gmst);
  const velocityEcf = ecfVelocity(velocity, positionEcf, gmst);
  const subPoint = satellite.eciToGeodetic(position, gmst);
  return {
    utc: instant.toISOString().replace('.000Z', 'Z'),
    minutesSinceEpoch: minutes,
    gmstRad: gmst,
    positionTemeKm: [position.x, position.y, position.z],
    velocityTemeKmPerS: [velocity.x, velocity.y, velocity.z],
    latitudeDeg: toDegrees(subPoint.latitude),
    longitudeDeg: toDegrees(subPoint.longitude),
    altitudeKm: subPoint.height,
    lookAngles: Object.fromEntries(
      stations.map((station) => [station.name, lookAngles(station, positionEcf, velocityEcf)]),
    ),
  };
}

function referenceForSatellite(selection, elementSets, instants, stations) {
  const elementSet = elementSets.get(selection.noradId);
  if (elementSet === undefined) {
    throw new Error(`NORAD id ${selection.noradId} is not in the element set`);
  }
  const satrec = satellite.twoline2satrec(elementSet.line1, elementSet.line2);
  const revolutionsPerDay = Number(elementSet.line2.substring(52, 63));
  return {
    noradId: selection.noradId,
    name: elementSet.name,
    orbitClass: selection.orbitClass,
    tleLine1: elementSet.line1,
    tleLine2: elementSet.line2,
    periodMinutes: 1440 / revolutionsPerDay,
    eccentricity: satrec.ecco,
    propagator: satrec.method === 'd' ? 'SDP4' : 'SGP4',
    states: instants.map((instant) => stateAt(satrec, instant, stations)),
  };
}

function conventions(ellipsoid) {
  const gravity = satellite.constants;
  return {
    time: 'Instants are UTC and are used as UT1 (UT1-UTC = 0): satellite.gstime computes GMST from the UTC date. No leap-second, TT or EOP handling.',
    instants: `Every ${STEP_MINUTES} minutes from ${FIRST_INSTANT_UTC}, ${INSTANT_COUNT} instants, the same for every satellite; states[i].utc gives each one.`,
    minutesSinceEpoch: 'Time passed to satellite.sgp4(): instant minus the TLE epoch (UTC, year plus fractional day of year of line 1), in minutes, computed exactly in this script rather than through Julian dates.',
    propagator: 'satellite.js twoline2satrec + sgp4, operation mode \'i\' (improved); SGP4 (near-Earth) for periods below 225 min, SDP4 (deep space) otherwise, as given per satellite.',
    gravityModel: {
      name: 'WGS-72',
      muKm3PerS2: gravity.mu,
      earthRadiusKm: gravity.earthRadius,
      xkePerMinute: gravity.xke,
      j2: gravity.j2,
      j3: gravity.j3,
      j4: gravity.j4,
    },
    temeFrame: 'positionTemeKm and velocityTemeKmPerS are the raw SGP4 output in TEME (true equator, mean equinox of date), km and km/s.',
    earthFixedFrame: 'ECF = TEME rotated about z by GMST (IAU-1982 expression, satellite.gstime at the UTC instant). No polar motion, no UT1-UTC: a pseudo Earth-fixed frame, not ITRF.',
    ellipsoid: {
      description: 'Ellipsoid hard-coded in satellite.js transforms (WGS-84 to within 0.05 mm in b), used for the stations (geodeticToEcf), the sub-satellite points (eciToGeodetic) and the topocentric frames (ecfToLookAngles). Read back from satellite.geodeticToEcf().',
      ...ellipsoid,
    },
    subSatellitePoint: 'satellite.eciToGeodetic: geodetic latitude (deg), longitude east-positive in [-180, 180] (deg), altitude above the ellipsoid (km).',
    stations: 'Geodetic latitude and longitude in degrees, altitude in metres above the ellipsoid (converted to km for satellite.js).',
    lookAngles: 'satellite.ecfToLookAngles in the station\'s topocentric frame (ellipsoid normal up): azimuthDeg in [0, 360] from north, clockwise (east = 90); elevationDeg above the local horizontal plane; rangeKm. Geometric: no refraction, no light time, no aberration. Given for every instant, including below the horizon (negative elevation).',
    rangeRate: `rangeRateKmPerS = (rho . v_ecf) / |rho|, rho = r_sat_ecf - r_station_ecf, v_ecf = R(gmst) v_teme - omega x r_sat_ecf with omega = (0, 0, ${EARTH_ROTATION_RAD_PER_S}) rad/s; positive when receding. Computed by this script (satellite.js only offers a Doppler factor).`,
    numbers: 'All values are full double precision (shortest round-trip decimal of each IEEE-754 double).',
  };
}

function formatJson(value, indent = '') {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) {
      return JSON.stringify(value);
    }
    return `[\n${value.map((item) => inner + formatJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  const members = Object.entries(value).map(([key, member]) => {
    const text = key === 'states'
      ? `[\n${member.map((state) => `${inner}  ${JSON.stringify(state)}`).join(',\n')}\n${inner}]`
      : formatJson(member, inner);
    return `${inner}${JSON.stringify(key)}: ${text}`;
  });
  return `{\n${members.join(',\n')}\n${indent}}`;
}

function main([tlePath, outputPath]) {
  if (tlePath === undefined || outputPath === undefined) {
    console.error('usage: node sgp4-reference.mjs <tle-file> <output.json>');
    process.exit(2);
  }
  const elementSets = readElementSets(tlePath);
  const instants = instantsOfDay();
  const stations = STATIONS.map((station) => {
    const geodetic = stationGeodetic(station);
    return { ...station, geodetic, ecf: satellite.geodeticToEcf(geodetic) };
  });
  const fixture = {
    generator: {
      script: 'scripts/reference/sgp4-reference.mjs',
      library: 'satellite.js',
      libraryVersion: SATELLITE_JS_VERSION,
      nodeVersion: process.version,
      elementSetFile: basename(tlePath),
    },
    conventions: conventions(ellipsoidOfTransforms()),
    stations: STATIONS,
    satellites: SATELLITES.map((selection) => referenceForSatellite(selection, elementSets, instants, stations)),
  };
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, `${formatJson(fixture)}\n`);
  console.log(`wrote ${outputPath}: ${fixture.satellites.length} satellites x ${instants.length} instants x ${STATIONS.length} stations`);
}

main(process.argv.slice(2));
