// The thinkTags quirk on OpenAI-format replies: a leading `<think>` block moved to
// reasoning_content, in a whole reply and in a stream whose tags are cut between chunks
// (and choices kept apart), with what is held back released by the finish chunk.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ChatCompletionChunk } from '../../index.js';
import { convertOpenAIResponse } from './convert-openai-response.js';
import { convertOpenAIStream, type OpenAIStreamOptions } from './openai-stream.js';

const options: OpenAIStreamOptions = {
  provider: 'test',
  model: 'm',
  secrets: [],
  created: 1_700_000_000,
  signal: undefined,
  reasoningField: undefined,
  toolCallIds: undefined,
  thinkTags: true,
};

function event(index: number, delta: Record<string, unknown>, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'r1', choices: [{ index, delta, finish_reason: finish }] })}\n\n`;
}

async function joined(parts: string[], choice: number, streamOptions = options): Promise<{ content: string; reasoning: string }> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of convertOpenAIStream(
    (async function* () {
      yield* parts;
    })(),
    streamOptions,
  ))
    chunks.push(chunk);
  const of = (chunk: ChatCompletionChunk) => chunk.choices.find((item) => item.index === choice)?.delta;
  return { content: chunks.map((chunk) => of(chunk)?.content ?? '').join(''), reasoning: chunks.map((chunk) => of(chunk)?.reasoning_content ?? '').join('') };
}

describe('thinkTags quirk', () => {
  it('moves the block out of a whole reply, and leaves a reply without one alone', () => {
    const convert = (content: string, thinkTags: boolean) =>
      convertOpenAIResponse({ choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }, { ...options, thinkTags }).choices[0]?.message;
    assert.deepEqual(convert('<think>Two and two.</think>\n\nFour.', true), { role: 'assistant', refusal: null, content: '\n\nFour.', reasoning_content: 'Two and two.' });
    assert.deepEqual(convert('Four, <think>really</think>.', true), { role: 'assistant', refusal: null, content: 'Four, <think>really</think>.' });
    assert.deepEqual(convert('<think>Two and two.</think>Four.', false), { role: 'assistant', refusal: null, content: '<think>Two and two.</think>Four.' });
  });

  it('splits a stream whose tags are cut between chunks, per choice, releasing a held tail with the finish', async () => {
    const parts = [
      event(0, { role: 'assistant', content: '' }),
      event(0, { content: '<th' }),
      event(1, { content: ' <' }),
      event(0, { content: 'ink>Add them' }),
      event(0, { content: ' up.</thi' }),
      event(1, { content: 'thi' }),
      event(0, { content: 'nk>Four' }),
      event(0, { content: '.' }, 'stop'),
      event(1, {}, 'stop'),
      'data: [DONE]\n\n',
    ];
    assert.deepEqual(await joined(parts, 0), { content: 'Four.', reasoning: 'Add them up.' });
    // Choice 1 only ever looked like the start of a tag: held back, then released as content by its finish.
    assert.deepEqual(await joined(parts, 1), { content: ' <thi', reasoning: '' });
    assert.deepEqual(await joined(parts, 0, { ...options, thinkTags: false }), { content: '<think>Add them up.</think>Four.', reasoning: '' });
  });
});
