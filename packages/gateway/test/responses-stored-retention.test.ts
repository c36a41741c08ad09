// Stored Responses expire: general_settings.responses_retention_days (fractions allowed) makes
// a Response unreadable once its time is up, and the periodic sweep deletes the row, on
// SQLite and PostgreSQL. A retention that is not a positive number refuses the start.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { BACKEND_NAMES, openBackend, sqliteBackend, type Backend } from './helpers/store-backends.js';
import { STORED_MODELS, startStoredResponsesWorld, type StoredResponsesWorld } from './helpers/responses-stored-gateway.js';

const ONE_SECOND_IN_DAYS = 1 / 86_400;
const hello = () => ({ content: 'Hello from the upstream' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backendName of BACKEND_NAMES) {
  describe(`stored Responses retention on ${backendName}`, () => {
    let backend: Backend;
    let world: StoredResponsesWorld;
    before(async () => {
      const opened = await openBackend(backendName);
      if (typeof opened === 'string') throw new Error(opened);
      backend = opened;
      world = await startStoredResponsesWorld(backend, hello, { responses_retention_days: ONE_SECOND_IN_DAYS });
    });
    after(async () => {
      await world?.close();
      await backend?.cleanup();
    });

    it('answers 404 once a Response expired, and the sweep deletes its row', async () => {
      const client = world.client(await world.newKey());
      const created = await client.responses.create({ model: STORED_MODELS.anthropic, input: 'hi' });
      assert.equal((await client.responses.retrieve(created.id)).id, created.id);
      await sleep(1100);
      await assert.rejects(client.responses.retrieve(created.id), (error: unknown) => error instanceof OpenAI.NotFoundError);
      const store = world.gateway.gateway.governance.store;
      // Read as of 1970, when nothing had expired: only a deleted row is missing then.
      let row = await store.getStoredResponse(created.id, new Date(0));
      for (let attempt = 0; attempt < 40 && row !== undefined; attempt += 1) {
        await sleep(100);
        row = await store.getStoredResponse(created.id, new Date(0));
      }
      assert.equal(row, undefined, 'the sweep deleted the expired row');
    });
  });
}

describe('responses_retention_days', () => {
  for (const value of [0, -1, 'thirty']) {
    it(`refuses ${JSON.stringify(value)} at start, naming the setting`, async () => {
      const backend = sqliteBackend();
      try {
        await assert.rejects(startStoredResponsesWorld(backend, hello, { responses_retention_days: value }), /general_settings\.responses_retention_days/);
      } finally {
        await backend.cleanup();
      }
    });
  }
});
