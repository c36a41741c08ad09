// A Claude Code-shaped session through the gateway: POST /v1/messages?beta=true with a
// virtual key in x-api-key, anthropic-version and anthropic-beta, a stream, many tools,
// cache_control system blocks, thinking, an image and stop sequences, as Claude Code sends
// them, whichever provider serves the model name it asks for.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';
import type { FakeChatReply, RecordedRequest } from '@llmux/fake-upstreams';
import { MODELS, startMessagesGateway, type MessagesGateway } from './helpers/messages-gateway.js';

const BETA = 'claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14';
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const TOOLS = ['Bash', 'Read', 'Edit', 'Write', 'Glob', 'Grep', 'LS', 'TodoWrite', 'WebFetch', 'WebSearch', 'Task', 'NotebookEdit'].map((name) => ({
  name,
  description: `The ${name} tool`,
  input_schema: { type: 'object', properties: { argument: { type: 'string' } }, required: ['argument'] },
}));

function claudeCodeBody(model: string): Record<string, unknown> {
  return {
    model,
    max_tokens: 32_000,
    stream: true,
    system: [
      { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude.", cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Working directory: /work/project', cache_control: { type: 'ephemeral' } },
    ],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } },
          { type: 'text', text: 'list the files', cache_control: { type: 'ephemeral' } },
        ],
      },
    ],
    tools: TOOLS,
    thinking: { type: 'enabled', budget_tokens: 2_048 },
    stop_sequences: ['</done>'],
    metadata: { user_id: 'user_session_0123' },
    temperature: 1,
  };
}

const reply = (_request: RecordedRequest): FakeChatReply => ({
  toolCalls: [{ id: 'toolu_ls', name: 'LS', arguments: '{"argument":"."}' }],
  usage: { promptTokens: 900, completionTokens: 20 },
});

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

async function postStream(world: MessagesGateway, key: string, body: unknown): Promise<{ status: number; events: SseEvent[] }> {
  const response = await fetch(`${world.gateway.url}/v1/messages?beta=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01', 'anthropic-beta': BETA, 'user-agent': 'claude-cli/2.0.0 (external, cli)' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const event = /^event: (.+)$/m.exec(frame)?.[1] ?? '';
      const data = /^data: (.+)$/m.exec(frame)?.[1] ?? '{}';
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
  return { status: response.status, events };
}

describe('Claude Code through the gateway', () => {
  let world: MessagesGateway;
  let key: string;
  before(async () => {
    world = await startMessagesGateway(reply);
    key = String((await world.admin.post('/key/generate', { key_alias: 'claude-code' })).body['key']);
  });
  after(async () => {
    await world.close();
  });

  for (const upstream of ['anthropic', 'bedrock', 'vertex', 'openai'] as const) {
    it(`streams a tool call for a Claude Code request served by ${upstream}`, async () => {
      const { status, events } = await postStream(world, key, claudeCodeBody(MODELS[upstream]));
      assert.equal(status, 200);
      const names = events.map((event) => event.event);
      assert.equal(names[0], 'message_start');
      assert.equal(names.at(-1), 'message_stop');
      const toolStart = events.find((event) => event.event === 'content_block_start' && (event.data['content_block'] as { type?: string }).type === 'tool_use');
      assert.equal((toolStart?.data['content_block'] as { name?: string }).name, 'LS');
      const json = events
        .filter((event) => event.event === 'content_block_delta' && (event.data['delta'] as { type?: string }).type === 'input_json_delta')
        .map((event) => (event.data['delta'] as { partial_json: string }).partial_json)
        .join('');
      assert.deepEqual(JSON.parse(json), { argument: '.' });
      const delta = events.find((event) => event.event === 'message_delta');
      assert.equal((delta?.data['delta'] as { stop_reason?: string }).stop_reason, 'tool_use');

      const sent = world.lastRequest(upstream);
      const body = sent.json as Record<string, unknown>;
      if (upstream === 'openai') {
        // Translated: OpenAI's wire format, every Claude Code field carried or mapped.
        assert.equal((body['tools'] as unknown[]).length, TOOLS.length);
        assert.deepEqual(body['stop'], ['</done>']);
        assert.equal(typeof body['reasoning_effort'], 'string');
        const user = (body['messages'] as Array<{ role: string; content: unknown }>).find((message) => message.role === 'user');
        assert.ok(JSON.stringify(user?.content).includes(`data:image/png;base64,${PIXEL}`));
      } else {
        // Native: the body as Claude Code sent it (the envelope moves model, stream, version).
        const { model: _model, stream: _stream, anthropic_version: _version, anthropic_beta: _beta, ...rest } = body;
        const { model: _sentModel, stream: _sentStream, ...expected } = claudeCodeBody(MODELS[upstream]);
        assert.deepEqual(rest, expected);
        const beta = sent.headers['anthropic-beta'] ?? JSON.stringify(body['anthropic_beta']);
        // Each provider forwards the betas it serves (Bedrock takes its own subset).
        assert.ok(String(beta).includes('interleaved-thinking-2025-05-14'), `anthropic-beta reached ${upstream}: ${String(beta)}`);
      }
    });
  }

  it('bills the session to the virtual key, with call_type anthropic_messages', async () => {
    const rows = await waitForSpendRows(world.admin, key, 4);
    assert.equal(rows.length, 4);
    for (const row of rows) {
      assert.equal(row.metadata?.['call_type'], 'anthropic_messages');
      assert.equal(row.status, 'success');
    }
  });
});
