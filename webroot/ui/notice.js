// Status messages for everyone, screen readers included: one polite live region in the page.

import { h } from './dom.js';

let region;

function ensureRegion() {
  if (!region) {
    region = document.getElementById('notices')
      || document.body.appendChild(h('div', { id: 'notices', class: 'notices', 'aria-live': 'polite' }));
  }
  return region;
}

/** Shows `text` for a few seconds; `kind` is ok, warn or bad. */
export function notify(text, kind = 'ok') {
  const note = h('div', { class: `notice notice-${kind}`, role: kind === 'bad' ? 'alert' : 'status', text });
  ensureRegion().append(note);
  setTimeout(() => note.remove(), kind === 'bad' ? 9000 : 4500);
}

/** A message block for a page that could not load. */
export function failure(error, what = 'this page') {
  return h('div', { class: 'problem', role: 'alert' },
    h('p', {}, h('strong', { text: `Could not load ${what}: ` }), error.detail || error.message || String(error)));
}

/** A placeholder while a page loads. */
export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}
