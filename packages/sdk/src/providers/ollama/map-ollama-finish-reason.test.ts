import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { mapOllamaFinishReason } from './map-ollama-finish-reason.js';

it('maps every Ollama done_reason', () => {
  assert.equal(mapOllamaFinishReason('stop', false), 'stop');
  assert.equal(mapOllamaFinishReason('length', false), 'length');
  assert.equal(mapOllamaFinishReason('load', false), 'stop');
  assert.equal(mapOllamaFinishReason('unload', false), 'stop');
  assert.equal(mapOllamaFinishReason(undefined, false), 'stop');
  assert.equal(mapOllamaFinishReason(null, false), 'stop');
  assert.equal(mapOllamaFinishReason('some_future_reason', false), 'stop');
  assert.equal(mapOllamaFinishReason('stop', true), 'tool_calls');
  assert.equal(mapOllamaFinishReason('length', true), 'tool_calls');
});
