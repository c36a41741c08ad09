// Vertex batch prediction output → OpenAI output lines, for the shapes the gateway test's
// fake does not write: a prediction whose request lost its label, a line that is not JSON, a
// blocked prompt, and an error status; each line keeps its custom_id or is named by its place.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { convertVertexBatchOutput } from './vertex-batch-output.js';
import { convertToVertexBatchRecords } from './vertex-batch-records.js';
import { GEMINI_SUPPORTED_PARAMS } from '../gemini/gemini-chat.js';

interface Line {
  custom_id: string;
  response: { status_code: number; body: { choices: Array<{ message: { content: string } }>; usage: { prompt_tokens: number } } } | null;
  error: { code: string; message: string } | null;
}

const answer = (text: string): Record<string, unknown> => ({
  candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP' }],
  usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 2, totalTokenCount: 6 },
});

function convert(predictions: ReadonlyArray<Record<string, unknown> | string>, customIds: readonly string[]): Line[] {
  const file = Buffer.from(predictions.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  return convertVertexBatchOutput([file], customIds, 'gemini-2.0-flash-001')
    .toString('utf8')
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as Line);
}

describe('convertVertexBatchOutput', () => {
  it('puts each prediction back under its custom_id in the input order, and names the ones it cannot place', () => {
    const lines = convert(
      [
        'not json',
        { status: '', request: { labels: { llmux_batch_line: '2' } }, response: answer('second') },
        { status: '', request: {}, response: answer('unlabelled') },
        { status: '', request: { labels: { llmux_batch_line: '1' } }, response: answer('first') },
      ],
      ['alpha', 'beta'],
    );
    assert.deepEqual(
      lines.map((line) => line.custom_id),
      ['alpha', 'beta', 'output-line-1', 'output-line-3'],
    );
    assert.equal(lines[0]?.response?.body.choices[0]?.message.content, 'first');
    assert.equal(lines[0]?.response?.body.usage.prompt_tokens, 4);
    assert.equal(lines[2]?.error?.code, 'invalid_output');
    assert.equal(lines[3]?.response?.body.choices[0]?.message.content, 'unlabelled');
  });

  it('answers an error status and a blocked prompt as error lines', () => {
    const lines = convert(
      [
        { status: 'Bad Request: quota', request: { labels: { llmux_batch_line: '1' } } },
        { status: '', request: { labels: { llmux_batch_line: '2' } }, response: { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 3 } } },
      ],
      ['a', 'b'],
    );
    assert.deepEqual(lines[0], { id: 'batch_req_a', custom_id: 'a', response: null, error: { code: 'vertex_error', message: 'Bad Request: quota' } });
    assert.equal(lines[1]?.response, null);
    assert.match(lines[1]?.error?.message ?? '', /blocked the prompt \(SAFETY\)/);
  });

  it('labels each converted request with its line number, whatever the custom_id looks like', () => {
    const input = ['Req A/1', 'ünïcode id'].map((id) => JSON.stringify({ custom_id: id, body: { model: 'm', messages: [{ role: 'user', content: id }] } })).join('\n');
    const { records, customIds } = convertToVertexBatchRecords(Buffer.from(input), GEMINI_SUPPORTED_PARAMS);
    assert.deepEqual(customIds, ['Req A/1', 'ünïcode id']);
    const requests = records
      .toString('utf8')
      .trim()
      .split('\n')
      .map((text) => (JSON.parse(text) as { request: { labels: Record<string, string> } }).request.labels);
    assert.deepEqual(requests, [{ llmux_batch_line: '1' }, { llmux_batch_line: '2' }]);
  });
});
