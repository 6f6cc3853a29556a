// The REST API, over fetch with the session cookie. Failures become an ApiError carrying the
// problem document's status, detail and field errors.

/** A failed API call: `status` (0 when the server could not be reached), `detail`, `errors`. */
export class ApiError extends Error {
  constructor(status, title, detail, errors = []) {
    super(detail || title || `request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }
}

const listeners = new Set();

/** Calls `listener(error)` for every 401, so the app can show the sign-in page. */
export function onUnauthorised(listener) {
  listeners.add(listener);
}

/**
 * Sends a request to the API and resolves with the parsed JSON body (null for 204), or rejects
 * with an ApiError.
 */
export async function request(method, path, body, { signal, quiet401 = false } = {}) {
  const options = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal,
  };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (cause) {
    if (cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError(0, 'Offline', 'the server could not be reached; check the connection');
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const problem = json || {};
    const error = new ApiError(response.status, problem.title || response.statusText,
      problem.detail || text || response.statusText, Array.isArray(problem.errors) ? problem.errors : []);
    const retryAfter = response.headers.get('Retry-After');
    if (response.status === 429 && retryAfter) {
      error.detail = `${error.detail} (try again in ${retryAfter} s)`;
      error.message = error.detail;
    }
    if (response.status === 401 && !quiet401) {
      listeners.forEach((listener) => listener(error));
    }
    throw error;
  }
  return json;
}

export const get = (path, options) => request('GET', path, undefined, options);
export const post = (path, body, options) => request('POST', path, body, options);
export const put = (path, body, options) => request('PUT', path, body, options);
export const patch = (path, body, options) => request('PATCH', path, body, options);
export const del = (path, options) => request('DELETE', path, undefined, options);

/** Builds a path with query parameters; undefined and empty values are left out. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(name, String(value));
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Encodes one path segment. */
export const seg = (value) => encodeURIComponent(String(value));

/** The path of an organisation's resource: `org('demo', 'stations', id)`. */
export function org(slug, ...parts) {
  return ['/api/orgs', slug, ...parts].map((part, i) => (i === 0 ? part : seg(part))).join('/');
}
