// Who is signed in, the organisation shown, and the role there: the state every page reads.

import * as api from './api.js';

const ROLES = ['viewer', 'operator', 'owner'];
const STORAGE_KEY = 'talos.org';

export const session = {
  /** `/api/me`, or null when signed out. */
  me: null,
  /** The caller's organisations (`/api/orgs`): id, slug, name, role. */
  orgs: [],
  /** The organisation shown, one of `orgs`, or null. */
  org: null,
};

const listeners = new Set();

/** Calls `listener(session)` whenever the user or the organisation shown changes. */
export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  listeners.forEach((listener) => listener(session));
}

/** Whether the caller's role in the organisation shown is at least `role`. */
export function can(role) {
  return Boolean(session.org) && ROLES.indexOf(session.org.role) >= ROLES.indexOf(role);
}

/** Loads the signed-in user and their organisations; resolves false when nobody is signed in. */
export async function load() {
  try {
    session.me = await api.get('/api/me', { quiet401: true });
  } catch (error) {
    if (error.status === 401) {
      clear();
      return false;
    }
    throw error;
  }
  await reloadOrgs();
  return true;
}

/** Reads the organisations again (after creating or leaving one), keeping the one shown. */
export async function reloadOrgs(preferSlug) {
  const answer = await api.get('/api/orgs');
  const memberships = new Map((session.me.memberships || []).map((m) => [m.slug, m.role]));
  session.orgs = (answer.organisations || []).map((o) => ({
    id: o.id,
    slug: o.slug,
    name: o.name,
    description: o.description,
    role: o.role || memberships.get(o.slug) || 'viewer',
  }));
  const wanted = preferSlug || (session.org && session.org.slug) || localStorage.getItem(STORAGE_KEY);
  session.org = session.orgs.find((o) => o.slug === wanted) || session.orgs[0] || null;
  remember();
  changed();
}

/** Shows the organisation with `slug`. */
export function selectOrg(slug) {
  const next = session.orgs.find((o) => o.slug === slug);
  if (next && next !== session.org) {
    session.org = next;
    remember();
    changed();
  }
}

/** Forgets the user (after signing out or a 401). */
export function clear() {
  const had = session.me !== null;
  session.me = null;
  session.orgs = [];
  session.org = null;
  if (had) {
    changed();
  }
}

function remember() {
  if (session.org) {
    localStorage.setItem(STORAGE_KEY, session.org.slug);
  }
}
