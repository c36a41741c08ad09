// One request before measuring, so a misconfigured target fails loudly instead of having
// its error page benchmarked (wrk counts non-2xx, but fast errors would look fast).

/** `expected`: text the reply must hold (default: a chat completion, or SSE for a stream). */
export async function checkTarget(port, requestFor, kind, expected = kind === 'json' ? '"chat.completion"' : 'data: ') {
  const request = requestFor(kind);
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
    method: 'POST',
    headers: { ...request.headers, 'content-type': 'application/json' },
    body: request.body,
  });
  const text = await response.text();
  if (response.status !== 200 || !text.includes(expected)) {
    throw new Error(`${kind} request answered ${response.status}: ${text.slice(0, 300)}`);
  }
}
