// The cache admin routes (/cache/ping, /cache/delete, /cache/flushall, admins only), the
// refusal of cache types llmux lacks, and limits on hits: a hit counts against RPM.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { parseConfig, createGateway } from '../src/index.js';
import { CACHE_MASTER_KEY, startCacheWorld, withCache, type CacheWorld } from './helpers/cache-gateway.js';
import { managementClient } from './helpers/management-client.js';
import { startTestGateway } from './helpers/start-test-gateway.js';

const ask = (content: string) => ({ model: 'gpt', messages: [{ role: 'user' as const, content }] });

describe('cache admin routes', () => {
  let world: CacheWorld;

  before(async () => {
    world = await startCacheWorld({ type: 'local' });
  });
  after(() => world.close());

  it('pings the cache', async () => {
    const reply = await world.admin.get('/cache/ping');
    assert.equal(reply.status, 200);
    assert.equal(reply.body['status'], 'healthy');
    assert.equal(reply.body['cache_type'], 'local');
  });

  it('deletes entries by key, and flushes them all', async () => {
    const calls = world.chatCalls();
    const { response } = await world.client.chat.completions.create(ask('to delete')).withResponse();
    await world.client.chat.completions.create(ask('to flush'));
    const key = response.headers.get('x-litellm-cache-key');
    const deleted = await world.admin.post('/cache/delete', { keys: [key] });
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body['deleted'], 1);
    await world.client.chat.completions.create(ask('to delete'));
    await world.client.chat.completions.create(ask('to flush'));
    assert.equal(world.chatCalls(), calls + 3, 'the deleted entry missed, the other hit');
    assert.equal((await world.admin.post('/cache/flushall', {})).status, 200);
    await world.client.chat.completions.create(ask('to flush'));
    assert.equal(world.chatCalls(), calls + 4);
    assert.equal((await world.admin.post('/cache/delete', { keys: 'nope' })).status, 400);
  });

  it('refuses callers that are not admins', async () => {
    const key = String((await world.admin.post('/key/generate', {})).body['key']);
    const user = managementClient(world.gateway.url, key);
    assert.equal((await user.get('/cache/ping')).status, 403);
    assert.equal((await user.post('/cache/flushall', {})).status, 403);
    assert.equal((await user.post('/cache/delete', { keys: ['x'] })).status, 403);
  });

  it('counts a hit against the key RPM limit, with no tokens', async () => {
    const key = String((await world.admin.post('/key/generate', { rpm_limit: 2 })).body['key']);
    const client = new OpenAI({ apiKey: key, baseURL: `${world.gateway.url}/v1`, maxRetries: 0 });
    await world.client.chat.completions.create(ask('limited'));
    const calls = world.chatCalls();
    await client.chat.completions.create(ask('limited'));
    await client.chat.completions.create(ask('limited'));
    assert.equal(world.chatCalls(), calls, 'both were hits');
    await assert.rejects(client.chat.completions.create(ask('limited')), OpenAI.RateLimitError);
  });
});

describe('cache configuration', () => {
  const model_list = [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_key: 'sk-x' } }];

  it('refuses an unknown cache type and mode at start, naming the field', () => {
    const { config: typo } = parseConfig({ model_list, litellm_settings: { cache: true, cache_params: { type: 'semantic' } } }, 'test', {});
    assert.throws(() => createGateway({ config: typo }), /cache_params\.type: "local", "redis", "local-semantic" or "redis-semantic", not "semantic"/);
    const { config } = parseConfig({ model_list, litellm_settings: { cache: true, cache_params: { mode: 'sometimes' } } }, 'test', {});
    assert.throws(() => createGateway({ config }), /cache_params\.mode/);
  });

  it('accepts the cache fields it implements and still refuses unknown ones', () => {
    const { warnings } = parseConfig(
      {
        model_list,
        litellm_settings: { cache: true, cache_params: { type: 'local', ttl: 60, namespace: 'n', mode: 'default_on', supported_call_types: ['acompletion'], scope: 'key' } },
      },
      'test',
      {},
      { strict: true },
    );
    assert.deepEqual(
      warnings.filter((warning) => /cache/.test(warning)),
      [],
    );
    assert.throws(
      () => parseConfig({ model_list, litellm_settings: { cache: true, cache_params: { tll: 60 } } }, 'test', {}, { strict: true }),
      /cache_params\.tll: unknown field; did you mean ttl\?/,
    );
  });

  it('answers 503 on the admin routes when no cache is configured', async () => {
    const gateway = await startTestGateway({ model_list, general_settings: { master_key: CACHE_MASTER_KEY } });
    try {
      const reply = await managementClient(gateway.url, CACHE_MASTER_KEY).get('/cache/ping');
      assert.equal(reply.status, 503);
      assert.match(reply.body.error?.message ?? '', /not configured/);
    } finally {
      await gateway.close();
    }
  });
});

describe('supported_call_types', () => {
  it('caches only the listed call types, and says which listed ones llmux does not cache', async () => {
    const world = await startCacheWorld({ type: 'local', supported_call_types: ['embedding', 'atranscription'] });
    try {
      const calls = world.chatCalls();
      const { response } = await world.client.chat.completions.create(ask('not cached')).withResponse();
      await world.client.chat.completions.create(ask('not cached'));
      assert.equal(world.chatCalls(), calls + 2);
      assert.equal(response.headers.get('x-litellm-cache-key'), null);
      const embeds = () => world.upstream.requests.filter((request) => request.url.endsWith('/embeddings')).length;
      await world.client.embeddings.create({ model: 'embed', input: 'cached' });
      await world.client.embeddings.create({ model: 'embed', input: 'cached' });
      assert.equal(embeds(), 1);
      assert.ok(world.gateway.logs.lines.some((line) => line.includes('these call types are not cached') && line.includes('atranscription')));
    } finally {
      await world.close();
    }
  });
});

describe('supported_call_types with the dialect operations', () => {
  it('caches /v1/messages when anthropic_messages is listed, and not chat or /v1/responses', async () => {
    const world = await startCacheWorld({ type: 'local', supported_call_types: ['anthropic_messages'] });
    try {
      const anthropic = new Anthropic({ apiKey: CACHE_MASTER_KEY, baseURL: world.gateway.url, maxRetries: 0 });
      const calls = world.chatCalls();
      const params = { model: 'gpt', max_tokens: 50, messages: [{ role: 'user' as const, content: 'listed' }] };
      await anthropic.messages.create(params);
      await anthropic.messages.create(params);
      assert.equal(world.chatCalls(), calls + 1, 'messages cached (translated to the chat upstream)');
      await world.client.chat.completions.create(ask('listed'));
      await world.client.chat.completions.create(ask('listed'));
      assert.equal(world.chatCalls(), calls + 3, 'chat not cached');
      const responses = () => world.upstream.requests.filter((request) => request.url.endsWith('/responses')).length;
      const { response } = await world.client.responses.create({ model: 'gpt', input: 'listed' }).withResponse();
      await world.client.responses.create({ model: 'gpt', input: 'listed' });
      assert.equal(responses(), 2, 'responses not cached');
      assert.equal(response.headers.get('x-litellm-cache-key'), null);
    } finally {
      await world.close();
    }
  });
});

describe('allowed_cache_controls on keys', () => {
  let world: CacheWorld;

  before(async () => {
    world = await startCacheWorld({ type: 'local' });
  });
  after(() => world.close());

  it('lets a request send only the listed controls: others are a 403 naming the control, in each dialect', async () => {
    const generated = await world.admin.post('/key/generate', { allowed_cache_controls: ['no-cache'] });
    assert.equal(generated.status, 200);
    const key = String(generated.body['key']);
    assert.deepEqual((generated.body['metadata'] as Record<string, unknown>)['allowed_cache_controls'], ['no-cache']);
    const client = new OpenAI({ apiKey: key, baseURL: `${world.gateway.url}/v1`, maxRetries: 0 });
    const calls = world.chatCalls();
    await assert.rejects(client.chat.completions.create(withCache(ask('controlled'), { ttl: 60 })), (error: unknown) => {
      assert.ok(error instanceof OpenAI.PermissionDeniedError);
      assert.match(error.message, /Not allowed to set ttl as a cache control/);
      return true;
    });
    assert.equal(world.chatCalls(), calls, 'refused before any upstream call');
    await client.chat.completions.create(withCache(ask('controlled'), { 'no-cache': true }));
    const anthropic = new Anthropic({ apiKey: key, baseURL: world.gateway.url, maxRetries: 0 });
    const body = { model: 'gpt', max_tokens: 50, messages: [{ role: 'user' as const, content: 'controlled' }], cache: { 'no-store': true } };
    await assert.rejects(anthropic.messages.create(body), (error: unknown) => {
      assert.ok(error instanceof Anthropic.PermissionDeniedError);
      assert.match(error.message, /Not allowed to set no-store/);
      return true;
    });

    // [] (or null) lifts the restriction; other metadata stays.
    const updated = await world.admin.post('/key/update', { key, allowed_cache_controls: [], metadata: { team: 'blue' } });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body['metadata'], { team: 'blue' });
    await client.chat.completions.create(withCache(ask('controlled'), { ttl: 60 }));
  });

  it('refuses a control name LiteLLM does not have', async () => {
    const reply = await world.admin.post('/key/generate', { allowed_cache_controls: ['forever'] });
    assert.equal(reply.status, 400);
  });
});
