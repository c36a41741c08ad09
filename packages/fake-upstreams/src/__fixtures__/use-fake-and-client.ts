// The set-up the fakes' client tests share: a fake started, and an official client aimed at
// it, in before(); both released in after(). Registers the suite's hooks, so call it inside
// `describe`; tests read `fake` and `client` from what it returns once before() has run.

import { after, before } from 'node:test';
import type { FakeServer } from '../start-fake-server.js';

export interface FakeAndClient<Server extends FakeServer, Client> {
  /** The running fake (its url, its recorded requests). */
  readonly fake: Server;
  readonly client: Client;
}

/** `release` frees what the client holds (an SDK's socket pool) before the fake closes. */
export function useFakeAndClient<Server extends FakeServer, Client>(
  start: () => Promise<Server>,
  connect: (fake: Server) => Client,
  release?: (client: Client) => void,
): FakeAndClient<Server, Client> {
  let fake: Server | undefined;
  let client: Client | undefined;
  before(async () => {
    fake = await start();
    client = connect(fake);
  });
  after(async () => {
    if (client !== undefined) release?.(client);
    await fake?.close();
  });
  return {
    get fake(): Server {
      if (fake === undefined) throw new Error('the fake upstream starts in before()');
      return fake;
    },
    get client(): Client {
      if (client === undefined) throw new Error('the client is made in before()');
      return client;
    },
  };
}
