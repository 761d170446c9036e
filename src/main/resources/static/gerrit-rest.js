// Talks to Gerrit's REST API from a page on the same origin, in the reader's own session: strips
// the ")]}'" prefix Gerrit puts before JSON, sends the XSRF token Gerrit expects with every request
// that changes something (the XSRF_TOKEN cookie, echoed in the X-Gerrit-Auth header, as Gerrit's
// own UI does), and turns every failure (an HTTP status, a timeout, no network) into an
// ApiError whose message a reader can act on.

const PREFIX = ")]}'";

/** A failed request: `status` is the HTTP status, 0 for no answer, -1 for a timeout. */
export class ApiError extends Error {
  constructor(status, message, detail) {
    super(message);
    this.status = status;
    this.detail = detail || '';
  }
}

/** Where Gerrit and the plugin live, read from the page's own address. */
export function locate(loc) {
  const m = /^(.*?)\/plugins\/([^/]+)\/static\/[^/]*$/.exec(loc.pathname);
  if (!m) {
    return {base: '', plugin: 'backport-guard'};
  }
  return {base: m[1], plugin: decodeURIComponent(m[2])};
}

/**
 * The change the page is about, from its fragment: "#<project>~<number>" (the project may be
 * percent-encoded). Null when the fragment is not of that form.
 */
export function parseChange(hash) {
  const raw = (hash || '').replace(/^#/, '');
  const at = raw.lastIndexOf('~');
  if (at <= 0) {
    return null;
  }
  let project;
  try {
    project = decodeURIComponent(raw.substring(0, at));
  } catch (e) {
    return null;
  }
  const number = raw.substring(at + 1);
  if (!/^[1-9][0-9]{0,9}$/.test(number) || !project.trim()) {
    return null;
  }
  return {project, number: Number(number)};
}

/** The change's identifier in REST paths: "<project>~<number>", the project URL-encoded. */
export function changeId(change) {
  return encodeURIComponent(change.project) + '~' + change.number;
}

function cookie(name) {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.substring(0, eq).trim() === name) {
      return decodeURIComponent(part.substring(eq + 1).trim());
    }
  }
  return '';
}

function statusMessage(status, text) {
  switch (status) {
    case 400:
      return 'The server refused the request as malformed';
    case 401:
    case 403:
      return 'You may not do this';
    case 404:
      return 'Not found: it does not exist, or you cannot see it';
    case 409:
      return 'The server could not do this now';
    case 429:
      return 'Asked too often';
    default:
      if (status >= 500) {
        return `The server failed (HTTP ${status}); try again later, or ask an admin to look at its error_log`;
      }
      return `Unexpected answer from the server (HTTP ${status} ${text})`;
  }
}

/** A client for one Gerrit, under `base` (the site's path, "" or e.g. "/r"). */
export class Gerrit {
  constructor(base, {timeoutMs = 20000, postTimeoutMs = 60000, onSlow = () => {}} = {}) {
    this.base = base;
    this.timeoutMs = timeoutMs;
    this.postTimeoutMs = postTimeoutMs;
    this.onSlow = onSlow;
  }

  /** GET, answering the parsed JSON. */
  get(path) {
    return this.request('GET', path);
  }

  /** POST with a JSON body, answering {status, json}. */
  async post(path, body) {
    let token = cookie('XSRF_TOKEN');
    if (!token) {
      // The cookie comes with this page's own answer (see PageHttpModule); a page served from the
      // browser's cache did not get it: ask for the page again, uncached, to be given it.
      await fetch(location.pathname, {credentials: 'same-origin', cache: 'no-store'}).catch(() => {});
      token = cookie('XSRF_TOKEN');
    }
    return this.request('POST', path, body, token);
  }

  async request(method, path, body, token) {
    const timeout = method === 'GET' ? this.timeoutMs : this.postTimeoutMs;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeout);
    const slow = setTimeout(() => this.onSlow(timeout), Math.min(3000, timeout / 2));
    const headers = {Accept: 'application/json'};
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json; charset=UTF-8';
      if (token) {
        headers['X-Gerrit-Auth'] = token;
      }
    }
    let res;
    let text;
    try {
      res = await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: abort.signal,
      });
      text = await res.text();
    } catch (e) {
      if (abort.signal.aborted) {
        throw new ApiError(
          -1,
          `The server did not answer within ${Math.round(timeout / 1000)} s; it may be busy. Try again later`);
      }
      throw new ApiError(0, 'No answer from the server: the network or the server is down', String(e));
    } finally {
      clearTimeout(timer);
      clearTimeout(slow);
    }
    if (!res.ok) {
      throw new ApiError(res.status, statusMessage(res.status, res.statusText), text.trim());
    }
    const json = text.startsWith(PREFIX) ? text.substring(PREFIX.length) : text;
    let parsed;
    try {
      parsed = json.trim() ? JSON.parse(json) : null;
    } catch (e) {
      throw new ApiError(res.status, 'The server answered something that is not JSON', text.substring(0, 200));
    }
    return method === 'GET' ? parsed : {status: res.status, json: parsed};
  }
}
