// A delayed upstream without timers: a front on 127.0.0.1:0 that holds every request until
// release(), then passes it to a real fake (OpenAI wire format) and streams the answer back.
// It records whether the client (the gateway) hung up while the request was held, which is
// how a test sees that a slower upstream call was cancelled.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface HeldRequest {
  path: string;
  body: string;
  /** Resolves when the client closed the connection before an answer was sent. */
  readonly abandoned: Promise<void>;
  wasAbandoned: boolean;
}

export interface HeldUpstream {
  url: string;
  readonly requests: readonly HeldRequest[];
  /** Resolves once `count` requests are held. */
  arrived(count: number): Promise<void>;
  /** Answers every held request (and every later one at once) from `target`. */
  release(): void;
  /** Holds later requests again (after release()). */
  hold(): void;
  close(): Promise<void>;
}

export async function startHeldUpstream(target: string): Promise<HeldUpstream> {
  const requests: HeldRequest[] = [];
  const waiting: Array<() => void> = [];
  const arrivals: Array<{ count: number; resolve: () => void }> = [];
  let released = false;

  const answer = async (request: IncomingMessage, response: ServerResponse, held: HeldRequest): Promise<void> => {
    if (held.wasAbandoned) return;
    const upstream = await fetch(`${target}${held.path}`, {
      method: request.method ?? 'POST',
      headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
      body: held.body,
    });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    if (upstream.body !== null) for await (const chunk of upstream.body) response.write(chunk);
    response.end();
  };

  const server = createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      let markAbandoned = (): void => undefined;
      const held: HeldRequest = {
        path: request.url ?? '/',
        body: Buffer.concat(parts).toString('utf8'),
        abandoned: new Promise<void>((resolve) => {
          markAbandoned = resolve;
        }),
        wasAbandoned: false,
      };
      response.on('close', () => {
        if (response.writableFinished) return;
        held.wasAbandoned = true;
        markAbandoned();
      });
      requests.push(held);
      for (const arrival of arrivals.filter((candidate) => requests.length >= candidate.count)) arrival.resolve();
      const go = (): void => void answer(request, response, held).catch(() => response.destroy());
      if (released) go();
      else waiting.push(go);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    arrived: (count) => (requests.length >= count ? Promise.resolve() : new Promise((resolve) => arrivals.push({ count, resolve }))),
    release: () => {
      released = true;
      for (const go of waiting.splice(0)) go();
    },
    hold: () => {
      released = false;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
