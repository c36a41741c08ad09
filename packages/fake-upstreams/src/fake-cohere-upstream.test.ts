// Proves the fake Cohere upstream is faithful: its stream is framed byte for byte as in
// Cohere's API definition, and the official cohere-ai client (CohereClientV2) talks to it
// unchanged for chat, chatStream, embed, rerank and errors.

import { strict as assert } from 'node:assert';
import { request as httpRequest } from 'node:http';
import { describe, it } from 'node:test';
import { CohereClientV2, CohereError } from 'cohere-ai';
import type { FakeChatReply } from './fake-chat-reply.js';
import { COHERE_STREAM_ERROR, startFakeCohereUpstream } from './fake-cohere-upstream.js';
import type { RecordedRequest } from './start-fake-server.js';
import { useFakeAndClient } from './__fixtures__/use-fake-and-client.js';

const API_KEY = 'co-fake-test-key-0123';
const MODEL = 'command-a-03-2025';

const REPLIES: Record<string, FakeChatReply> = {
  llms: { content: 'LLMs stand for', usage: { promptTokens: 5, completionTokens: 26 } },
  weather: {
    reasoning: 'I will use the weather tool.',
    toolCalls: [{ id: 'weather_e8p4pn45zt0t', name: 'weather', arguments: '{"location":"San Francisco"}' }],
  },
  crash: { content: 'one two three four', failAfterChunks: 2 },
  limited: { error: { status: 429, body: { message: 'You are using a Trial key, which is limited to 10 API calls / minute.' } } },
};

function lastText(request: RecordedRequest): string {
  const body = request.json as { messages?: Array<{ content: unknown }> };
  const content = body.messages?.at(-1)?.content;
  return typeof content === 'string' ? content : '';
}

function rawPost(url: string, body: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' } }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (text += chunk));
      incoming.on('end', () => resolve(text));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(body));
  });
}

describe('fake Cohere upstream', () => {
  const suite = useFakeAndClient(
    () => startFakeCohereUpstream({ apiKey: API_KEY, reply: (request) => REPLIES[lastText(request)] ?? { content: `Hello from ${MODEL}` } }),
    (fake) => new CohereClientV2({ token: API_KEY, environment: fake.url, maxRetries: 0 }),
  );

  it('frames its stream exactly as the API definition does', async () => {
    const text = await rawPost(`${suite.fake.url}/v2/chat`, { model: MODEL, messages: [{ role: 'user', content: 'llms' }], stream: true });
    const id = /"id":"([0-9a-f-]{36})"/.exec(text)?.[1];
    assert.ok(id !== undefined);
    assert.equal(
      text,
      `event: message-start\ndata: {"type":"message-start","id":"${id}","delta":{"message":{"role":"assistant"}}}\n\n` +
        'event: content-start\ndata: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}\n\n' +
        'event: content-delta\ndata: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"LLMs "}}}}\n\n' +
        'event: content-delta\ndata: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"stand "}}}}\n\n' +
        'event: content-delta\ndata: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"for"}}}}\n\n' +
        'event: content-end\ndata: {"type":"content-end","index":0}\n\n' +
        'event: message-end\ndata: {"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":5,"output_tokens":26},"tokens":{"input_tokens":69,"output_tokens":26}}}}\n\n',
    );
  });

  it('answers client.chat with text content, a finish reason and usage', async () => {
    const response = await suite.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(typeof response.id, 'string');
    assert.deepEqual(response.message.content, [{ type: 'text', text: `Hello from ${MODEL}` }]);
    assert.equal(response.finishReason, 'COMPLETE');
    assert.deepEqual(response.usage?.billedUnits, { inputTokens: 10, outputTokens: 5 });
    const recorded = suite.fake.requests.at(-1);
    assert.equal(recorded?.url, '/v2/chat');
    assert.equal(recorded?.headers.authorization, `Bearer ${API_KEY}`);
  });

  it('answers with a tool plan and tool calls', async () => {
    const response = await suite.client.chat({
      model: MODEL,
      messages: [{ role: 'user', content: 'weather' }],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }],
    });
    assert.equal(response.finishReason, 'TOOL_CALL');
    assert.equal(response.message.toolPlan, 'I will use the weather tool.');
    assert.deepEqual(response.message.toolCalls, [{ id: 'weather_e8p4pn45zt0t', type: 'function', function: { name: 'weather', arguments: '{"location":"San Francisco"}' } }]);
  });

  it('streams events that client.chatStream parses', async () => {
    const stream = await suite.client.chatStream({ model: MODEL, messages: [{ role: 'user', content: 'weather' }] });
    const types: string[] = [];
    let plan = '';
    let args = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'tool-plan-delta') plan += event.delta?.message?.toolPlan ?? '';
      if (event.type === 'tool-call-delta') args += event.delta?.message?.toolCalls?.function?.arguments ?? '';
      if (event.type === 'message-end') assert.equal(event.delta?.finishReason, 'TOOL_CALL');
    }
    assert.equal(plan, 'I will use the weather tool.');
    assert.equal(args, '{"location":"San Francisco"}');
    assert.equal(types[0], 'message-start');
    assert.equal(types.at(-1), 'message-end');
    assert.ok(types.includes('tool-call-start') && types.includes('tool-call-end'));
  });

  it('ends a failing stream with an ERROR message-end', async () => {
    const stream = await suite.client.chatStream({ model: MODEL, messages: [{ role: 'user', content: 'crash' }] });
    let text = '';
    let end: { error?: string; finishReason?: string } | undefined;
    for await (const event of stream) {
      if (event.type === 'content-delta') text += event.delta?.message?.content?.text ?? '';
      if (event.type === 'message-end') end = event.delta;
    }
    assert.equal(text, 'one two ');
    assert.deepEqual(end, { error: COHERE_STREAM_ERROR, finishReason: 'ERROR' });
  });

  it('embeds texts as float vectors', async () => {
    const response = await suite.client.embed({ model: 'embed-v4.0', texts: ['hello world', 'bye'], inputType: 'search_document', embeddingTypes: ['float'] });
    assert.equal(response.embeddings.float?.length, 2);
    assert.equal(response.embeddings.float?.[0]?.length, 8);
    assert.equal(response.meta?.billedUnits?.inputTokens, 3);
    assert.deepEqual(suite.fake.requests.at(-1)?.json, { model: 'embed-v4.0', texts: ['hello world', 'bye'], input_type: 'search_document', embedding_types: ['float'] });
  });

  it('reranks documents, most relevant first', async () => {
    const response = await suite.client.rerank({
      model: 'rerank-v3.5',
      query: 'capital of France',
      documents: ['Berlin is in Germany', 'Paris is the capital of France', 'France exports wine'],
      topN: 2,
    });
    assert.deepEqual(
      response.results.map((result) => result.index),
      [1, 2],
    );
    assert.ok((response.results[0]?.relevanceScore ?? 0) > (response.results[1]?.relevanceScore ?? 1));
    assert.equal(response.meta?.billedUnits?.searchUnits, 1);
  });

  it('answers errors with {"message"} and the status the client maps', async () => {
    await assert.rejects(suite.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'limited' }] }), (error: unknown) => {
      return error instanceof CohereError && error.statusCode === 429 && (error.body as { message: string }).message.startsWith('You are using a Trial key');
    });
    const stranger = new CohereClientV2({ token: 'wrong-key', environment: suite.fake.url, maxRetries: 0 });
    await assert.rejects(stranger.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      return error instanceof CohereError && error.statusCode === 401 && (error.body as { message: string }).message === 'invalid api token';
    });
  });
});
