// The control API client: every call carries the signed-in bearer token; failures become Problem errors built
// from the RFC 9457 body, so pages can show the problem's title (what went wrong) and detail (why).

const TOKEN_KEY = 'mlops.console.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

/** A refused or failed call: the problem details of the control API, or a stand-in for a network failure. */
export class Problem extends Error {
  constructor(status, title, detail, type) {
    super(title + (detail ? ': ' + detail : ''));
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.type = type || '';
  }

  /** The problem type's last segment (self-approval, forbidden, not-found, ...). */
  get name() {
    return this.type.substring(this.type.lastIndexOf('/') + 1);
  }
}

/** Calls the control API; resolves to the parsed JSON body, rejects with a Problem. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  const current = token();
  if (current) {
    headers.Authorization = 'Bearer ' + current;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new Problem(0, 'Control API unreachable', String(e.message || e), 'network');
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    if (json && json.title) {
      throw new Problem(response.status, json.title, json.detail, json.type);
    }
    throw new Problem(response.status, 'HTTP ' + response.status, text.substring(0, 200), '');
  }
  return json;
}

/** The path segment for a value (model names, versions, execution ARNs with their colons). */
export function seg(value) {
  return encodeURIComponent(value);
}
