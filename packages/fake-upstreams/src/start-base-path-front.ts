// A recording front for fakes of vendors whose base URL carries a path (`/v1/openai`,
// `/client/v4/accounts/{id}/ai/v1`): it records each call with its full path, then hands it
// to the fake `pick` chooses at the bare route, streaming the answer back as it comes.

import { startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

const ROUTES = ['/chat/completions', '/embeddings', '/models'];

export function startBasePathFront(pick: (request: RecordedRequest) => FakeServer): Promise<FakeServer> {
  return startFakeServer(async (request, response) => {
    const path = request.url.split('?')[0] ?? '';
    const route = ROUTES.find((candidate) => path.endsWith(candidate)) ?? path;
    const answer = await fetch(pick(request).url + route, {
      method: request.method,
      headers: { 'content-type': 'application/json' },
      ...(request.method === 'POST' ? { body: request.text } : {}),
    });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    if (answer.body !== null) for await (const chunk of answer.body) response.write(chunk);
    response.end();
  });
}
