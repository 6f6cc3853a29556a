// How times, durations, angles and frequencies read everywhere. Times are shown in UTC, as
// ground-station operators compare them with pass predictions and logs.

const pad = (n, width = 2) => String(n).padStart(width, '0');

function toDate(value) {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `2026-03-19 12:04:05 UTC`, or an em dash for no value. */
export function dateTime(value, { seconds = true } = {}) {
  const d = toDate(value);
  if (!d) {
    return '—';
  }
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time} UTC`;
}

/** `12:04:05` (UTC). */
export function time(value, { seconds = true } = {}) {
  const d = toDate(value);
  if (!d) {
    return '—';
  }
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
}

/** A duration in seconds as `1 h 02 min`, `4 min 05 s` or `12 s`. */
export function duration(totalSeconds) {
  if (totalSeconds === null || totalSeconds === undefined || Number.isNaN(totalSeconds)) {
    return '—';
  }
  const sign = totalSeconds < 0 ? '−' : '';
  let s = Math.round(Math.abs(totalSeconds));
  const hours = Math.floor(s / 3600);
  s -= hours * 3600;
  const minutes = Math.floor(s / 60);
  s -= minutes * 60;
  if (hours) {
    return `${sign}${hours} h ${pad(minutes)} min`;
  }
  if (minutes) {
    return `${sign}${minutes} min ${pad(s)} s`;
  }
  return `${sign}${s} s`;
}

/** How long ago an instant was: `12 s ago`, `3 min ago`, or the date for older ones. */
export function ago(value, now = Date.now()) {
  const d = toDate(value);
  if (!d) {
    return 'never';
  }
  const seconds = (now - d.getTime()) / 1000;
  if (seconds < 0 && seconds > -60) {
    return 'just now';
  }
  if (seconds < 0) {
    return dateTime(d);
  }
  if (seconds < 90) {
    return `${Math.max(0, Math.round(seconds))} s ago`;
  }
  if (seconds < 3600 * 3) {
    return `${Math.round(seconds / 60)} min ago`;
  }
  return dateTime(d, { seconds: false });
}

/** An angle in degrees with one decimal: `123.4°`. */
export function degrees(value, decimals = 1) {
  return typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(decimals)}°` : '—';
}

/** A frequency in Hz, shown in MHz with Hz resolution: `435.795 123 MHz`. */
export function frequency(hz) {
  if (typeof hz !== 'number' || !Number.isFinite(hz)) {
    return '—';
  }
  if (hz >= 1e9) {
    return `${(hz / 1e9).toFixed(6)} GHz`;
  }
  const mhz = (hz / 1e6).toFixed(6);
  return `${mhz.slice(0, -3)} ${mhz.slice(-3)} MHz`;
}

/** A distance in metres, as km above 10 km. */
export function distance(metres) {
  if (typeof metres !== 'number' || !Number.isFinite(metres)) {
    return '—';
  }
  return Math.abs(metres) >= 10000 ? `${(metres / 1000).toFixed(0)} km` : `${metres.toFixed(0)} m`;
}

/** A `datetime-local` input's value (read as UTC) for an instant. */
export function toInputUtc(value) {
  const d = toDate(value);
  if (!d) {
    return '';
  }
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The ISO instant of a `datetime-local` input's value read as UTC, or null when empty. */
export function fromInputUtc(text) {
  if (!text) {
    return null;
  }
  const d = new Date(text.length === 16 ? `${text}:00Z` : `${text}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
