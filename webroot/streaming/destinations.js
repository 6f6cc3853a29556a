// Where the organisation's received frames go: each destination with its kind, its address, the
// frames it gets (every frame, or those of the campaigns that name it) and what its sender has
// done, refreshed while the page is open. Owners add, change and delete destinations.

import * as api from '../api.js';
import { h, replace, pageHeader, link, table, badge } from '../ui/dom.js';
import { field, formStatus, input, numberValue, select, submitting } from '../ui/forms.js';
import { failure, loading, notify } from '../ui/notice.js';
import { confirmDialog } from '../ui/dialog.js';
import { ago, dateTime } from '../ui/format.js';
import { can } from '../session.js';

const REFRESH_MS = 4_000;
const YAMCS_PORT = 10015;
const QUEUE_DEFAULT = 10000;

/** Each kind: its label and what it does, in one line. */
export const KINDS = {
  'yamcs-udp': { label: 'YAMCS over UDP', about: 'One UDP datagram per frame, bytes unchanged, to a YAMCS UDP TM data link.' },
  'yamcs-tcp': { label: 'YAMCS over TCP', about: 'Talos listens on this address; YAMCS TCP TM data links connect to it and get the frames back to back.' },
  udp: { label: 'UDP', about: 'One UDP datagram per frame, bytes unchanged, to any receiver.' },
  tcp: { label: 'TCP', about: 'Talos connects to the receiver and sends each frame after its length in 4 bytes, big-endian.' },
  live: { label: 'Live (web UI)', about: 'Shows frames on the station pages of this web UI, at most 20 a second; no address needed.' },
};

const STATE_KIND = { ready: 'ok', idle: 'muted', connecting: 'info', 'backing-off': 'warn', stopped: 'bad' };

const isYamcs = (kind) => kind === 'yamcs-udp' || kind === 'yamcs-tcp';

/** Where a destination's frames go, as one line. */
export function address(d) {
  if (d.kind === 'live') {
    return 'the live feed of this web UI';
  }
  const where = `${d.host}:${d.port}`;
  return d.kind === 'yamcs-tcp' ? `listens on ${where}` : where;
}

export async function render(container, params, { session }) {
  const slug = session.org.slug;
  const owner = can('owner');
  const formArea = h('div');
  const listArea = h('div', { 'aria-live': 'off' });
  const add = owner ? h('button', {
    type: 'button', class: 'button-primary', id: 'new-destination', text: 'New destination',
    onClick: () => openForm(null),
  }) : null;
  replace(container,
    pageHeader('Destinations', add),
    h('p', { class: 'hint', text: 'Where the frames your stations receive go. A destination gets every frame of the organisation, or the frames of the campaigns that name it (choose them on each campaign\'s page). Each has its own queue: a slow receiver loses frames there, counted as dropped, and holds up no other.' }),
    formArea,
    h('section', { class: 'card', 'aria-labelledby': 'destinations-title' },
      h('h2', { id: 'destinations-title', text: 'Destinations' }), listArea));
  replace(listArea, loading());

  let campaigns = new Map();
  let stopped = false;
  let timer = null;
  let shown = null;

  async function refresh() {
    clearTimeout(timer);
    try {
      const list = (await api.get(api.org(slug, 'destinations'))).destinations || [];
      const text = JSON.stringify(list);
      // an unchanged list keeps its rows, and the keyboard focus on them
      if (!stopped && text !== shown) {
        shown = text;
        replace(listArea, destinationsTable(list));
      }
    } catch (error) {
      if (!stopped) {
        shown = null;
        replace(listArea, failure(error, 'the destinations'));
      }
    }
    if (!stopped) {
      timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  function destinationsTable(list) {
    const columns = [
      { label: 'Name', value: (d) => h('strong', { class: 'destination-name', text: d.name }) },
      { label: 'Kind', value: (d) => h('span', { title: KINDS[d.kind] ? KINDS[d.kind].about : '' }, KINDS[d.kind] ? KINDS[d.kind].label : d.kind) },
      { label: 'Address', value: (d) => (d.kind === 'live' ? h('span', { class: 'muted', text: address(d) }) : h('code', { text: address(d) })) },
      { label: 'Frames', value: (d) => frames(d) },
      { label: 'State', value: (d) => badge(d.stats.state, STATE_KIND[d.stats.state] || 'muted') },
      { label: 'Sent', class: 'numeric stat-sent', value: (d) => count(d.stats.sent) },
      { label: 'Dropped', class: 'numeric stat-dropped', value: (d) => count(d.stats.dropped) },
      { label: 'Failed', class: 'numeric stat-failed', value: (d) => count(d.stats.failed) },
      { label: 'Queued', class: 'numeric stat-queued', value: (d) => `${count(d.stats.queued)} / ${count(d.queueSize)}` },
      { label: 'Last error', value: (d) => (d.stats.lastError ? h('span', { class: 'last-error', title: dateTime(d.stats.lastErrorAt) }, `${d.stats.lastError} (${ago(d.stats.lastErrorAt)})`) : '—') },
    ];
    if (owner) {
      columns.push({
        label: 'Actions',
        value: (d) => h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'button-quiet', text: 'Edit', 'aria-label': `Edit ${d.name}`, onClick: () => openForm(d) }),
          h('button', {
            type: 'button', class: 'button-quiet', text: 'Delete', 'aria-label': `Delete ${d.name}`,
            onClick: async () => {
              if (!(await confirmDialog(`Delete ${d.name}?`, 'Frames stop going there at once; frames waiting in its queue are dropped.', 'Delete destination'))) {
                return;
              }
              try {
                await api.del(api.org(slug, 'destinations', d.id));
                notify(`Destination ${d.name} deleted.`);
                refresh();
              } catch (error) {
                notify(`Could not delete: ${error.detail || error.message}`, 'bad');
              }
            },
          })),
      });
    }
    return table(columns, list, {
      empty: owner ? 'No destinations yet: frames are stored, and go nowhere else. Add one.' : 'No destinations yet: frames are stored, and go nowhere else.',
    });
  }

  function frames(d) {
    if (d.allFrames) {
      return badge('all frames', 'info');
    }
    if (!d.campaigns.length) {
      return h('span', { class: 'muted', text: 'no campaign yet' });
    }
    return h('span', {}, d.campaigns.map((id, i) => [i ? ', ' : null,
      link(`/campaigns/${id}`, campaigns.get(id) || 'a campaign')]));
  }

  function openForm(destination) {
    replace(formArea, destinationForm(slug, destination, {
      done: () => {
        replace(formArea);
        refresh();
      },
      cancel: () => replace(formArea),
    }));
    formArea.querySelector('input').focus();
  }

  try {
    const list = (await api.get(api.org(slug, 'campaigns'))).campaigns || [];
    campaigns = new Map(list.map((c) => [c.id, c.name]));
  } catch {
    // the campaigns' names only label links; without them the links still work
  }
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

const count = (n) => (typeof n === 'number' ? n.toLocaleString('en-GB') : '—');

/** The form that adds a destination (null) or changes one; its kind stays once created. */
function destinationForm(slug, destination, { done, cancel }) {
  const editing = Boolean(destination);
  const kindNow = editing ? destination.kind : 'yamcs-udp';
  const name = input({ required: true, maxlength: 80, value: editing ? destination.name : '', id: 'destination-name' });
  const kind = select(Object.entries(KINDS).map(([value, k]) => [value, k.label]), { id: 'destination-kind', disabled: editing }, kindNow);
  const about = h('p', { class: 'hint', id: 'destination-kind-about', 'aria-live': 'polite' });
  const host = input({ maxlength: 253, value: editing && destination.host ? destination.host : '', id: 'destination-host', placeholder: 'yamcs.example.org' });
  const port = input({ type: 'number', min: 1, max: 65535, inputmode: 'numeric', id: 'destination-port', value: editing && destination.port ? String(destination.port) : String(YAMCS_PORT) });
  const allFrames = h('input', { type: 'checkbox', id: 'destination-all-frames', checked: editing ? destination.allFrames : false });
  const queueSize = input({ type: 'number', min: 1, max: 1000000, inputmode: 'numeric', id: 'destination-queue', value: String(editing ? destination.queueSize : QUEUE_DEFAULT) });
  const hostField = field('Host', host, { name: 'host', hint: 'A host name or IP address, without scheme or port' });
  const portField = field('Port', port, { name: 'port' });
  const allFramesField = h('div', { class: 'field', dataset: { field: 'allFrames' } },
    h('label', { class: 'checkbox', for: 'destination-all-frames' }, allFrames, 'Every frame of the organisation'),
    h('p', { class: 'hint', text: 'Otherwise only the frames of the campaigns that name it.' }),
    h('p', { class: 'field-error', hidden: true }));
  let shownKind = kindNow;

  function showKind() {
    const chosen = kind.value;
    const wasYamcs = isYamcs(shownKind);
    about.textContent = KINDS[chosen].about;
    hostField.hidden = chosen === 'live';
    portField.hidden = chosen === 'live';
    hostField.querySelector('label').textContent = chosen === 'yamcs-tcp' ? 'Listen on (address to bind)' : 'Host';
    if (isYamcs(chosen) && !port.value) {
      port.value = String(YAMCS_PORT);
    } else if (!isYamcs(chosen) && wasYamcs && port.value === String(YAMCS_PORT) && !editing) {
      port.value = '';
    }
    shownKind = chosen;
  }
  kind.addEventListener('change', showKind);

  const title = editing ? `Change ${destination.name}` : 'New destination';
  const form = h('form', { class: 'card', novalidate: true, id: 'destination-form', 'aria-labelledby': 'destination-form-title' },
    h('h2', { id: 'destination-form-title', text: title }),
    formStatus(),
    h('div', { class: 'field-grid' },
      field('Name', name, { name: 'name' }),
      h('div', {}, field('Kind', kind, { name: 'kind', hint: editing ? 'The kind stays; add another destination for another kind.' : null }), about)),
    h('div', { class: 'field-grid' }, hostField, portField,
      field('Queue size (frames)', queueSize, { name: 'queueSize', hint: 'Frames waiting at most; beyond it new frames are dropped' })),
    allFramesField,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button-primary', text: editing ? 'Save destination' : 'Add destination' }),
      h('button', { type: 'button', class: 'button-quiet', text: 'Cancel', onClick: cancel })));
  showKind();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: name.value.trim(), allFrames: allFrames.checked };
    const size = numberValue(queueSize);
    if (size !== undefined) {
      body.queueSize = size;
    }
    if (!editing) {
      body.kind = kind.value;
    }
    if (kind.value !== 'live') {
      body.host = host.value.trim();
      const number = numberValue(port);
      if (number !== undefined) {
        body.port = number;
      }
    }
    const saved = await submitting(form, async () => {
      if (kind.value !== 'live' && !body.host) {
        throw Object.assign(new Error('host: a host name or IP address is needed'),
          { detail: 'host: a host name or IP address is needed', errors: [] });
      }
      try {
        return await (editing
          ? api.patch(api.org(slug, 'destinations', destination.id), body)
          : api.post(api.org(slug, 'destinations'), body));
      } catch (error) {
        if (error.status === 409) {
          // a name taken already: the server's message belongs next to the name
          error.detail = `name: ${error.detail}`;
          error.errors = [];
        }
        throw error;
      }
    }, editing ? 'Saving…' : 'Adding…');
    if (saved) {
      notify(editing ? `Destination ${saved.name} saved.` : `Destination ${saved.name} added; frames go there from now on.`);
      done(saved);
    }
  });
  return form;
}
