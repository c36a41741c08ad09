// LiteLLM's probe bodies: /health/readiness answers LiteLLM's fields (status, db, cache,
// litellm_version, success_callbacks, log_level, last_updated) beside llmux's own (redis,
// auth, version); /health/liveliness and /health/liveness answer "I'm alive!". Plain HTTP,
// no key, against an in-process gateway.

import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { httpRequest } from './helpers/http-request.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

interface Readiness {
  status: string;
  db: string;
  cache: string | null;
  litellm_version: string;
  success_callbacks: string[];
  log_level: string;
  last_updated: string;
  redis: string | null;
  auth: string;
  version: string;
}

describe('LiteLLM /health/readiness and /health/liveliness bodies', () => {
  let folder: string;
  let withCache: TestGateway;
  let bare: TestGateway;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'llmux-readiness-'));
    withCache = await startTestGateway({
      model_list: [],
      litellm_settings: {
        cache: true,
        cache_params: { type: 'local' },
        success_callback: ['file'],
        callbacks: 'file',
        callback_settings: { file: { path: join(folder, 'calls.jsonl') } },
      },
      general_settings: { master_key: 'sk-master-readiness' },
    });
    bare = await startTestGateway({ model_list: [] });
  });
  after(async () => {
    await withCache.close();
    await bare.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("readiness answers LiteLLM's fields: status, db, cache, litellm_version, success_callbacks, log_level, last_updated", async () => {
    const reply = await httpRequest(`${withCache.url}/health/readiness`);
    assert.equal(reply.status, 200, reply.text);
    const body = reply.json as Readiness;
    assert.equal(body.status, 'healthy');
    assert.equal(body.db, 'connected');
    assert.equal(body.cache, 'local');
    assert.match(body.litellm_version, /^\d+\.\d+\.\d+/);
    // Named once though configured twice (success_callback and callbacks).
    assert.deepEqual(body.success_callbacks, ['file']);
    assert.match(body.log_level, /^[A-Z]+$/);
    assert.ok(Number.isFinite(Date.parse(body.last_updated)), body.last_updated);
    // llmux's own fields stay: the counters' Redis (none here), whether keys are required, the version.
    assert.equal(body.redis, null);
    assert.equal(body.auth, 'enabled');
    assert.equal(body.version, body.litellm_version);
  });

  it('readiness without a cache or callbacks says cache null and success_callbacks []', async () => {
    const body = (await httpRequest(`${bare.url}/health/readiness`)).json as Readiness;
    assert.equal(body.cache, null);
    assert.deepEqual(body.success_callbacks, []);
    assert.equal(body.auth, 'disabled');
  });

  it('/health/liveliness and /health/liveness answer the JSON string "I\'m alive!" without a key', async () => {
    for (const path of ['/health/liveliness', '/health/liveness']) {
      const reply = await httpRequest(`${withCache.url}${path}`);
      assert.equal(reply.status, 200, path);
      assert.equal(reply.text, '"I\'m alive!"', path);
    }
  });
});
