import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { convertToSamplingParams } from './convert-to-sampling-params.js';

interface WireSettings {
  temp?: number;
  maxOutput?: number;
  stopList?: string[];
  seed?: number;
}

const NAMES = { stop: 'stopList', temperature: 'temp', max_tokens: 'maxOutput', seed: 'seed' } as const;

it('copies the settings the caller set under the provider’s names, in the provider’s order', () => {
  const params = convertToSamplingParams<WireSettings>({ model: 'm', messages: [], temperature: 0, max_tokens: 10, max_completion_tokens: 20, stop: 'END', top_p: 0.5 }, NAMES);
  assert.deepEqual(params, { stopList: ['END'], temp: 0, maxOutput: 20 });
  assert.deepEqual(Object.keys(params), ['stopList', 'temp', 'maxOutput']);
});

it('treats null as unset and falls back to max_tokens', () => {
  assert.deepEqual(convertToSamplingParams<WireSettings>({ model: 'm', messages: [], temperature: null, seed: null, max_completion_tokens: null, max_tokens: 7 }, NAMES), {
    maxOutput: 7,
  });
});
