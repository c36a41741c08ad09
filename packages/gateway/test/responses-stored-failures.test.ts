// Stored Responses when the database misbehaves: a write that fails is logged and the call
// still answers (the write is off the call's path); a read while the database is unreachable
// is a 503 in OpenAI's shape the client may retry, never a 500. The store is the real SQLite
// store, with its stored-Response methods made to fail on demand.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { createStore } from '../src/store/create-store.js';
import type { Store } from '../src/store/store.js';
import { sqliteBackend, type Backend } from './helpers/store-backends.js';
import { STORED_MODELS, startStoredResponsesWorld, type StoredResponsesWorld } from './helpers/responses-stored-gateway.js';

interface Faults {
  failWrites: boolean;
  unreachable: boolean;
}

/** The store, with stored-Response writes refused and reads unreachable while told so. */
function faultyStore(store: Store, faults: Faults): Store {
  const faulty = Object.create(store) as Store;
  faulty.insertStoredResponse = async (row) => {
    if (faults.failWrites) throw new Error('disk I/O error');
    return store.insertStoredResponse(row);
  };
  faulty.getStoredResponse = async (id, now) => {
    if (faults.unreachable) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    return store.getStoredResponse(id, now);
  };
  return faulty;
}

describe('stored Responses when the database fails', () => {
  let backend: Backend;
  let store: ReturnType<typeof createStore>;
  let world: StoredResponsesWorld;
  let client: OpenAI;
  const faults: Faults = { failWrites: false, unreachable: false };
  before(async () => {
    backend = sqliteBackend();
    store = createStore(backend.options);
    world = await startStoredResponsesWorld(backend, () => ({ content: 'Hello from the upstream' }), {}, { store: faultyStore(store, faults) });
    client = world.client(await world.newKey());
  });
  after(async () => {
    await world?.close();
    await store?.close();
    await backend?.cleanup();
  });

  it('answers the call when its write fails, logs the failure, and then knows no such Response', async () => {
    faults.failWrites = true;
    try {
      const created = await client.responses.create({ model: STORED_MODELS.anthropic, input: 'hi' });
      assert.equal(created.output_text, 'Hello from the upstream');
      await assert.rejects(client.responses.retrieve(created.id), (error: unknown) => error instanceof OpenAI.NotFoundError);
      const logged = world.gateway.logs.records().find((record) => record['msg'] === 'stored response not written: GET and previous_response_id will not find it');
      assert.equal(logged?.['response_id'], created.id);
    } finally {
      faults.failWrites = false;
    }
  });

  it('answers 503 while the database is unreachable, for reads and for continuing', async () => {
    const created = await client.responses.create({ model: STORED_MODELS.anthropic, input: 'hi' });
    faults.unreachable = true;
    try {
      await assert.rejects(client.responses.retrieve(created.id), (error: unknown) => error instanceof OpenAI.InternalServerError && error.status === 503);
      await assert.rejects(
        client.responses.create({ model: STORED_MODELS.anthropic, previous_response_id: created.id, input: 'more' }),
        (error: unknown) => error instanceof OpenAI.APIError && error.status === 503,
      );
    } finally {
      faults.unreachable = false;
    }
    assert.equal((await client.responses.retrieve(created.id)).id, created.id);
  });
});
