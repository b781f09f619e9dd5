// JSON calls of the pages to their own server, signed in by the page's session cookie. A refusal
// becomes an Error with the server's message ({code, message}), or the HTTP status without one.

export async function call(path, options = {}) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    ...options,
  });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body?.message ?? `${response.status} ${response.statusText}`);
  }
  return body;
}
