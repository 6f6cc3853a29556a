// The app shell: the header (organisation switcher, navigation, live state, sign-out) and a hash
// router that renders one page at a time into <main>.

import * as api from './api.js';
import { h, replace } from './ui/dom.js';
import { failure, loading, notify } from './ui/notice.js';
import { LiveFeed, orgAddress } from './live.js';
import { StationStatuses } from './stations/status.js';
import { session, load, onSessionChange, selectOrg, clear } from './session.js';

/** Routes: a pattern of the hash path, the page module, and whether it needs a signed-in user. */
const ROUTES = [
  ['signin', () => import('./account/signin.js'), { open: true }],
  ['account', () => import('./account/account.js'), { org: false }],
  ['welcome', () => import('./admin/welcome.js'), { org: false }],
  ['orgs/new', () => import('./admin/org-new.js'), { org: false }],
  ['admin', () => import('./admin/org.js')],
  ['stations', () => import('./stations/list.js')],
  ['stations/new', () => import('./stations/form.js')],
  ['stations/:id', () => import('./stations/detail.js')],
  ['stations/:id/edit', () => import('./stations/form.js')],
  ['satellites', () => import('./satellites/search.js'), { org: false }],
  ['satellites/:norad', () => import('./satellites/detail.js'), { org: false }],
  ['magic-find', () => import('./satellites/magic-find.js'), { org: false }],
  ['campaigns', () => import('./campaigns/list.js')],
  ['campaigns/new', () => import('./campaigns/form.js')],
  ['campaigns/:id', () => import('./campaigns/detail.js')],
  ['campaigns/:id/edit', () => import('./campaigns/form.js')],
  ['plan', () => import('./plan/plan.js')],
  ['tracking', () => import('./tracking/tracking.js')],
  ['destinations', () => import('./streaming/destinations.js')],
];

const main = document.getElementById('main');
const feed = new LiveFeed();
const statuses = new StationStatuses(feed);
let cleanup = null;
let renderCount = 0;
let started = false;

/** What every page gets besides its parameters. */
const context = { session, feed, statuses, navigate };

/** Goes to a route such as `/stations/abc`. */
export function navigate(route) {
  if (window.location.hash === `#${route}`) {
    route_();
  } else {
    window.location.hash = route;
  }
}

function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const [pattern, page, options] of ROUTES) {
    const want = pattern.split('/');
    if (want.length !== parts.length) {
      continue;
    }
    const params = {};
    const ok = want.every((w, i) => {
      if (w.startsWith(':')) {
        params[w.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return w === parts[i];
    });
    if (ok) {
      return { pattern, page, params, options: options || {} };
    }
  }
  return null;
}

async function route_() {
  const [path, queryText] = window.location.hash.replace(/^#/, '').split('?');
  const found = match(path || '/stations') || match('stations');
  const query = new URLSearchParams(queryText || '');
  if (!found.options.open && !session.me) {
    navigate('/signin');
    return;
  }
  if (found.options.org !== false && !found.options.open && !session.org) {
    navigate('/welcome');
    return;
  }
  if (cleanup) {
    try {
      cleanup();
    } catch {
      // a page that fails to clean up must not block the next one
    }
    cleanup = null;
  }
  const current = ++renderCount;
  markNav(found.pattern.split('/')[0]);
  replace(main, loading());
  try {
    const module = await found.page();
    if (current !== renderCount) {
      return;
    }
    const container = h('div', { class: `page page-${found.pattern.split('/')[0]}` });
    replace(main, container);
    const result = await module.render(container, { ...found.params, query }, context);
    if (current !== renderCount) {
      if (typeof result === 'function') {
        result();
      }
      return;
    }
    cleanup = typeof result === 'function' ? result : null;
    const heading = container.querySelector('h1');
    document.title = heading ? `${heading.textContent} · Talos` : 'Talos';
  } catch (error) {
    if (current === renderCount) {
      replace(main, failure(error));
    }
  }
}

function markNav(section) {
  document.querySelectorAll('#app-nav a').forEach((a) => {
    if (a.dataset.section === section) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
}

function renderHeader() {
  const signedIn = Boolean(session.me);
  document.getElementById('header-end').hidden = !signedIn;
  document.getElementById('app-nav').hidden = !signedIn || !session.org;
  const orgSwitch = document.getElementById('org-switch');
  orgSwitch.hidden = !signedIn || session.orgs.length === 0;
  const select = document.getElementById('org-select');
  replace(select,
    session.orgs.map((o) => h('option', { value: o.slug, selected: session.org && o.slug === session.org.slug, text: `${o.name} (${o.role})` })),
    h('option', { value: '__new', text: '+ New organisation…' }),
    h('option', { value: '__join', text: 'Join an organisation…' }));
  if (session.org) {
    select.value = session.org.slug;
  }
  const user = document.getElementById('user-link');
  user.textContent = signedIn ? session.me.email : '';
  user.title = 'Your sessions and API tokens';
}

function followOrg() {
  statuses.reset(session.org ? session.org.slug : null);
  feed.follow(session.org && session.org.id ? orgAddress(session.org.id) : null);
}

function showLiveState(state) {
  const element = document.getElementById('live-state');
  element.dataset.state = state;
  const text = {
    live: 'live', connecting: 'connecting…', reconnecting: 'reconnecting…', off: 'offline', denied: 'live data refused',
  }[state] || state;
  element.querySelector('.live-text').textContent = text;
  element.title = state === 'live' ? 'Live data is arriving' : 'Live data is not arriving; pages refresh every few seconds';
}

async function signOut() {
  try {
    await api.post('/auth/logout');
  } catch (error) {
    if (error.status !== 401) {
      notify(`Could not sign out: ${error.detail || error.message}`, 'bad');
      return;
    }
  }
  clear();
  feed.follow(null);
  notify('Signed out.');
  navigate('/signin');
}

async function start() {
  document.getElementById('sign-out').addEventListener('click', signOut);
  document.getElementById('org-select').addEventListener('change', (event) => {
    const value = event.target.value;
    if (value === '__new') {
      navigate('/orgs/new');
      renderHeader();
    } else if (value === '__join') {
      navigate('/welcome');
      renderHeader();
    } else {
      selectOrg(value);
    }
  });
  feed.onState(showLiveState);
  let shownOrg = null;
  onSessionChange(() => {
    renderHeader();
    const slug = session.org ? session.org.slug : null;
    if (slug !== shownOrg) {
      shownOrg = slug;
      followOrg();
      if (started && session.me && window.location.hash && !/^#\/(signin|orgs\/new|welcome|account)/.test(window.location.hash)) {
        route_();
      }
    }
  });
  api.onUnauthorised(() => {
    if (session.me) {
      clear();
      feed.follow(null);
      notify('Your session ended; please sign in again.', 'warn');
      navigate('/signin');
    }
  });
  window.addEventListener('hashchange', route_);
  try {
    await load();
  } catch (error) {
    replace(main, failure(error, 'Talos'));
    return;
  }
  renderHeader();
  if (!window.location.hash || window.location.hash === '#' || window.location.hash === '#/') {
    window.location.replace(session.me ? (session.org ? '#/stations' : '#/welcome') : '#/signin');
  }
  started = true;
  route_();
}

start();
