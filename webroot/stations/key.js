// A station's API key, shown once: a copy button and a clear warning.

import { h } from '../ui/dom.js';
import { notify } from '../ui/notice.js';

/** The panel that shows a new key; the key exists in this page only. */
export function keyPanel(stationId, apiKey, { rotated = false } = {}) {
  const value = h('input', { type: 'text', readonly: true, value: apiKey, class: 'key-value', id: 'station-key', 'aria-label': 'Station API key', spellcheck: 'false' });
  const copy = h('button', {
    type: 'button', class: 'button-primary', id: 'copy-key', text: 'Copy key',
    onClick: async () => {
      try {
        await navigator.clipboard.writeText(apiKey);
        notify('Key copied to the clipboard.');
      } catch {
        value.select();
        notify('Select the key and copy it with Ctrl+C.', 'warn');
      }
    },
  });
  return h('section', { class: 'callout callout-warn key-panel', role: 'alert', 'aria-labelledby': 'key-title' },
    h('h2', { id: 'key-title', text: rotated ? 'New station key' : 'Station key' }),
    h('p', {}, h('strong', { text: 'This key is shown this one time. ' }),
      'Copy it now into the station agent\'s configuration. Talos keeps only a hash of it: nobody can read it back, and once you leave this page the only way to get a key is to rotate it.'
      + (rotated ? ' The old key has stopped working.' : '')),
    h('div', { class: 'key-row' }, value, copy),
    h('p', { class: 'hint' }, 'Station id: ', h('code', { text: stationId })));
}
