import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';

it('maps every Cohere finish_reason', () => {
  assert.equal(mapCohereFinishReason('COMPLETE'), 'stop');
  assert.equal(mapCohereFinishReason('STOP_SEQUENCE'), 'stop');
  assert.equal(mapCohereFinishReason('USER_CANCEL'), 'stop');
  assert.equal(mapCohereFinishReason('MAX_TOKENS'), 'length');
  assert.equal(mapCohereFinishReason('ERROR_LIMIT'), 'length');
  assert.equal(mapCohereFinishReason('TOOL_CALL'), 'tool_calls');
  assert.equal(mapCohereFinishReason('ERROR_TOXIC'), 'content_filter');
  assert.equal(mapCohereFinishReason('SOME_FUTURE_REASON'), 'stop');
  assert.equal(mapCohereFinishReason(null), null);
  assert.equal(mapCohereFinishReason(undefined), null);
});
