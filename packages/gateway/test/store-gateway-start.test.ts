// The gateway's start: it creates and migrates an empty embedded store under LLMUX_HOME,
// and refuses to start, with a clear message, on a schema newer than it knows.

import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createGateway, parseConfig } from '../src/index.js';
import { createStore, LATEST_SCHEMA_VERSION } from '../src/store/index.js';
import { KeyCache } from '../src/governance/key-cache.js';
import type { Identity } from '../src/governance/identity.js';
import { createCaptureLogger } from './helpers/capture-logger.js';

describe('gateway start with the embedded store', () => {
  it('creates and migrates the SQLite file under LLMUX_HOME on first start', async () => {
    const home = join(mkdtempSync(join(tmpdir(), 'llmux-start-')), 'nested');
    const { config } = parseConfig({ model_list: [], general_settings: { master_key: 'sk-m' } }, 'test');
    const gateway = createGateway({ config, logger: createCaptureLogger().logger, env: { LLMUX_HOME: home } });
    assert.equal(existsSync(join(home, 'llmux.db')), false, 'nothing is created before listen()');
    await gateway.listen(0, '127.0.0.1');
    await gateway.close();
    assert.equal(existsSync(join(home, 'llmux.db')), true);
    rmSync(home, { recursive: true, force: true });
  });

  it('refuses to start on a newer schema, saying what to do', async () => {
    const home = mkdtempSync(join(tmpdir(), 'llmux-newer-'));
    const store = createStore({ home });
    await store.migrate();
    await store.db
      .insertInto('llmux_schema_version')
      .values({ version: LATEST_SCHEMA_VERSION + 5, name: 'from the future', applied_at: new Date().toISOString() })
      .execute();
    await store.close();
    const { config } = parseConfig({ model_list: [] }, 'test');
    const gateway = createGateway({ config, logger: createCaptureLogger().logger, env: { LLMUX_HOME: home } });
    await assert.rejects(
      gateway.listen(0, '127.0.0.1'),
      new RegExp(
        `cannot prepare the database: the database schema is at version ${LATEST_SCHEMA_VERSION + 5}, but this llmux knows versions up to ${LATEST_SCHEMA_VERSION}; upgrade llmux`,
      ),
    );
    assert.equal(gateway.server.listening, false);
    await gateway.close();
    rmSync(home, { recursive: true, force: true });
  });
});

describe('authentication on the hot path', () => {
  it('looks a key up in the store once, then answers from the cache', async () => {
    const home = mkdtempSync(join(tmpdir(), 'llmux-cache-'));
    const store = createStore({ home });
    let lookups = 0;
    const findKeyByToken = store.findKeyByToken;
    store.findKeyByToken = (token) => {
      lookups += 1;
      return findKeyByToken(token);
    };
    const { config } = parseConfig({ model_list: [{ model_name: 'm', litellm_params: { model: 'openai/m', api_key: 'x' } }], general_settings: { master_key: 'sk-m' } }, 'test');
    const gateway = createGateway({ config, logger: createCaptureLogger().logger, store, env: {} });
    const url = await gateway.listen(0, '127.0.0.1');
    const generated = await fetch(`${url}/key/generate`, { method: 'POST', headers: { authorization: 'Bearer sk-m' }, body: '{}' });
    const { key } = (await generated.json()) as { key: string };
    for (let call = 0; call < 5; call += 1) {
      const listed = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(listed.status, 200);
    }
    assert.equal(lookups, 1);
    await gateway.close();
    await store.close();
    rmSync(home, { recursive: true, force: true });
  });
});

describe('key cache', () => {
  const identity: Identity = { kind: 'master', role: 'proxy_admin' };

  it('evicts the oldest entry beyond its bound and expires entries after the TTL', () => {
    let now = 0;
    const cache = new KeyCache({ maxEntries: 2, ttlMs: 1000, now: () => now });
    cache.set('a', identity);
    cache.set('b', identity);
    cache.set('c', identity);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('c'), identity);
    now = 1000;
    assert.equal(cache.get('c'), undefined);
  });
});
