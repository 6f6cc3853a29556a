// The plan: a timeline per station over the next 48 hours with every planned pass, every pass
// that was left out and why, and the owners' reservations.

import * as api from '../api.js';
import { h, svg, replace, pageHeader, facts, badge, link } from '../ui/dom.js';
import { failure, loading, notify } from '../ui/notice.js';
import { dateTime, degrees, time } from '../ui/format.js';
import { can } from '../session.js';
import { planTable } from '../campaigns/detail.js';

const HOURS = 48;
const LABEL_W = 150;
const CHART_W = 1150;
const ROW_H = 34;
const AXIS_H = 26;

export async function render(container, { query }, { session }) {
  const slug = session.org.slug;
  const only = query.get('station');
  const refresh = can('operator') ? h('button', {
    type: 'button', text: 'Plan again now',
    onClick: async (event) => {
      event.target.disabled = true;
      event.target.textContent = 'Planning…';
      try {
        const r = await api.post(api.org(slug, 'plan', 'refresh'));
        notify(`Planned ${r.planned} passes, left out ${r.rejected}.`);
        await draw();
      } catch (error) {
        notify(error.detail || error.message, 'bad');
      } finally {
        event.target.disabled = false;
        event.target.textContent = 'Plan again now';
      }
    },
  }) : null;
  const body = h('div');
  replace(container, pageHeader('Plan', refresh),
    h('p', { class: 'lead', text: `Every station's passes for the next ${HOURS} hours (UTC). Passes starting within 15 minutes no longer change.` }),
    body);

  async function draw() {
    replace(body, loading('Reading the plan…'));
    const from = new Date();
    from.setUTCMinutes(0, 0, 0);
    const to = new Date(from.getTime() + HOURS * 3600 * 1000);
    try {
      let stations = (await api.get(api.org(slug, 'stations'))).stations || [];
      if (only) {
        stations = stations.filter((s) => s.id === only);
      }
      const rows = await Promise.all(stations.map(async (station) => {
        const [plan, reservations] = await Promise.all([
          api.get(api.withQuery(api.org(slug, 'stations', station.id, 'plan'), { from: from.toISOString(), to: to.toISOString() })),
          api.get(api.org(slug, 'stations', station.id, 'reservations')).then((a) => a.reservations || []).catch(() => []),
        ]);
        return { station, passes: plan.passes || [], reservations };
      }));
      const detail = h('div', { class: 'card pass-detail', 'aria-live': 'polite' }, h('p', { class: 'muted', text: 'Select a pass for its details.' }));
      const all = rows.flatMap((r) => r.passes);
      replace(body,
        only ? h('p', {}, link('/plan', 'Show every station')) : null,
        rows.length ? h('section', { class: 'card', 'aria-label': 'Timeline' }, gantt(rows, from, to, detail),
          h('p', { class: 'legend' }, badge('planned', 'ok'), ' ', badge('left out', 'bad'), ' ', badge('reserved', 'warn'))) : h('p', { class: 'empty', text: 'No stations.' }),
        detail,
        h('section', { class: 'card', 'aria-labelledby': 'passes-title' },
          h('h2', { id: 'passes-title', text: 'All passes' }),
          planTable(all.sort((a, b) => Date.parse(a.aos) - Date.parse(b.aos)), { showStation: true, showCampaign: true })));
    } catch (error) {
      replace(body, failure(error, 'the plan'));
    }
  }
  await draw();
}

function gantt(rows, from, to, detail) {
  const span = to.getTime() - from.getTime();
  const x = (t) => LABEL_W + ((Date.parse(t) - from.getTime()) / span) * CHART_W;
  const height = AXIS_H + rows.length * ROW_H + 4;
  const chart = svg('svg', { class: 'gantt', viewBox: `0 0 ${LABEL_W + CHART_W + 10} ${height}`, role: 'group', 'aria-label': `Plan of ${rows.length} stations from ${dateTime(from)} for ${HOURS} hours` },
    svg('title', { text: 'Plan per station' }));
  for (let hour = 0; hour <= HOURS; hour += 3) {
    const t = new Date(from.getTime() + hour * 3600 * 1000);
    const tx = LABEL_W + (hour / HOURS) * CHART_W;
    const day = t.getUTCHours() === 0;
    chart.append(svg('line', { class: `tick${day ? ' day' : ''}`, x1: tx, x2: tx, y1: AXIS_H - 6, y2: height }));
    chart.append(svg('text', { class: 'tick-label', x: tx + 2, y: 12, text: day ? `${t.getUTCMonth() + 1}/${t.getUTCDate()}` : `${String(t.getUTCHours()).padStart(2, '0')}h` }));
  }
  rows.forEach((row, i) => {
    const y = AXIS_H + i * ROW_H;
    chart.append(svg('rect', { class: 'row-bg', x: LABEL_W, y: y + 3, width: CHART_W, height: ROW_H - 6, rx: 3 }));
    chart.append(svg('text', { class: 'row-label', x: 4, y: y + ROW_H / 2 + 4, text: truncate(row.station.name, 20) }, svg('title', { text: row.station.name })));
    for (const r of row.reservations) {
      const x1 = Math.max(LABEL_W, x(r.window.from));
      const x2 = Math.min(LABEL_W + CHART_W, x(r.window.to));
      if (x2 > x1) {
        chart.append(svg('rect', { class: 'reservation', x: x1, y: y + 3, width: x2 - x1, height: ROW_H - 6 }, svg('title', { text: `reserved ${dateTime(r.window.from)} – ${dateTime(r.window.to)}${r.reason ? `: ${r.reason}` : ''}` })));
      }
    }
    for (const p of row.passes) {
      const x1 = Math.max(LABEL_W, x(p.aos));
      const x2 = Math.min(LABEL_W + CHART_W, x(p.los));
      const w = Math.max(3, x2 - x1);
      const rejected = p.status === 'rejected';
      const label = `${p.satellite || p.noradId} ${time(p.aos, { seconds: false })}–${time(p.los, { seconds: false })}, ${p.status}${rejected && p.reason ? `: ${p.reason}` : ''}`;
      const bar = svg('g', { class: `pass ${p.status}`, tabindex: '0', role: 'button', 'aria-label': label },
        svg('title', { text: label }),
        svg('rect', { x: x1, y: y + (rejected ? 18 : 6), width: w, height: rejected ? ROW_H - 22 : ROW_H - 20, rx: 2 }));
      if (!rejected && w > 40) {
        bar.append(svg('text', { class: 'pass-text', x: x1 + 3, y: y + 17, text: truncate(p.satellite || String(p.noradId), Math.floor(w / 5.5)) }));
      }
      const show = () => replace(detail, passDetail(p));
      bar.addEventListener('click', show);
      bar.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          show();
        }
      });
      chart.append(bar);
    }
  });
  const now = x(new Date().toISOString());
  chart.append(svg('line', { class: 'now', x1: now, x2: now, y1: AXIS_H - 8, y2: height }, svg('title', { text: 'now' })));
  return chart;
}

function passDetail(p) {
  return h('div', {},
    h('h2', {}, `${p.satellite || 'NORAD'} (${p.noradId}) `, badge(p.status, p.status === 'planned' ? 'ok' : 'bad')),
    facts([
      ['Station', p.station ? p.station.name : '—'],
      ['Campaign', p.campaign ? `${p.campaign.name} (priority ${p.campaign.priority})` : '—'],
      ['AOS / TCA / LOS', `${dateTime(p.aos)} / ${time(p.tca)} / ${time(p.los)}`],
      ['Peak elevation', degrees(p.maxElevation)],
      ['Azimuth', `${degrees(p.aosAzimuth, 0)} → ${degrees(p.losAzimuth, 0)}`],
      ['Why left out', p.reason || null],
      ['Note', p.note || null],
      ['Outcome', p.outcome || null],
    ]));
}

function truncate(text, n) {
  return text.length > n ? `${text.slice(0, Math.max(1, n - 1))}…` : text;
}
