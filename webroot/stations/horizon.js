// The horizon-mask editor: the mask drawn on a polar plot, where a click sets the lowest usable
// elevation towards that azimuth, and the same points as a table for the keyboard.

import { h, svg } from '../ui/dom.js';
import { VIEW_BOX, grid, maskShape, pathOf, maskOutline, project, unproject } from '../tracking/polar.js';

const SNAP_DEGREES = 4;

export class HorizonEditor {
  constructor(mask = []) {
    this.points = (mask || []).map((p) => ({ azimuth: p.azimuth, elevation: p.elevation }));
    this.shapeLayer = svg('g');
    this.pointLayer = svg('g');
    this.plot = svg('svg', { class: 'skyplot horizon-plot', viewBox: VIEW_BOX, role: 'img', 'aria-describedby': 'mask-help' },
      svg('title', { text: 'Horizon mask: click to set the lowest usable elevation towards an azimuth' }),
      grid(), this.shapeLayer, this.pointLayer);
    this.plot.addEventListener('click', (event) => this.clicked(event));
    this.rows = h('tbody');
    this.element = h('fieldset', { class: 'field horizon-editor', dataset: { field: 'horizonMask' } },
      h('legend', { text: 'Horizon mask' }),
      h('p', { class: 'hint', id: 'mask-help', text: 'Click the plot to set the lowest usable elevation towards an azimuth (a click near a point moves it), or edit the points in the table. Between points the mask is interpolated; with no points the horizon is flat at 0°.' }),
      h('div', { class: 'horizon-layout' },
        this.plot,
        h('div', {},
          h('table', { class: 'compact' },
            h('caption', { text: 'Mask points' }),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Azimuth °' }), h('th', { scope: 'col', text: 'Elevation °' }), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden', text: 'Remove' })))),
            this.rows),
          h('div', { class: 'form-actions' },
            h('button', { type: 'button', text: 'Add point', onClick: () => this.addRow() }),
            h('button', { type: 'button', class: 'button-quiet', text: 'Clear mask', onClick: () => { this.points = []; this.redraw(); } })))),
      h('p', { class: 'field-error', hidden: true }));
    this.redraw();
  }

  /** The mask as the API takes it: points sorted by azimuth, one per azimuth. */
  value() {
    const byAzimuth = new Map();
    for (const p of this.points) {
      if (Number.isFinite(p.azimuth) && Number.isFinite(p.elevation)) {
        byAzimuth.set(p.azimuth, p.elevation);
      }
    }
    return [...byAzimuth.entries()].sort((a, b) => a[0] - b[0]).map(([azimuth, elevation]) => ({ azimuth, elevation }));
  }

  clicked(event) {
    const point = this.plot.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const local = point.matrixTransform(this.plot.getScreenCTM().inverse());
    const { azimuth, elevation } = unproject(local.x, local.y);
    if (elevation < -5) {
      return;
    }
    const az = Math.round(azimuth) % 360;
    const el = Math.round(Math.min(90, Math.max(-5, elevation)) * 2) / 2;
    const near = this.points.find((p) => Math.min(Math.abs(p.azimuth - az), 360 - Math.abs(p.azimuth - az)) <= SNAP_DEGREES);
    if (near) {
      near.elevation = el;
    } else {
      this.points.push({ azimuth: az, elevation: el });
    }
    this.redraw();
  }

  addRow() {
    const used = new Set(this.points.map((p) => p.azimuth));
    let az = 0;
    while (used.has(az) && az < 360) {
      az += 15;
    }
    this.points.push({ azimuth: az, elevation: 5 });
    this.redraw();
    const inputs = this.rows.querySelectorAll('input');
    if (inputs.length) {
      inputs[inputs.length - 2].focus();
    }
  }

  redraw() {
    this.points.sort((a, b) => a.azimuth - b.azimuth);
    this.shapeLayer.replaceChildren();
    const shape = maskShape(this.points);
    if (shape) {
      this.shapeLayer.append(shape, svg('path', { class: 'mask-line', d: pathOf(maskOutline(this.points)) }));
    }
    this.pointLayer.replaceChildren(...this.points.map((p) => {
      const [x, y] = project(p.azimuth, p.elevation);
      return svg('circle', { class: 'mask-point', cx: x, cy: y, r: 3 }, svg('title', { text: `azimuth ${p.azimuth}°, elevation ${p.elevation}°` }));
    }));
    this.rows.replaceChildren(...this.points.map((p, i) => h('tr', {},
      h('td', {}, numberCell(p.azimuth, 0, 360, `Azimuth of point ${i + 1}`, (v) => { p.azimuth = v; this.redrawShape(); })),
      h('td', {}, numberCell(p.elevation, -5, 90, `Elevation of point ${i + 1}`, (v) => { p.elevation = v; this.redrawShape(); })),
      h('td', {}, h('button', {
        type: 'button', class: 'button-quiet', 'aria-label': `Remove point ${i + 1}`, text: '✕',
        onClick: () => { this.points.splice(i, 1); this.redraw(); },
      })))));
  }

  redrawShape() {
    this.shapeLayer.replaceChildren();
    const valid = this.points.filter((p) => Number.isFinite(p.azimuth) && Number.isFinite(p.elevation));
    const shape = maskShape(valid);
    if (shape) {
      this.shapeLayer.append(shape);
    }
  }
}

function numberCell(value, min, max, label, onChange) {
  return h('input', {
    type: 'number', min, max, step: 'any', value: String(value), 'aria-label': label, class: 'narrow',
    onChange: (event) => {
      const v = Number(event.target.value);
      onChange(event.target.value === '' ? NaN : v);
    },
  });
}
