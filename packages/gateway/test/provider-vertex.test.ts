// Vertex AI deployments behind the gateway, end to end with the official `openai` client:
// a fake Vertex endpoint and a fake Google token endpoint on port 0, a throwaway service
// account whose key file the config names, Gemini and Claude models side by side.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startFakeGoogleTokenServer,
  startFakeVertexUpstream,
  type FakeGeminiReply,
  type FakeGoogleTokenServer,
  type FakeServer,
  type RecordedRequest,
} from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { FakeFleet } from './helpers/fake-fleet.js';
import { writeServiceAccountFile } from './helpers/service-account-file.js';
import type { TestGateway } from './helpers/start-test-gateway.js';
import { readChatStream } from './helpers/read-chat-stream.js';

const MASTER_KEY = 'sk-master-vertex';
const PROJECT = 'gateway-vertex-project';

function replyFor(request: RecordedRequest): FakeGeminiReply {
  const text = JSON.stringify(request.json);
  if (text.includes('weather?') && !text.includes('temperature')) return { toolCalls: [{ id: 'toolu_vrtx_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] };
  if (text.includes('temperature')) return { content: 'Cold in Oslo.' };
  const claude = request.url.includes('/publishers/anthropic/');
  return { content: claude ? 'Hello from Claude on Vertex' : 'Hello from Gemini on Vertex', usage: { promptTokens: 6, completionTokens: 5 } };
}

describe('gateway with Vertex AI deployments', () => {
  const fleet = new FakeFleet();
  let tokenServer: FakeGoogleTokenServer;
  let vertex: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    tokenServer = fleet.started(await startFakeGoogleTokenServer());
    const account = tokenServer.createServiceAccount({ projectId: PROJECT });
    vertex = fleet.started(await startFakeVertexUpstream({ tokens: tokenServer.issued, project: PROJECT, reply: replyFor }));
    const keyFile = fleet.started(await writeServiceAccountFile(account.keyFile));
    const vertexParams = { api_base: vertex.url, vertex_location: 'us-east5', vertex_credentials: keyFile.path };
    gateway = await fleet.startGateway(
      {
        'vertex-gemini': { model: 'vertex_ai/gemini-2.5-flash', ...vertexParams, vertex_project: PROJECT },
        'vertex-claude': { model: 'vertex_ai/claude-sonnet-4-5@20250929', ...vertexParams },
        'vertex-gemini-env': {
          model: 'vertex_ai/gemini-2.5-flash',
          api_base: vertex.url,
          vertex_project: 'os.environ/LLMUX_E2E_VERTEX_PROJECT',
          vertex_credentials: 'os.environ/LLMUX_E2E_VERTEX_KEY',
        },
      },
      MASTER_KEY,
      { ...process.env, LLMUX_E2E_VERTEX_PROJECT: PROJECT, LLMUX_E2E_VERTEX_KEY: JSON.stringify(account.keyFile) },
    );
    client = fleet.openAIClient(MASTER_KEY);
  });
  after(() => fleet.close());

  it('chats with Gemini and Claude on Vertex, sharing one token', async () => {
    const before = tokenServer.requests.length;
    const gemini = await client.chat.completions.create({ model: 'vertex-gemini', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(gemini.choices[0]?.message.content, 'Hello from Gemini on Vertex');
    assert.equal(vertex.requests.at(-1)?.url, `/v1/projects/${PROJECT}/locations/us-east5/publishers/google/models/gemini-2.5-flash:generateContent`);
    const claude = await client.chat.completions.create({ model: 'vertex-claude', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(claude.choices[0]?.message.content, 'Hello from Claude on Vertex');
    assert.equal(vertex.requests.at(-1)?.url, `/v1/projects/${PROJECT}/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict`);
    assert.equal((vertex.requests.at(-1)?.json as { anthropic_version: string }).anthropic_version, 'vertex-2023-10-16');
    const env = await client.chat.completions.create({ model: 'vertex-gemini-env', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(env.choices[0]?.message.content, 'Hello from Gemini on Vertex');
    assert.equal(tokenServer.requests.length - before, 1);
    assert.equal(vertex.requests.at(-1)?.headers.authorization, `Bearer ${tokenServer.issued[0]}`);
  });

  it('streams both model families', async () => {
    for (const [model, expected] of [
      ['vertex-gemini', 'Hello from Gemini on Vertex'],
      ['vertex-claude', 'Hello from Claude on Vertex'],
    ] as const) {
      const stream = await client.chat.completions.create({
        model,
        max_tokens: 64,
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const { text, usage } = await readChatStream(stream);
      assert.equal(text, expected, model);
      assert.equal(usage?.total_tokens, 11, model);
    }
  });

  it('round-trips tools with both model families', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    for (const model of ['vertex-gemini', 'vertex-claude']) {
      const first = await client.chat.completions.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'weather?' }], tools });
      const call = first.choices[0]?.message.tool_calls?.[0];
      assert.ok(call !== undefined && call.type === 'function', model);
      assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Oslo' });
      assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
      const second = await client.chat.completions.create({
        model,
        max_tokens: 64,
        tools,
        messages: [
          { role: 'user', content: 'weather?' },
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'tool', tool_call_id: call.id, content: '{"temperature": -3}' },
        ],
      });
      assert.equal(second.choices[0]?.message.content, 'Cold in Oslo.', model);
    }
  });

  it('reports a parameter Claude cannot honour as 400', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'vertex-claude', max_tokens: 20, n: 2, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.param, 'n');
      return true;
    });
  });

  it('never logs the private key or an access token', async () => {
    await client.chat.completions.create({ model: 'vertex-gemini-env', messages: [{ role: 'user', content: 'hi' }] });
    const logged = gateway.logs.lines.join('\n');
    assert.ok(gateway.logs.lines.length > 0);
    assert.ok(!logged.includes('PRIVATE KEY'));
    for (const token of tokenServer.issued) assert.ok(!logged.includes(token));
  });
});
