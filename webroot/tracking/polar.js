// The geometry of a sky plot: azimuth clockwise from north at the top, elevation from the horizon
// (the rim) to the zenith (the centre).

import { svg } from '../ui/dom.js';

/** The rim's radius in SVG units; the view box leaves room for the compass letters. */
export const R = 100;
export const VIEW_BOX = '-118 -118 236 236';

/** SVG coordinates of an azimuth and elevation in degrees. */
export function project(azimuth, elevation) {
  // a rotator past the zenith (flip mode, elevation above 90°) points at the opposite azimuth
  const flipped = elevation > 90;
  const el = flipped ? 180 - elevation : elevation;
  const az = flipped ? azimuth + 180 : azimuth;
  const r = R * (90 - Math.max(-5, Math.min(90, el))) / 90;
  const a = (az * Math.PI) / 180;
  return [r * Math.sin(a), -r * Math.cos(a)];
}

/** Azimuth (0–360) and elevation of SVG coordinates. */
export function unproject(x, y) {
  const r = Math.hypot(x, y);
  let azimuth = (Math.atan2(x, -y) * 180) / Math.PI;
  if (azimuth < 0) {
    azimuth += 360;
  }
  return { azimuth, elevation: 90 - (r / R) * 90 };
}

/** An SVG path through `[azimuth, elevation]` points. */
export function pathOf(points, close = false) {
  if (!points.length) {
    return '';
  }
  const text = points.map(([az, el], i) => {
    const [x, y] = project(az, el);
    return `${i ? 'L' : 'M'}${x.toFixed(2)},${y.toFixed(2)}`;
  }).join(' ');
  return close ? `${text} Z` : text;
}

/** The empty plot: rings every 30° of elevation, spokes every 30° of azimuth, compass letters. */
export function grid() {
  const group = svg('g', { class: 'polar-grid', 'aria-hidden': 'true' });
  for (const el of [0, 30, 60]) {
    group.append(svg('circle', { cx: 0, cy: 0, r: (R * (90 - el)) / 90, class: el === 0 ? 'rim' : 'ring' }));
    if (el > 0) {
      group.append(svg('text', { x: 2, y: -((R * (90 - el)) / 90) + 8, class: 'ring-label', text: `${el}°` }));
    }
  }
  for (let az = 0; az < 360; az += 30) {
    const [x, y] = project(az, 0);
    group.append(svg('line', { x1: 0, y1: 0, x2: x, y2: y, class: 'spoke' }));
  }
  for (const [letter, az] of [['N', 0], ['E', 90], ['S', 180], ['W', 270]]) {
    const a = (az * Math.PI) / 180;
    group.append(svg('text', { x: 110 * Math.sin(a), y: -110 * Math.cos(a) + 4, class: 'compass', 'text-anchor': 'middle', text: letter }));
  }
  return group;
}

/**
 * The horizon mask's outline as `[azimuth, elevation]` points every 2°, interpolating linearly
 * between the mask's points around the circle (a flat horizon when the mask is empty).
 */
export function maskOutline(mask) {
  const points = [...(mask || [])].sort((a, b) => a.azimuth - b.azimuth);
  const outline = [];
  for (let az = 0; az <= 360; az += 2) {
    outline.push([az, maskElevation(points, az)]);
  }
  return outline;
}

/** The mask's elevation towards `azimuth` (points sorted by azimuth). */
export function maskElevation(points, azimuth) {
  if (!points.length) {
    return 0;
  }
  if (points.length === 1) {
    return points[0].elevation;
  }
  for (let i = 0; i < points.length; i += 1) {
    const a = points[i];
    const b = points[(i + 1) % points.length];
    const start = a.azimuth;
    let end = b.azimuth;
    if (i === points.length - 1) {
      end += 360;
    }
    let az = azimuth;
    if (az < start) {
      az += 360;
    }
    if (az >= start && az <= end) {
      const span = end - start;
      return span === 0 ? a.elevation : a.elevation + ((b.elevation - a.elevation) * (az - start)) / span;
    }
  }
  return points[0].elevation;
}

/** The shaded region under the mask: between the rim and the mask's outline. */
export function maskShape(mask) {
  const outline = maskOutline(mask);
  if (outline.every(([, el]) => el <= 0)) {
    return null;
  }
  const rim = [];
  for (let az = 360; az >= 0; az -= 2) {
    rim.push([az, 0]);
  }
  return svg('path', { class: 'mask', d: `${pathOf(outline)} ${pathOf(rim).replace('M', 'L')} Z`, 'fill-rule': 'evenodd' });
}
