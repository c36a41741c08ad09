// Proves the fakes play Claude's prompt cache and check documents as the real APIs do,
// driven by the official clients: @anthropic-ai/sdk against the fake Anthropic API and
// @aws-sdk/client-bedrock-runtime against the fake Converse. A marked prefix is written on
// the first call and read on the next; a short prefix is not cached; a malformed document
// or a sixth breakpoint is refused with the API's own error.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { startFakeAnthropicUpstream } from './fake-anthropic-upstream.js';
import { startFakeBedrockUpstream } from './fake-bedrock-upstream.js';
import { useFakeAndClient } from './__fixtures__/use-fake-and-client.js';
import { useFakeBedrockRuntime } from './__fixtures__/use-fake-bedrock-runtime.js';

const LONG = 'word '.repeat(1500).trim();
const PDF = Buffer.from('%PDF-1.4\n%fake\n').toString('base64');
const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'AKIAFAKECACHE0000001', secretAccessKey: 'fake/secret/key/for+cache/tests00000000' };

describe('fake Anthropic prompt cache and documents, driven by @anthropic-ai/sdk', () => {
  const suite = useFakeAndClient(
    () => startFakeAnthropicUpstream(),
    (fake) => new Anthropic({ apiKey: 'sk-ant', baseURL: fake.url, maxRetries: 0 }),
  );

  const ask = (system: string, question: string) =>
    suite.client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: question }],
    });

  it('writes a marked prefix on the first call and reads it on the next', async () => {
    const first = await ask(LONG, 'one');
    assert.deepEqual([first.usage.cache_creation_input_tokens, first.usage.cache_read_input_tokens, first.usage.input_tokens], [1500, 0, 1]);
    const second = await ask(LONG, 'two');
    assert.deepEqual([second.usage.cache_creation_input_tokens, second.usage.cache_read_input_tokens, second.usage.input_tokens], [0, 1500, 1]);
  });

  it('caches nothing below the minimum cacheable length', async () => {
    const reply = await ask('short rules', 'q');
    assert.deepEqual([reply.usage.cache_creation_input_tokens, reply.usage.cache_read_input_tokens], [0, 0]);
  });

  it('reads a PDF document and refuses one that is not a PDF, or five breakpoints', async () => {
    const document = (data: string) => ({ type: 'document' as const, source: { type: 'base64' as const, media_type: 'application/pdf' as const, data } });
    const ok = await suite.client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 8,
      messages: [{ role: 'user', content: [document(PDF), { type: 'text', text: 'sum' }] }],
    });
    assert.equal(ok.type, 'message');
    await assert.rejects(
      suite.client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 8, messages: [{ role: 'user', content: [document(Buffer.from('hello').toString('base64'))] }] }),
      (error: unknown) => error instanceof Anthropic.BadRequestError && /The PDF specified was not valid/.test(error.message),
    );
    const marked = Array.from({ length: 5 }, (_, index) => ({ type: 'text' as const, text: `t${index}`, cache_control: { type: 'ephemeral' as const } }));
    await assert.rejects(
      suite.client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 8, messages: [{ role: 'user', content: marked }] }),
      (error: unknown) => error instanceof Anthropic.BadRequestError && /A maximum of 4 blocks with cache_control may be provided. Found 5/.test(error.message),
    );
  });
});

describe('fake Converse prompt cache and documents, driven by @aws-sdk/client-bedrock-runtime', () => {
  const model = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
  const suite = useFakeBedrockRuntime({ region: REGION, credentials: CREDENTIALS }, () => startFakeBedrockUpstream({ ...CREDENTIALS, region: REGION }));

  it('writes the prefix before a cachePoint, then reads it', async () => {
    const converse = (question: string) =>
      suite.client.send(
        new ConverseCommand({ modelId: model, system: [{ text: LONG }, { cachePoint: { type: 'default' } }], messages: [{ role: 'user', content: [{ text: question }] }] }),
      );
    const first = await converse('one');
    assert.deepEqual([first.usage?.cacheWriteInputTokens, first.usage?.cacheReadInputTokens, first.usage?.inputTokens], [1500, 0, 1]);
    const second = await converse('two');
    assert.deepEqual([second.usage?.cacheWriteInputTokens, second.usage?.cacheReadInputTokens], [0, 1500]);
  });

  it('reads a named PDF document and refuses a name Converse does not allow', async () => {
    const send = (name: string) =>
      suite.client.send(
        new ConverseCommand({
          modelId: model,
          messages: [{ role: 'user', content: [{ document: { format: 'pdf', name, source: { bytes: Buffer.from(PDF, 'base64') } } }, { text: 'sum' }] }],
        }),
      );
    assert.equal((await send('Q3 report (v2)')).stopReason, 'end_turn');
    await assert.rejects(send('report.pdf'), (error: unknown) => error instanceof Error && error.name === 'ValidationException' && /document file name/.test(error.message));
  });
});
