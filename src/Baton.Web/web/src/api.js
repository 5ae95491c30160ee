// The dashboard's calls to its server: same origin only; the login cookie (when the server wants a token) goes
// along by itself.

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

async function parse(response) {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** GET a JSON document; throws ApiError on any status but 2xx. */
export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const body = await parse(response);
  if (!response.ok) throw new ApiError(response.status, messageOf(body, response), body);
  return body;
}

/** Sends JSON (POST, DELETE ...) and returns { status, body } whatever the status. */
export async function send(method, url, payload) {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  return { status: response.status, ok: response.ok, body: await parse(response) };
}

export function messageOf(body, response) {
  if (body && typeof body === 'object') return body.error || body.detail || body.title || `${response.status} ${response.statusText}`;
  return (typeof body === 'string' && body.trim()) || `${response.status} ${response.statusText}`;
}
