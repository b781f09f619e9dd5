// JSON calls of the pages to their own server, signed in by the page's session cookie. A refusal
// becomes an Error with the server's message ({code, message}), or the HTTP status without one.

// A refusal that lists problems (a CSV import's lines) carries them as the Error's `errors`.
export async function call(path, options = {}) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...options,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...options.headers },
  });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(body?.message ?? `${response.status} ${response.statusText}`);
    error.errors = body?.errors ?? [];
    throw error;
  }
  return body;
}
