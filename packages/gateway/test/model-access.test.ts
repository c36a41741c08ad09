// Model access: a key, user or team limited to `models` (model groups or access groups) is
// refused other models with 401 `*_model_access_denied`, before any upstream call, and
// /v1/models and /model/info list only what the caller may use.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startGovernedGateway, type GovernedGateway } from './helpers/governed-gateway.js';

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: unknown }> {
  try {
    await promise;
    return { status: 200, code: null };
  } catch (error) {
    if (error instanceof OpenAI.APIError) return { status: error.status ?? 0, code: error.code };
    throw error;
  }
}

describe('model access', () => {
  let setup: GovernedGateway;
  const ask = (key: string, model: string) => setup.openai(key).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

  before(async () => {
    const started = await startGovernedGateway('sqlite');
    if (typeof started === 'string') throw new Error(started);
    setup = started;
  });
  after(async () => setup.close());

  it('refuses a key other models, with no upstream call', async () => {
    const key = String((await setup.admin.post('/key/generate', { models: ['gpt-a'] })).body['key']);
    assert.equal((await ask(key, 'gpt-a')).object, 'chat.completion');
    const before = setup.upstream.requests.length;
    assert.deepEqual(await refusal(ask(key, 'gpt-b')), { status: 401, code: 'key_model_access_denied' });
    assert.equal(setup.upstream.requests.length, before);
    const embeddings = setup.openai(key).embeddings.create({ model: 'embed', input: 'x' });
    assert.deepEqual(await refusal(embeddings), { status: 401, code: 'key_model_access_denied' });
  });

  it('grants access groups from model_info.access_groups', async () => {
    const key = String((await setup.admin.post('/key/generate', { models: ['beta'] })).body['key']);
    assert.equal((await ask(key, 'gpt-beta')).object, 'chat.completion');
    assert.equal((await refusal(ask(key, 'gpt-a'))).status, 401);
    const listed = await setup.openai(key).models.list();
    assert.deepEqual(
      listed.data.map((model) => model.id),
      ['gpt-beta'],
    );
  });

  it("applies the team's and the user's lists as well as the key's", async () => {
    await setup.admin.post('/team/new', { team_id: 'narrow', models: ['gpt-b'] });
    const teamKey = String((await setup.admin.post('/key/generate', { team_id: 'narrow' })).body['key']);
    assert.equal((await ask(teamKey, 'gpt-b')).object, 'chat.completion');
    assert.deepEqual(await refusal(ask(teamKey, 'gpt-a')), { status: 401, code: 'team_model_access_denied' });

    const user = await setup.admin.post('/user/new', { user_id: 'limited', models: ['gpt-a'] });
    const userKey = String(user.body['key']);
    assert.deepEqual(await refusal(ask(userKey, 'gpt-b')), { status: 401, code: 'user_model_access_denied' });
    const info = await setup.as(userKey).get('/model/info');
    assert.deepEqual(
      (info.body['data'] as Array<{ model_name: string }>).map((entry) => entry.model_name),
      ['gpt-a'],
    );
  });

  it('falls back from a failed call only to models the caller may use', async () => {
    const withFallback = (key: string) =>
      setup.openai(key).chat.completions.create({ model: 'gpt-broken', messages: [{ role: 'user', content: 'hi' }], fallbacks: ['gpt-a'] } as never);
    const narrow = String((await setup.admin.post('/key/generate', { models: ['gpt-broken'] })).body['key']);
    const refused = await refusal(withFallback(narrow));
    // The upstream refused the gateway's own credential: a 502 that says so, never a 401
    // that reads as if the caller's key were wrong, and no fallback to a model the key may not use.
    assert.deepEqual(refused, { status: 502, code: 'upstream_credential_error' });
    const wide = String((await setup.admin.post('/key/generate', { models: ['gpt-broken', 'gpt-a'] })).body['key']);
    const served = await withFallback(wide);
    assert.equal(served.object, 'chat.completion');
    assert.equal(served.model, 'gpt-4o-mini');
  });

  it('lists every model for the master key and for an unrestricted key', async () => {
    const key = String((await setup.admin.post('/key/generate', {})).body['key']);
    const names = (await setup.openai(key).models.list()).data.map((model) => model.id);
    assert.deepEqual(names, ['gpt-a', 'gpt-b', 'gpt-beta', 'gpt-broken', 'embed']);
    const master = (await setup.openai('sk-master-governed').models.list()).data.map((model) => model.id);
    assert.deepEqual(master, names);
  });
});
