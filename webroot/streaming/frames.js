// Frames a station received: the live ones from the organisation's live feed (when it has a
// destination of kind live), the latest stored ones, and an observation's frames as a file.

import * as api from '../api.js';
import { h, replace, link, table } from '../ui/dom.js';
import { failure, loading, notify } from '../ui/notice.js';
import { time } from '../ui/format.js';

const LIVE_ROWS = 30;
const HEX_BYTES = 16;
const PAGE = 1000;
const STORED_SHOWN = 20;

/** The bytes of a base64 text, or an empty array when it is not base64. */
function bytes(base64) {
  try {
    const text = atob(base64 || '');
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}

/** `0a 1f …`: the first `max` bytes in hex. */
export function hex(data, max = HEX_BYTES) {
  const shown = Array.from(data.slice(0, max), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return data.length > max ? `${shown} …` : shown;
}

const signal = (rssi, snr) => {
  const parts = [];
  if (typeof rssi === 'number') {
    parts.push(`${rssi.toFixed(1)} dBm`);
  }
  if (typeof snr === 'number') {
    parts.push(`${snr.toFixed(1)} dB SNR`);
  }
  return parts.length ? parts.join(' / ') : '—';
};

/**
 * The "Frames" card of a station page. Returns `{element, stop}`; `stop` stops listening to the
 * feed.
 */
export function framesCard(slug, station, feed) {
  let count = 0;
  const counter = h('strong', { id: 'live-frame-count', dataset: { count: '0' }, text: '0' });
  const liveBody = h('tbody');
  const liveTable = h('div', { class: 'table-wrap', hidden: true },
    h('table', { class: 'compact frames-table', id: 'live-frames' },
      h('caption', { class: 'visually-hidden', text: 'Frames arriving now, newest first' }),
      h('thead', {}, h('tr', {}, ['Received (UTC)', 'NORAD', 'Bytes', 'RSSI / SNR', 'First bytes'].map((label) => h('th', { scope: 'col', text: label })))),
      liveBody));
  const waiting = h('p', { class: 'muted', text: 'Waiting for frames from this station…' });
  const liveNote = h('p', { class: 'hint' });
  const stored = h('div');

  const stopListening = feed.onMessage((body) => {
    if (!body || body.type !== 'frame' || body.stationId !== station.id || !body.frame) {
      return;
    }
    const f = body.frame;
    const head = bytes(f.head);
    count += 1;
    counter.textContent = count.toLocaleString('en-GB');
    counter.dataset.count = String(count);
    waiting.hidden = true;
    liveTable.hidden = false;
    liveBody.prepend(h('tr', {},
      h('td', { text: time(f.receivedAt) }),
      h('td', {}, link(`/satellites/${f.noradId}`, String(f.noradId))),
      h('td', { class: 'numeric', text: String(f.size) }),
      h('td', { text: signal(f.rssi, f.snr) }),
      h('td', {}, h('code', { class: 'frame-hex', title: hex(head, head.length), text: hex(head) }))));
    while (liveBody.rows.length > LIVE_ROWS) {
      liveBody.lastElementChild.remove();
    }
  });

  const element = h('section', { class: 'card frames-card', 'aria-labelledby': 'frames-title' },
    h('h2', { id: 'frames-title', text: 'Frames' }),
    h('h3', {}, 'Live ', h('span', { class: 'muted' }, '(', counter, ' since this page opened)')),
    liveNote, waiting, liveTable,
    h('h3', { text: 'Stored in the last hour' }),
    stored);

  showLiveNote(slug, liveNote);
  loadStored(slug, station.id, stored);
  return { element, stop: stopListening };
}

/** Says where live frames come from when the organisation has no live destination. */
async function showLiveNote(slug, area) {
  try {
    const list = (await api.get(api.org(slug, 'destinations'))).destinations || [];
    const live = list.find((d) => d.kind === 'live');
    if (!live) {
      replace(area, 'Frames show here live once the organisation has a destination of kind live: ',
        link('/destinations', 'add one'), '.');
    } else if (!live.allFrames) {
      replace(area, `The live destination ${live.name} gets the frames of the campaigns that name it only.`);
    } else {
      replace(area, 'At most 20 frames a second, with their first bytes.');
    }
  } catch {
    area.hidden = true;
  }
}

/** The newest stored frames of the station, newest first. */
async function loadStored(slug, stationId, area) {
  replace(area, loading('Loading the stored frames…'));
  let frames;
  try {
    const answer = await api.get(api.withQuery(api.org(slug, 'frames'),
      { stationId, order: 'desc', limit: STORED_SHOWN }));
    frames = answer.frames || [];
  } catch (error) {
    replace(area, failure(error, 'the stored frames'));
    return;
  }
  const reception = (f) => (f.receptions || []).find((r) => r.stationId === stationId) || {};
  replace(area,
    h('p', { class: 'hint' }, `The latest ${frames.length} frame${frames.length === 1 ? '' : 's'} stored, newest first. `,
      h('button', { type: 'button', class: 'button-quiet', text: 'Refresh', onClick: () => loadStored(slug, stationId, area) })),
    table([
      { label: 'Received (UTC)', value: (f) => time(reception(f).receivedAt || f.receivedAt) },
      { label: 'NORAD', value: (f) => link(`/satellites/${f.noradId}`, String(f.noradId)) },
      { label: 'Bytes', class: 'numeric', value: (f) => String(f.size) },
      { label: 'RSSI / SNR', value: (f) => signal(reception(f).rssi, reception(f).snr) },
      { label: 'Stations', class: 'numeric', value: (f) => String((f.receptions || []).length) },
      { label: 'Sent to', class: 'numeric', value: (f) => `${f.forwardedTo} destination${f.forwardedTo === 1 ? '' : 's'}` },
    ], frames, { empty: 'No frames stored from this station yet.' }));
}

/**
 * A button that saves an observation's frames, with their bytes, as a `.json` file: read a page
 * of 1000 at a time, showing how many came so far.
 */
export function downloadFramesButton(slug, observation) {
  const progress = h('span', { class: 'download-progress muted', 'aria-live': 'polite' });
  const button = h('button', {
    type: 'button', class: 'button-quiet download-frames', text: 'Download frames',
    'aria-label': `Download the frames of the observation of NORAD ${observation.noradId}`,
    onClick: async () => {
      button.disabled = true;
      const frames = [];
      try {
        for (let offset = 0; ; offset += PAGE) {
          progress.textContent = `${frames.length.toLocaleString('en-GB')} frames…`;
          const answer = await api.get(api.withQuery(api.org(slug, 'observations', observation.id, 'frames'),
            { limit: PAGE, offset, data: true }));
          const got = answer.frames || [];
          frames.push(...got);
          if (got.length < PAGE) {
            break;
          }
        }
        save(`frames-${observation.noradId}-${observation.id}.json`, {
          observation: observation.id,
          stationId: observation.stationId,
          noradId: observation.noradId,
          downloadedAt: new Date().toISOString(),
          frames,
        });
        progress.textContent = `${frames.length.toLocaleString('en-GB')} frames saved.`;
      } catch (error) {
        progress.textContent = '';
        notify(`Could not download the frames: ${error.detail || error.message}`, 'bad');
      } finally {
        button.disabled = false;
      }
    },
  });
  return h('span', { class: 'download' }, button, ' ', progress);
}

function save(name, content) {
  const blob = new Blob([JSON.stringify(content, null, 1)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const anchor = h('a', { href: url, download: name, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
