// The sky plot of one station: its horizon mask, the pass's path, and where the antenna was
// commanded to point and where it measures it points, moved as live data arrives.

import { svg } from '../ui/dom.js';
import { VIEW_BOX, grid, maskShape, pathOf, project } from './polar.js';
import { degrees } from '../ui/format.js';

export class SkyPlot {
  constructor(title = 'Sky plot') {
    this.titleNode = svg('title', { text: title });
    this.descNode = svg('desc', { text: 'No pass in progress.' });
    this.maskLayer = svg('g', { class: 'mask-layer' });
    this.pathLayer = svg('g', { class: 'path-layer' });
    this.commanded = svg('g', { class: 'marker commanded', hidden: true, 'data-role': 'commanded' },
      svg('title', { text: 'commanded' }),
      svg('path', { d: 'M-6,0 L6,0 M0,-6 L0,6' }),
      svg('circle', { r: 4.5 }));
    this.measured = svg('g', { class: 'marker measured', hidden: true, 'data-role': 'measured' },
      svg('title', { text: 'measured' }),
      svg('circle', { r: 4 }));
    this.element = svg('svg', { class: 'skyplot', viewBox: VIEW_BOX, role: 'img' },
      this.titleNode, this.descNode, grid(), this.maskLayer, this.pathLayer, this.commanded, this.measured);
    this.state = { measured: null, commanded: null, satellite: null };
  }

  /** Draws the station's horizon mask. */
  setMask(mask) {
    this.maskLayer.replaceChildren();
    const shape = maskShape(mask);
    if (shape) {
      this.maskLayer.append(shape);
    }
  }

  /**
   * Draws the pass: `points` are `{az, el}` (or `{azimuth, elevation}`) in time order; the AOS end
   * gets a dot, the LOS end an arrow head. An empty list clears it.
   */
  setPath(points, label = '') {
    this.pathLayer.replaceChildren();
    const list = (points || []).map((p) => [p.az ?? p.azimuth, p.el ?? p.elevation])
      .filter(([az, el]) => Number.isFinite(az) && Number.isFinite(el));
    this.pathLayer.dataset.points = String(list.length);
    if (list.length < 2) {
      return;
    }
    const above = list.map(([az, el]) => [az, Math.max(el, -2)]);
    this.pathLayer.append(svg('path', { class: 'pass-path', d: pathOf(above) }));
    const [ax, ay] = project(...above[0]);
    this.pathLayer.append(svg('circle', { class: 'pass-aos', cx: ax, cy: ay, r: 2.5 }, svg('title', { text: 'AOS' })));
    const [lx, ly] = project(...above[above.length - 1]);
    this.pathLayer.append(svg('rect', { class: 'pass-los', x: lx - 2.5, y: ly - 2.5, width: 5, height: 5 }, svg('title', { text: 'LOS' })));
    if (label) {
      const top = above.reduce((best, p) => (p[1] > best[1] ? p : best), above[0]);
      const [tx, ty] = project(...top);
      this.pathLayer.append(svg('text', { class: 'pass-label', x: tx + 5, y: ty - 4, text: label }));
    }
  }

  /** Moves the commanded marker, or hides it for null. */
  setCommanded(azimuth, elevation) {
    this.state.commanded = place(this.commanded, azimuth, elevation);
    this.describe();
  }

  /** Moves the measured marker, or hides it for null. */
  setMeasured(azimuth, elevation) {
    this.state.measured = place(this.measured, azimuth, elevation);
    this.describe();
  }

  describe() {
    const parts = [];
    if (this.state.measured) {
      parts.push(`measured az ${degrees(this.state.measured[0])} el ${degrees(this.state.measured[1])}`);
    }
    if (this.state.commanded) {
      parts.push(`commanded az ${degrees(this.state.commanded[0])} el ${degrees(this.state.commanded[1])}`);
    }
    this.descNode.textContent = parts.length ? parts.join('; ') : 'No pointing known.';
  }
}

function place(marker, azimuth, elevation) {
  if (!Number.isFinite(azimuth) || !Number.isFinite(elevation)) {
    marker.setAttribute('hidden', '');
    return null;
  }
  const [x, y] = project(azimuth, Math.max(elevation, -5));
  marker.setAttribute('transform', `translate(${x.toFixed(2)} ${y.toFixed(2)})`);
  marker.dataset.azimuth = azimuth.toFixed(2);
  marker.dataset.elevation = elevation.toFixed(2);
  marker.removeAttribute('hidden');
  return [azimuth, elevation];
}
