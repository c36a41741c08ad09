// Proves the fake's InvokeModel families with the official @aws-sdk/client-bedrock-runtime:
// InvokeModelCommand gets each family's JSON reply and token-count headers, and
// InvokeModelWithResponseStreamCommand decodes the event stream (every CRC checked) into
// chunks whose base64 bytes are the family's own stream events, the last with Bedrock's
// invocation metrics; a key the family does not take is a ValidationException.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { InvokeModelCommand, InvokeModelWithResponseStreamCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { startFakeBedrockUpstream } from './fake-bedrock-upstream.js';
import { useFakeBedrockRuntime } from './__fixtures__/use-fake-bedrock-runtime.js';

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'AKIAFAKEFAMILIES0002', secretAccessKey: 'fake/secret/families/0000000000000000000' };

describe('fake Bedrock InvokeModel families, driven by @aws-sdk/client-bedrock-runtime', () => {
  const suite = useFakeBedrockRuntime({ region: REGION, credentials: CREDENTIALS }, () =>
    startFakeBedrockUpstream({ ...CREDENTIALS, region: REGION, reply: () => ({ content: 'Hello from the fake' }) }),
  );

  const invoke = async (modelId: string, body: unknown): Promise<unknown> => {
    const output = await suite.client.send(new InvokeModelCommand({ modelId, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(body) }));
    return JSON.parse(new TextDecoder().decode(output.body));
  };
  const invokeStream = async (modelId: string, body: unknown): Promise<Array<Record<string, unknown>>> => {
    const output = await suite.client.send(
      new InvokeModelWithResponseStreamCommand({ modelId, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(body) }),
    );
    const events: Array<Record<string, unknown>> = [];
    for await (const event of output.body ?? []) {
      if (event.chunk?.bytes !== undefined) events.push(JSON.parse(new TextDecoder().decode(event.chunk.bytes)) as Record<string, unknown>);
    }
    return events;
  };

  it('Llama: generation with token counts, streamed with the stop reason and metrics last', async () => {
    const prompt = '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n';
    assert.deepEqual(await invoke('meta.llama3-70b-instruct-v1:0', { prompt, max_gen_len: 20 }), {
      generation: 'Hello from the fake',
      prompt_token_count: 2,
      generation_token_count: 4,
      stop_reason: 'stop',
    });
    const events = await invokeStream('meta.llama3-70b-instruct-v1:0', { prompt });
    assert.equal(events.map((event) => event['generation']).join(''), 'Hello from the fake');
    assert.equal(events.at(-1)?.['stop_reason'], 'stop');
    assert.deepEqual(events.at(-1)?.['amazon-bedrock-invocationMetrics'], { inputTokenCount: 2, outputTokenCount: 4, invocationLatency: 321, firstByteLatency: 123 });
  });

  it('Mistral, Titan and Command R: their reply shapes and stream events', async () => {
    assert.deepEqual(await invoke('mistral.mistral-large-2402-v1:0', { prompt: '<s>[INST] Hi [/INST]', max_tokens: 20 }), {
      outputs: [{ text: 'Hello from the fake', stop_reason: 'stop' }],
    });
    const titan = (await invoke('amazon.titan-text-express-v1', { inputText: 'User: Hi\nBot:', textGenerationConfig: { maxTokenCount: 20 } })) as { results: unknown[] };
    assert.deepEqual(titan, { inputTextTokenCount: 3, results: [{ tokenCount: 4, outputText: 'Hello from the fake', completionReason: 'FINISH' }] });
    const titanEvents = await invokeStream('amazon.titan-text-express-v1', { inputText: 'User: Hi\nBot:' });
    assert.equal(titanEvents.map((event) => event['outputText']).join(''), 'Hello from the fake');
    assert.equal(titanEvents.at(-1)?.['completionReason'], 'FINISH');
    const cohereEvents = await invokeStream('cohere.command-r-v1:0', { message: 'Hi', chat_history: [] });
    assert.deepEqual(
      cohereEvents.map((event) => event['event_type']),
      ['text-generation', 'text-generation', 'text-generation', 'text-generation', 'stream-end'],
    );
  });

  it('Nova: Converse shapes in the reply, one Converse event per stream chunk', async () => {
    const reply = (await invoke('amazon.nova-lite-v1:0', { schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: 'Hi' }] }] })) as Record<string, unknown>;
    assert.deepEqual(reply['output'], { message: { content: [{ text: 'Hello from the fake' }], role: 'assistant' } });
    assert.equal(reply['stopReason'], 'end_turn');
    const events = await invokeStream('amazon.nova-lite-v1:0', { messages: [{ role: 'user', content: [{ text: 'Hi' }] }] });
    assert.deepEqual(Object.keys(events[0] ?? {}), ['messageStart']);
    assert.ok(events.some((event) => 'messageStop' in event));
    assert.ok('metadata' in (events.at(-1) ?? {}));
  });

  it('gpt-oss: a chat.completion and chat.completion.chunk events', async () => {
    const reply = (await invoke('openai.gpt-oss-20b-1:0', { messages: [{ role: 'user', content: 'Hi' }] })) as Record<string, unknown>;
    assert.equal(reply['object'], 'chat.completion');
    const events = await invokeStream('openai.gpt-oss-20b-1:0', { messages: [{ role: 'user', content: 'Hi' }] });
    assert.ok(events.every((event) => event['object'] === 'chat.completion.chunk'));
  });

  it('refuses a key the family does not take as a ValidationException', async () => {
    await assert.rejects(
      invoke('meta.llama3-70b-instruct-v1:0', { prompt: 'x', max_tokens: 5 }),
      (error: unknown) => error instanceof ValidationException && /extraneous key \[max_tokens\]/.test(error.message),
    );
    await assert.rejects(invoke('mistral.mistral-large-2402-v1:0', { messages: [] }), ValidationException);
  });
});
