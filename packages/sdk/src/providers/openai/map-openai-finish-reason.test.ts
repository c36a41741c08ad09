import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

describe('mapOpenAIFinishReason', () => {
  it('keeps OpenAI values, maps compatible servers’ own, and reads absence as null', () => {
    assert.equal(mapOpenAIFinishReason('tool_calls'), 'tool_calls');
    assert.equal(mapOpenAIFinishReason('content_filter'), 'content_filter');
    assert.equal(mapOpenAIFinishReason('model_length'), 'length');
    assert.equal(mapOpenAIFinishReason('eos'), 'stop');
    assert.equal(mapOpenAIFinishReason(''), null);
    assert.equal(mapOpenAIFinishReason(undefined), null);
    assert.equal(mapOpenAIFinishReason(null), null);
  });
});
