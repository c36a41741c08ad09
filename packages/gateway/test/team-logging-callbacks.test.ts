// litellm_settings.default_team_settings: each team's calls reach its own webhook, never the
// other team's; a global sink of a name the team also names does not get them (the team's
// destination replaces it, as LiteLLM's team credentials do), a global sink of another name
// does. An entry naming a callback llmux cannot serve per team stops the start by path
// (loadConfig from a YAML file, the strict check every CLI start runs; the CLI itself runs dist/).

import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { ConfigError, loadConfig } from '../src/config/index.js';
import { startCaptureServer, type CaptureServer } from './helpers/capture-server.js';
import { managementClient } from './helpers/management-client.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-team-logging';

interface Logged {
  metadata: { user_api_key_alias: string | null; user_api_key_team_id: string | null };
}

const payloadsOf = (receiver: CaptureServer): Logged[] => receiver.requests.flatMap((request) => JSON.parse(request.body) as Logged[]);
const aliasesOf = (receiver: CaptureServer): string[] =>
  payloadsOf(receiver)
    .map((payload) => payload.metadata.user_api_key_alias ?? '(none)')
    .sort();

describe('default_team_settings: per-team logging callbacks', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;
  let global: CaptureServer;
  let teamA: CaptureServer;
  let teamB: CaptureServer;
  let closed = false;

  before(async () => {
    upstream = await startFakeOpenAIUpstream();
    [global, teamA, teamB] = await Promise.all([startCaptureServer(), startCaptureServer(), startCaptureServer()]);
    gateway = await startTestGateway({
      model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-x', input_cost_per_token: 1e-6 } }],
      general_settings: { master_key: MASTER_KEY },
      litellm_settings: {
        success_callback: ['webhook'],
        callback_settings: { webhook: { endpoint: `${global.url}/global`, flush_interval: 0.05 } },
        default_team_settings: [
          { team_id: 'team-a', success_callback: ['webhook'], callback_settings: { webhook: { endpoint: `${teamA.url}/a`, headers: { 'x-team': 'a' }, flush_interval: 0.05 } } },
          { team_id: 'team-b', callbacks: ['generic_api'], callback_settings: { generic_api: { endpoint: `${teamB.url}/b`, headers: { 'x-team': 'b' }, flush_interval: 0.05 } } },
        ],
      },
    });
  });
  after(async () => {
    if (!closed) await gateway.close();
    await Promise.all([upstream.close(), global.close(), teamA.close(), teamB.close()]);
  });

  it("each team's webhook receives only its team's calls; global sinks of the same name are replaced", async () => {
    const admin = managementClient(gateway.url, MASTER_KEY);
    const keys: Record<string, string> = {};
    for (const team of ['team-a', 'team-b']) {
      const created = await admin.post('/team/new', { team_id: team, team_alias: team });
      assert.equal(created.status, 200, JSON.stringify(created.body));
    }
    for (const [alias, team] of [
      ['a-key', 'team-a'],
      ['b-key', 'team-b'],
      ['loose-key', undefined],
    ] as const) {
      const generated = await admin.post('/key/generate', { key_alias: alias, ...(team === undefined ? {} : { team_id: team }) });
      assert.equal(generated.status, 200, JSON.stringify(generated.body));
      keys[alias] = String(generated.body['key']);
    }
    const calls: Array<[string, number]> = [
      ['a-key', 2],
      ['b-key', 3],
      ['loose-key', 1],
    ];
    for (const [alias, count] of calls) {
      const client = new OpenAI({ apiKey: keys[alias], baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      for (let index = 0; index < count; index += 1) {
        const reply = await client.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: `call ${alias} ${index}` }] });
        assert.ok(reply.choices.length > 0);
      }
    }
    // Closing flushes every queue, so what each receiver holds is everything it will ever get.
    await gateway.close();
    closed = true;

    assert.deepEqual(aliasesOf(teamA), ['a-key', 'a-key']);
    assert.ok(teamA.requests.every((request) => request.path === '/a' && request.headers['x-team'] === 'a'));
    assert.deepEqual(
      payloadsOf(teamA).map((payload) => payload.metadata.user_api_key_team_id),
      ['team-a', 'team-a'],
    );
    assert.deepEqual(aliasesOf(teamB), ['b-key', 'b-key', 'b-key']);
    assert.ok(teamB.requests.every((request) => request.path === '/b' && request.headers['x-team'] === 'b'));
    // Team A names webhook itself, so the global webhook never sees its calls; team B names
    // generic_api only, so the global webhook also logs B's calls, as LiteLLM adds a team's
    // callbacks to the global ones.
    assert.deepEqual(aliasesOf(global), ['b-key', 'b-key', 'b-key', 'loose-key']);
  });
});

describe('default_team_settings: refused at start', () => {
  let directory: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'llmux-team-logging-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  /** The refusal, as the CLI prints it. */
  const start = async (entry: string): Promise<string> => {
    const file = join(directory, `config-${Math.random().toString(36).slice(2)}.yaml`);
    const yaml = [
      'model_list:',
      '  - model_name: gpt',
      '    litellm_params: { model: openai/gpt-4o-mini, api_key: sk-x }',
      'general_settings: { master_key: sk-master-team-logging-0123456789 }',
      'litellm_settings:',
      '  default_team_settings:',
      '    - team_id: ok-team',
      '      success_callback: [webhook]',
      '      callback_settings: { webhook: { endpoint: "http://127.0.0.1:9/ok" } }',
      entry,
    ].join('\n');
    await writeFile(file, `${yaml}\n`);
    try {
      await loadConfig(file, {});
    } catch (error) {
      assert.ok(error instanceof ConfigError, String(error));
      return error.message;
    }
    assert.fail('the config was accepted');
  };

  it('a callback llmux does not serve per team stops the start naming the path and the name', async () => {
    const stderr = await start('    - team_id: t2\n      success_callback: [webhook, langfuse]\n      langfuse_public_key: pk');
    assert.match(stderr, /litellm_settings\.default_team_settings\[1\]\.success_callback: "langfuse" is not a callback llmux serves per team/);
    assert.match(stderr, /litellm_settings\.default_team_settings\[1\]: Unrecognized key: "langfuse_public_key"/);
  });

  it('a team sink without its own endpoint stops the start rather than using the global one', async () => {
    const stderr = await start('    - team_id: t2\n      failure_callback: [generic_api]');
    assert.match(stderr, /litellm_settings\.default_team_settings\[1\]\.callback_settings\.generic_api\.endpoint: required/);
  });
});
