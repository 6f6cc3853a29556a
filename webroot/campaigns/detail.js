// One campaign: its status and the steps it may take, its targets (satellites with weights and
// transmitters), the stations that serve it and their booked windows, where its frames go, and its
// plan.

import * as api from '../api.js';
import { h, replace, pageHeader, link, table, badge, facts } from '../ui/dom.js';
import { field, formStatus, input, numberValue, select, submitting } from '../ui/forms.js';
import { failure, loading, notify } from '../ui/notice.js';
import { confirmDialog } from '../ui/dialog.js';
import { dateTime, degrees, fromInputUtc, time } from '../ui/format.js';
import { can } from '../session.js';
import { STATUS_KIND } from './list.js';
import { KINDS, address } from '../streaming/destinations.js';

const STEP_LABELS = { schedule: 'Schedule', activate: 'Activate', complete: 'Complete', cancel: 'Cancel campaign' };

export async function render(container, { id }, context) {
  const slug = context.session.org.slug;
  replace(container, pageHeader('Campaign'), loading());
  let campaign;
  let stations;
  try {
    [campaign, stations] = await Promise.all([
      api.get(api.org(slug, 'campaigns', id)),
      api.get(api.org(slug, 'stations')).then((a) => a.stations || []),
    ]);
  } catch (error) {
    replace(container, pageHeader('Campaign'), failure(error, 'the campaign'));
    return;
  }
  const reload = () => render(container, { id }, context);
  const operator = can('operator');
  const open = !['completed', 'cancelled'].includes(campaign.status);
  const steps = operator ? (campaign.transitions || []).map((step) => h('button', {
    type: 'button', class: step === 'cancel' ? 'button-danger' : 'button-primary', dataset: { step }, text: STEP_LABELS[step] || step,
    onClick: async (event) => {
      if (step === 'cancel' || step === 'complete') {
        if (!(await confirmDialog(`${STEP_LABELS[step]}?`, 'This is final: the campaign stops being planned and its bookings are released.', STEP_LABELS[step]))) {
          return;
        }
      }
      event.target.disabled = true;
      try {
        await api.post(api.org(slug, 'campaigns', id, step));
        notify(`Campaign ${campaign.name}: ${step} done.`);
        reload();
      } catch (error) {
        event.target.disabled = false;
        notify(error.detail || error.message, 'bad');
      }
    },
  })) : [];
  const edit = operator && open ? link(`/campaigns/${id}/edit`, 'Edit', { class: 'button', id: 'edit-campaign' }) : null;
  const planArea = h('div');
  const destinationsArea = h('div');
  replace(container,
    pageHeader(campaign.name, edit, steps),
    h('div', { class: 'two-columns' },
      h('section', { class: 'card', 'aria-labelledby': 'campaign-title' },
        h('h2', { id: 'campaign-title', text: 'Campaign' }),
        facts([
          ['Status', h('span', { class: 'campaign-status' }, badge(campaign.status, STATUS_KIND[campaign.status]))],
          ['Priority', `${campaign.priority} (1 is the highest)`],
          ['Minimum elevation', degrees(campaign.minElevation)],
          ['Span', `${campaign.startsAt ? dateTime(campaign.startsAt, { seconds: false }) : 'open'} → ${campaign.endsAt ? dateTime(campaign.endsAt, { seconds: false }) : 'open'}`],
          ['Description', campaign.description || '—'],
        ]),
        campaign.status === 'draft' && !(campaign.targets || []).length
          ? h('p', { class: 'hint', text: 'Add at least one target, then schedule the campaign; activate it to have it planned.' }) : null),
      targetsCard(slug, campaign, operator && open, reload)),
    assignmentsCard(slug, campaign, stations, operator && open, reload),
    h('section', { class: 'card', 'aria-labelledby': 'campaign-destinations-title' },
      h('h2', { id: 'campaign-destinations-title', text: 'Destinations' }), destinationsArea),
    h('section', { class: 'card', 'aria-labelledby': 'plan-title' },
      h('h2', { id: 'plan-title', text: 'Plan' }), planArea));
  loadPlan(slug, id, planArea);
  loadDestinations(slug, campaign, operator, destinationsArea);
}

/**
 * The organisation's destinations, each with whether this campaign's frames go there: operators
 * switch it; a destination that takes every frame is always on.
 */
async function loadDestinations(slug, campaign, operator, area) {
  replace(area, loading());
  let list;
  try {
    list = (await api.get(api.org(slug, 'destinations'))).destinations || [];
  } catch (error) {
    replace(area, failure(error, 'the destinations'));
    return;
  }
  const toggle = (d) => {
    const on = d.allFrames || (d.campaigns || []).includes(campaign.id);
    if (!operator || d.allFrames) {
      return h('span', { class: 'campaign-destination-state' },
        badge(d.allFrames ? 'always (every frame)' : (on ? 'yes' : 'no'), on ? 'ok' : 'muted'));
    }
    const box = h('input', {
      type: 'checkbox', checked: on, class: 'campaign-destination', dataset: { destination: d.id },
      'aria-label': `Send this campaign's frames to ${d.name}`,
    });
    box.addEventListener('change', async () => {
      box.disabled = true;
      const path = api.org(slug, 'campaigns', campaign.id, 'destinations', d.id);
      try {
        if (box.checked) {
          await api.put(path);
          notify(`This campaign's frames go to ${d.name} too.`);
        } else {
          await api.del(path);
          notify(`This campaign's frames no longer go to ${d.name}.`);
        }
      } catch (error) {
        box.checked = !box.checked;
        notify(error.detail || error.message, 'bad');
      } finally {
        box.disabled = false;
      }
    });
    return h('label', { class: 'checkbox' }, box, 'send frames here');
  };
  replace(area,
    h('p', { class: 'hint' }, 'Where the frames received for this campaign go, besides being stored. ',
      link('/destinations', 'Manage the destinations')),
    table([
      { label: 'Destination', value: (d) => d.name },
      { label: 'Kind', value: (d) => (KINDS[d.kind] ? KINDS[d.kind].label : d.kind) },
      { label: 'Address', value: (d) => address(d) },
      { label: 'This campaign\'s frames', value: toggle },
    ], list, { empty: 'The organisation has no destinations: frames are stored only.' }));
}

function targetsCard(slug, campaign, editable, reload) {
  const rows = table([
    { label: 'Satellite', value: (t) => link(`/satellites/${t.noradId}`, `${t.name || 'NORAD'} (${t.noradId})`) },
    { label: 'Weight', class: 'numeric', value: (t) => String(t.weight) },
    { label: 'Transmitter', value: (t) => (t.transmitterId ? h('code', { text: t.transmitterId }) : 'first active') },
    editable ? {
      label: 'Actions',
      value: (t) => h('button', {
        type: 'button', class: 'button-quiet', text: 'Remove', 'aria-label': `Remove ${t.name || t.noradId}`,
        onClick: async () => {
          try {
            await api.del(api.org(slug, 'campaigns', campaign.id, 'targets', t.noradId));
            notify('Target removed.');
            reload();
          } catch (error) {
            notify(error.detail || error.message, 'bad');
          }
        },
      }),
    } : null,
  ].filter(Boolean), campaign.targets || [], { empty: 'No targets yet.' });
  return h('section', { class: 'card', 'aria-labelledby': 'targets-title' },
    h('h2', { id: 'targets-title', text: 'Targets' }), rows, editable ? targetForm(slug, campaign, reload) : null);
}

function targetForm(slug, campaign, reload) {
  const norad = input({ type: 'number', min: 1, required: true, inputmode: 'numeric', id: 'target-norad' });
  const weight = input({ type: 'number', min: 0, max: 1000, step: 'any', value: '1', id: 'target-weight' });
  const transmitter = select([['', 'first active transmitter with a downlink']], { id: 'target-transmitter' });
  const satName = h('p', { class: 'hint', 'aria-live': 'polite' });
  norad.addEventListener('change', async () => {
    replace(transmitter, h('option', { value: '', text: 'first active transmitter with a downlink' }));
    satName.textContent = '';
    if (!norad.value) {
      return;
    }
    try {
      const sat = await api.get(`/api/satellites/${api.seg(norad.value)}`);
      satName.textContent = sat.name;
      (sat.transmitters || []).forEach((t) => transmitter.append(h('option', { value: t.id, text: `${t.description || t.id}${t.mode ? ` · ${t.mode}` : ''}` })));
    } catch (error) {
      satName.textContent = error.status === 404 ? 'No such satellite in the catalogue.' : '';
    }
  });
  const form = h('form', { class: 'inline-form', novalidate: true, id: 'target-form' },
    formStatus(),
    h('div', { class: 'field-grid' },
      field('Satellite (NORAD id)', norad, { name: 'noradId' }),
      field('Weight', weight, { name: 'weight', hint: 'How much it matters against the other targets' }),
      field('Transmitter', transmitter, { name: 'transmitterId' })),
    satName,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Add target' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { weight: numberValue(weight) };
    if (transmitter.value) {
      body.transmitterId = transmitter.value;
    }
    const done = await submitting(form, async () => {
      if (!norad.value) {
        throw Object.assign(new Error('noradId: a NORAD id is needed'), { detail: 'noradId: a NORAD id is needed', errors: [] });
      }
      return api.put(api.org(slug, 'campaigns', campaign.id, 'targets', norad.value), body);
    }, 'Adding…');
    if (done) {
      notify(`Target ${done.name || done.noradId} added.`);
      reload();
    }
  });
  return form;
}

function assignmentsCard(slug, campaign, stations, editable, reload) {
  const rows = table([
    { label: 'Station', value: (a) => link(`/stations/${a.stationId}`, a.stationName || a.stationId) },
    { label: 'Booked window', value: (a) => (a.window ? `${dateTime(a.window.from, { seconds: false })} → ${dateTime(a.window.to, { seconds: false })}` : 'whenever free') },
    { label: 'State', value: (a) => (a.released ? badge('released', 'muted') : badge('holds', 'ok')) },
    editable ? {
      label: 'Actions',
      value: (a) => h('button', {
        type: 'button', class: 'button-quiet', text: 'Remove',
        onClick: async () => {
          try {
            await api.del(api.org(slug, 'campaigns', campaign.id, 'assignments', a.id));
            notify('Station removed from the campaign.');
            reload();
          } catch (error) {
            notify(error.detail || error.message, 'bad');
          }
        },
      }),
    } : null,
  ].filter(Boolean), campaign.assignments || [], { empty: 'No stations serve this campaign yet.' });
  return h('section', { class: 'card', 'aria-labelledby': 'assignments-title' },
    h('h2', { id: 'assignments-title', text: 'Stations' }),
    h('p', { class: 'hint', text: 'A window books the station; two bookings of one station may not overlap, whichever campaign holds them.' }),
    rows, editable ? assignmentForm(slug, campaign, stations, reload) : null);
}

function assignmentForm(slug, campaign, stations, reload) {
  const station = select(stations.map((s) => [s.id, s.name]), { id: 'assign-station' });
  const from = input({ type: 'datetime-local', id: 'assign-from' });
  const to = input({ type: 'datetime-local', id: 'assign-to' });
  const form = h('form', { class: 'inline-form', novalidate: true, id: 'assignment-form' },
    formStatus(),
    h('div', { class: 'field-grid' },
      field('Station', station, { name: 'stationId' }),
      field('From (UTC)', from, { name: 'from', hint: 'Optional: with To, books the station' }),
      field('To (UTC)', to, { name: 'to' })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', text: 'Assign station', disabled: !stations.length })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { stationId: station.value };
    if (from.value || to.value) {
      body.from = fromInputUtc(from.value) || undefined;
      body.to = fromInputUtc(to.value) || undefined;
    }
    const done = await submitting(form, async () => {
      try {
        return await api.post(api.org(slug, 'campaigns', campaign.id, 'assignments'), body);
      } catch (error) {
        if (error.status === 409) {
          // the conflicting booking, named by the server, belongs next to the window
          error.detail = `from: ${error.detail}`;
          error.errors = [];
        }
        throw error;
      }
    }, 'Assigning…');
    if (done) {
      notify(`${done.stationName || 'Station'} assigned.`);
      reload();
    }
  });
  return form;
}

async function loadPlan(slug, campaignId, area) {
  replace(area, loading());
  try {
    const plan = await api.get(api.org(slug, 'campaigns', campaignId, 'plan'));
    replace(area, planTable(plan.passes || [], { showStation: true }),
      h('p', {}, link('/plan', 'Open the plan of every station')));
  } catch (error) {
    replace(area, failure(error, 'the plan'));
  }
}

/** The passes of a plan as a table, with the reason of each pass that was left out. */
export function planTable(passes, { showStation = false, showCampaign = false } = {}) {
  return table([
    { label: 'AOS', value: (p) => dateTime(p.aos) },
    { label: 'LOS', value: (p) => time(p.los) },
    showStation ? { label: 'Station', value: (p) => (p.station ? p.station.name : '—') } : null,
    showCampaign ? { label: 'Campaign', value: (p) => (p.campaign ? p.campaign.name : '—') } : null,
    { label: 'Satellite', value: (p) => `${p.satellite || 'NORAD'} (${p.noradId})` },
    { label: 'Peak', class: 'numeric', value: (p) => degrees(p.maxElevation) },
    { label: 'Status', value: (p) => h('span', {}, badge(p.status, p.status === 'planned' ? 'ok' : 'bad'), p.outcome ? [' ', badge(p.outcome, 'info')] : null) },
    { label: 'Why', value: (p) => p.reason || p.note || '' },
  ].filter(Boolean), passes, { empty: 'Nothing planned in the next 48 hours. Only active campaigns with targets and stations are planned.' });
}
