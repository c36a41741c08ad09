// Which guardrails run, and the guardrail routes: a key's and a team's guardrails (set by
// /key/generate, /key/update, /team/new), turning a default one off per request and a team
// that forbids it (403), disable_global_guardrails, /guardrails/list and
// /guardrails/apply_guardrail in LiteLLM's shapes, and the generic guardrail API over its
// wire protocol: a rewrite reaches the upstream, a block makes no call, a timeout and a 5xx
// fail closed unless fail_open.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { GENERIC_GUARDRAIL_PATH } from '@llmux/fake-upstreams';
import { startGuardrailsWorld, type GuardrailsWorld } from './helpers/guardrails-gateway.js';
import { prebuilt } from './helpers/prebuilt-pattern.js';

const GUARDRAILS = (service: string) => [
  {
    guardrail_name: 'pii',
    litellm_params: { guardrail: 'litellm_content_filter', mode: 'pre_call', default_on: true, patterns: [prebuilt('email', 'MASK')] },
    guardrail_info: { description: 'masks emails' },
  },
  {
    guardrail_name: 'ips',
    litellm_params: {
      guardrail: 'litellm_content_filter',
      mode: ['pre_call'],
      patterns: [prebuilt('ipv4', 'MASK'), prebuilt('ipv6', 'MASK')],
    },
  },
  {
    guardrail_name: 'webhook',
    litellm_params: {
      guardrail: 'generic_guardrail_api',
      mode: 'pre_call',
      api_base: service,
      api_key: 'sk-guard-secret',
      timeout: 0.3,
      additional_provider_specific_params: { threshold: 0.8 },
    },
  },
  {
    guardrail_name: 'tagged',
    litellm_params: {
      guardrail: 'litellm_content_filter',
      mode: { tags: { 'User-Agent: claude-cli': 'logging_only' }, default: 'pre_call' },
      patterns: [prebuilt('us_ssn', 'MASK')],
    },
  },
  { guardrail_name: 'webhook-open', litellm_params: { guardrail: 'generic_guardrail_api', mode: 'pre_call', api_base: service, timeout: 0.3, fail_open: true } },
];

const userText = (body: Record<string, unknown> | undefined): unknown => (body?.['messages'] as { content: unknown }[] | undefined)?.at(-1)?.content;

describe('guardrail selection, routes and the generic guardrail API', () => {
  let world: GuardrailsWorld;
  let client: OpenAI;

  before(async () => {
    world = await startGuardrailsWorld(GUARDRAILS);
    client = world.client();
  });
  after(() => world.close());

  const ask = (chat: OpenAI, content: string, extra: Record<string, unknown> = {}) =>
    chat.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content }], ...extra });

  it("runs a key's guardrails (top-level `guardrails` on /key/generate and /key/update)", async () => {
    const created = await world.admin.post('/key/generate', { guardrails: ['ips'] });
    const key = String(created.body['key']);
    await ask(world.client(key), 'host 10.0.0.1 and fe80::1');
    assert.equal(userText(world.chatBodies().at(-1)), 'host [IPV4_REDACTED] and [IPV6_REDACTED]');
    await world.admin.post('/key/update', { key, guardrails: [] });
    await ask(world.client(key), 'host 10.0.0.1');
    assert.equal(userText(world.chatBodies().at(-1)), 'host 10.0.0.1');
  });

  it("runs a team's guardrails (/team/new) for the team's keys", async () => {
    const team = await world.admin.post('/team/new', { team_alias: 'net', guardrails: ['ips'] });
    const key = String((await world.admin.post('/key/generate', { team_id: team.body['team_id'] })).body['key']);
    const { response } = await ask(world.client(key), 'ping 192.168.1.20').withResponse();
    assert.equal(userText(world.chatBodies().at(-1)), 'ping [IPV4_REDACTED]');
    assert.equal(response.headers.get('x-litellm-applied-guardrails'), 'pii,ips');
  });

  it("/team/update sets a team's guardrails; a key's opted_out_global_guardrails drops one default", async () => {
    const team = await world.admin.post('/team/new', { team_alias: 'later' });
    const key = String((await world.admin.post('/key/generate', { team_id: team.body['team_id'] })).body['key']);
    await world.admin.post('/team/update', { team_id: team.body['team_id'], guardrails: ['ips'] });
    await ask(world.client(key), 'ping 10.1.2.3');
    assert.equal(userText(world.chatBodies().at(-1)), 'ping [IPV4_REDACTED]');
    const optedOut = String((await world.admin.post('/key/generate', { metadata: { opted_out_global_guardrails: ['pii'] } })).body['key']);
    await ask(world.client(optedOut), 'e@f.io');
    assert.equal(userText(world.chatBodies().at(-1)), 'e@f.io');
  });

  it('a request may turn a default guardrail off, unless its team forbids it (403); disable_global_guardrails drops it', async () => {
    await ask(client, 'a@b.io', { guardrails: { pii: false } });
    assert.equal(userText(world.chatBodies().at(-1)), 'a@b.io');
    const locked = await world.admin.post('/team/new', { team_alias: 'locked', metadata: { guardrails: { modify_guardrails: false } } });
    const lockedKey = String((await world.admin.post('/key/generate', { team_id: locked.body['team_id'] })).body['key']);
    const calls = world.chatBodies().length;
    const error = await ask(world.client(lockedKey), 'a@b.io', { guardrails: { pii: false } }).catch((caught: unknown) => caught);
    assert.ok(error instanceof OpenAI.PermissionDeniedError);
    assert.match(error.message, /permission to modify guardrails/);
    assert.equal(world.chatBodies().length, calls);
    const free = String((await world.admin.post('/key/generate', { disable_global_guardrails: true })).body['key']);
    const { response } = await ask(world.client(free), 'c@d.io').withResponse();
    assert.equal(userText(world.chatBodies().at(-1)), 'c@d.io');
    assert.equal(response.headers.get('x-litellm-applied-guardrails'), null);
  });

  it("mode's tags pick the modes by a request header (LiteLLM's tag form)", async () => {
    await ask(client, 'id 123-45-6789', { guardrails: ['tagged'] });
    assert.equal(userText(world.chatBodies().at(-1)), 'id [US_SSN_REDACTED]', 'the default mode, pre_call');
    const cli = new OpenAI({
      apiKey: 'sk-master-guardrails',
      baseURL: `${world.gateway.url}/v1`,
      maxRetries: 0,
      defaultHeaders: { 'user-agent': 'claude-cli/2.0.1 (external, cli)' },
    });
    await ask(cli, 'id 123-45-6789', { guardrails: ['tagged'] });
    assert.equal(userText(world.chatBodies().at(-1)), 'id 123-45-6789', 'logging_only for this client: the upstream gets the text');
  });

  it('GET /guardrails/list shows names, modes, default_on and guardrail_info, never api_key', async () => {
    const listed = await world.admin.get('/guardrails/list');
    const guardrails = (listed.body as { guardrails: { guardrail_name: string; litellm_params: Record<string, unknown>; guardrail_info: unknown }[] }).guardrails;
    assert.deepEqual(
      guardrails.map((one) => one.guardrail_name),
      ['pii', 'ips', 'webhook', 'tagged', 'webhook-open'],
    );
    assert.deepEqual(guardrails[0]?.litellm_params['mode'], 'pre_call');
    assert.equal(guardrails[0]?.litellm_params['default_on'], true);
    assert.deepEqual(guardrails[0]?.guardrail_info, { description: 'masks emails' });
    assert.doesNotMatch(JSON.stringify(listed.body), /sk-guard-secret/);
  });

  it('POST /guardrails/apply_guardrail answers response_text, masked; a block is a 400; an unknown name a 404', async () => {
    const masked = await world.admin.post('/guardrails/apply_guardrail', { guardrail_name: 'pii', text: 'write to x@y.io' });
    assert.equal(masked.status, 200);
    assert.deepEqual(masked.body, { response_text: 'write to [EMAIL_REDACTED]' });
    const blocked = await world.admin.post('/guardrails/apply_guardrail', { guardrail_name: 'webhook', text: 'a forbidden thing' });
    assert.equal(blocked.status, 400);
    assert.match(JSON.stringify(blocked.body), /guardrail 'webhook'.*contains \\"forbidden\\"/);
    const unknown = await world.admin.post('/guardrails/apply_guardrail', { guardrail_name: 'nope', text: 'x' });
    assert.equal(unknown.status, 404);
  });

  it("generic_guardrail_api: the service gets LiteLLM's request; its rewrite reaches the upstream, its block stops the call", async () => {
    const key = String((await world.admin.post('/key/generate', { key_alias: 'hooked' })).body['key']);
    await ask(world.client(key), 'Acme Corp question', { guardrails: ['webhook'] });
    assert.equal(userText(world.chatBodies().at(-1)), '[COMPANY] Corp question');
    const sent = world.service.requests.at(-1);
    assert.equal(sent?.url, GENERIC_GUARDRAIL_PATH);
    assert.equal(sent?.headers['authorization'], 'Bearer sk-guard-secret');
    const json = sent?.json as Record<string, unknown>;
    assert.deepEqual(json['texts'], ['Acme Corp question']);
    assert.equal(json['input_type'], 'request');
    assert.deepEqual(json['additional_provider_specific_params'], { threshold: 0.8 });
    assert.equal((json['request_data'] as Record<string, unknown>)['user_api_key_alias'], 'hooked');
    const calls = world.chatBodies().length;
    await assert.rejects(
      ask(client, 'something forbidden', { guardrails: ['webhook'] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /contains "forbidden"/.test(error.message),
    );
    assert.equal(world.chatBodies().length, calls);
  });

  it('a guardrail that times out or answers 5xx fails closed (503, no upstream call); fail_open lets the call through', async () => {
    const calls = world.chatBodies().length;
    world.service.delayMs = 1000;
    const slow = await ask(client, 'hello', { guardrails: ['webhook'] }).catch((caught: unknown) => caught);
    assert.ok(slow instanceof OpenAI.APIError && slow.status === 503, String(slow));
    assert.match(slow.message, /guardrail 'webhook'.*timed out/i);
    assert.equal(world.chatBodies().length, calls);
    const open = await ask(client, 'hello', { guardrails: ['webhook-open'] }).withResponse();
    assert.equal(open.data.choices[0]?.message.content, 'Hello!');
    assert.equal(world.chatBodies().length, calls + 1);
    world.service.delayMs = 0;
    world.service.failStatus = 500;
    const failed = await ask(client, 'hello', { guardrails: ['webhook'] }).catch((caught: unknown) => caught);
    assert.ok(failed instanceof OpenAI.APIError && failed.status === 503);
    assert.match(failed.message, /answered 500/);
    world.service.failStatus = undefined;
  });
});
