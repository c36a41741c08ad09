// Gemini (AI Studio) deployments behind the gateway, end to end with the official `openai`
// client: a fake Gemini API on port 0, the key from an os.environ/ reference, as a LiteLLM
// config would name it.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { googleErrorBody, retryInfo, startFakeGeminiUpstream, type FakeGeminiReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { FakeFleet } from './helpers/fake-fleet.js';
import { readChatStream } from './helpers/read-chat-stream.js';

const MASTER_KEY = 'sk-master-gemini';
const GEMINI_KEY = 'AIzaSyGatewayGeminiKey-4242';

/** The fake's answer, chosen by the last user text. */
function replyFor(request: RecordedRequest): FakeGeminiReply {
  const contents = (request.json as { contents: Array<{ role: string; parts: Array<{ text?: string; functionResponse?: unknown }> }> }).contents;
  const last = contents.at(-1);
  if (last?.parts.some((part) => part.functionResponse !== undefined)) return { content: 'It is 21 degrees in Paris.' };
  const text = last?.parts.map((part) => part.text ?? '').join('') ?? '';
  if (text === 'weather?') return { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] };
  if (text === 'slow down') return { error: { status: 429, body: googleErrorBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.', [retryInfo(12)]) } };
  return { content: 'Hello from Gemini via the gateway', usage: { promptTokens: 11, completionTokens: 7 } };
}

describe('gateway with Gemini deployments', () => {
  const fleet = new FakeFleet();
  let gemini: FakeServer;
  let client: OpenAI;

  before(async () => {
    gemini = fleet.started(await startFakeGeminiUpstream({ apiKey: GEMINI_KEY, reply: replyFor }));
    await fleet.startGateway(
      {
        'gemini-test': { model: 'gemini/gemini-2.5-flash', api_base: gemini.url, api_key: 'os.environ/LLMUX_E2E_GEMINI_KEY' },
        'gemini-embed': { model: 'gemini/gemini-embedding-001', api_base: gemini.url, api_key: 'os.environ/LLMUX_E2E_GEMINI_KEY' },
      },
      MASTER_KEY,
      { ...process.env, LLMUX_E2E_GEMINI_KEY: GEMINI_KEY },
    );
    client = fleet.openAIClient(MASTER_KEY);
  });
  after(() => fleet.close());

  it('chats, sending the key as x-goog-api-key', async () => {
    const data = await client.chat.completions.create({
      model: 'gemini-test',
      messages: [
        { role: 'system', content: 'Be nice.' },
        { role: 'user', content: 'hi' },
      ],
    });
    assert.equal(data.choices[0]?.message.content, 'Hello from Gemini via the gateway');
    assert.equal(data.choices[0]?.finish_reason, 'stop');
    assert.equal(data.usage?.total_tokens, 18);
    const recorded = gemini.requests.at(-1);
    assert.equal(recorded?.url, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.equal(recorded?.headers['x-goog-api-key'], GEMINI_KEY);
    assert.deepEqual((recorded?.json as { systemInstruction: unknown }).systemInstruction, { parts: [{ text: 'Be nice.' }] });
  });

  it('streams, with usage when include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model: 'gemini-test',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const { text, usage, finish, chunks } = await readChatStream(stream);
    assert.ok(chunks > 2);
    assert.equal(text, 'Hello from Gemini via the gateway');
    assert.equal(finish, 'stop');
    assert.equal(usage?.total_tokens, 18);
    assert.equal(gemini.requests.at(-1)?.url, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  });

  it('round-trips tools', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } },
      },
    ];
    const first = await client.chat.completions.create({ model: 'gemini-test', messages: [{ role: 'user', content: 'weather?' }], tools, tool_choice: 'required' });
    const call = first.choices[0]?.message.tool_calls?.[0];
    assert.ok(call !== undefined && call.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    assert.deepEqual((gemini.requests.at(-1)?.json as { toolConfig: unknown }).toolConfig, { functionCallingConfig: { mode: 'ANY' } });

    const second = await client.chat.completions.create({
      model: 'gemini-test',
      tools,
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"temperature": 21}' },
      ],
    });
    assert.equal(second.choices[0]?.message.content, 'It is 21 degrees in Paris.');
    const sent = gemini.requests.at(-1)?.json as { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> };
    assert.deepEqual(sent.contents[2], { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { content: '{"temperature": 21}' } } }] });
    assert.equal(typeof sent.contents[1]?.parts[0]?.['thoughtSignature'], 'string');
  });

  it('maps RESOURCE_EXHAUSTED to 429', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'gemini-test', messages: [{ role: 'user', content: 'slow down' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.status, 429);
      return true;
    });
  });

  it('embeds', async () => {
    const data = await client.embeddings.create({ model: 'gemini-embed', input: ['hello', 'world'] });
    assert.equal(data.data.length, 2);
    assert.equal(data.data[0]?.embedding.length, 8);
  });
});
