// The live status of the stations shown: read once from the status API, then kept current from
// the live feed. While the feed is down, the status API is polled instead, so pages never freeze.

import * as api from '../api.js';

const POLL_MS = 4_000;

/**
 * Station statuses for one organisation. `get(id)` is the status API's object (online,
 * lastSeenAt, measured, radio, drivers, locks, tracking) plus `path`, the pass's rotator path from
 * the live feed.
 */
export class StationStatuses {
  constructor(feed) {
    this.feed = feed;
    this.slug = null;
    this.statuses = new Map();
    this.watched = new Map();
    this.listeners = new Set();
    this.pollTimer = null;
    feed.onMessage((body) => this.apply(body));
    feed.onState((state) => this.pollWhile(state !== 'live'));
  }

  /** Forgets everything when the organisation shown changes. */
  reset(slug) {
    this.slug = slug;
    this.statuses.clear();
    this.watched.clear();
  }

  get(stationId) {
    return this.statuses.get(stationId) || null;
  }

  /**
   * Keeps the statuses of `stationIds` current and calls `listener(stationId, status)` on every
   * change; fetches each once now. Returns a function that stops watching.
   */
  watch(stationIds, listener) {
    const ids = [...stationIds];
    ids.forEach((id) => this.watched.set(id, (this.watched.get(id) || 0) + 1));
    this.listeners.add(listener);
    ids.forEach((id) => this.fetch(id));
    return () => {
      this.listeners.delete(listener);
      ids.forEach((id) => {
        const n = (this.watched.get(id) || 1) - 1;
        if (n <= 0) {
          this.watched.delete(id);
        } else {
          this.watched.set(id, n);
        }
      });
    };
  }

  async fetch(stationId) {
    const slug = this.slug;
    try {
      const status = await api.get(api.org(slug, 'stations', stationId, 'status'));
      if (slug === this.slug) {
        const known = this.statuses.get(stationId);
        this.update(stationId, { ...status, path: known ? known.path : null });
      }
    } catch {
      // the page shows the station without a status; the next poll or message fills it in
    }
  }

  apply(body) {
    const id = body && body.stationId;
    if (!id) {
      return;
    }
    const current = this.statuses.get(id) || { stationId: id, drivers: [], tracking: null };
    const next = { ...current };
    if (body.type === 'status') {
      next.online = body.state === 'online';
      next.lastSeenAt = instant(body.t) || next.lastSeenAt;
    } else if (body.type === 'telemetry' && body.telemetry) {
      const t = body.telemetry;
      next.online = true;
      next.lastSeenAt = instant(t.t) || new Date().toISOString();
      if (t.rotator) {
        next.measured = { at: instant(t.t), azimuth: t.rotator.az, elevation: t.rotator.el, moving: Boolean(t.rotator.moving) };
      }
      if ('radio' in t) {
        next.radio = t.radio;
      }
      if (t.drivers) {
        next.drivers = t.drivers;
      }
      if ('locks' in t) {
        next.locks = t.locks;
      }
    } else if (body.type === 'tracking') {
      next.tracking = body.tracking || null;
      next.path = body.tracking ? (body.path || current.path || null) : null;
    } else {
      return;
    }
    this.update(id, next);
  }

  update(stationId, status) {
    this.statuses.set(stationId, status);
    this.listeners.forEach((listener) => listener(stationId, status));
  }

  pollWhile(down) {
    clearInterval(this.pollTimer);
    this.pollTimer = null;
    if (down) {
      this.pollTimer = setInterval(() => {
        if (this.slug) {
          [...this.watched.keys()].forEach((id) => this.fetch(id));
        }
      }, POLL_MS);
    }
  }
}

function instant(t) {
  if (t === null || t === undefined) {
    return null;
  }
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
