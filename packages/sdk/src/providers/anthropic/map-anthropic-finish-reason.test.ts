import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

it('maps every Anthropic stop_reason', () => {
  assert.equal(mapAnthropicFinishReason('end_turn'), 'stop');
  assert.equal(mapAnthropicFinishReason('stop_sequence'), 'stop');
  assert.equal(mapAnthropicFinishReason('pause_turn'), 'stop');
  assert.equal(mapAnthropicFinishReason('max_tokens'), 'length');
  assert.equal(mapAnthropicFinishReason('model_context_window_exceeded'), 'length');
  assert.equal(mapAnthropicFinishReason('tool_use'), 'tool_calls');
  assert.equal(mapAnthropicFinishReason('refusal'), 'content_filter');
  assert.equal(mapAnthropicFinishReason('some_future_reason'), 'stop');
  assert.equal(mapAnthropicFinishReason(null), null);
  assert.equal(mapAnthropicFinishReason(undefined), null);
});
