// Canonical request → Replicate input: top_k goes as the models' own `top_k` input, and a
// part a text prompt cannot hold is refused by name instead of vanishing from the prompt.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../errors/error-classes.js';
import { convertToReplicateInput } from './convert-to-replicate-input.js';

describe('convertToReplicateInput', () => {
  it('sends top_k as an input', () => {
    assert.deepEqual(convertToReplicateInput({ model: 'm', messages: [{ role: 'user', content: 'hi' }], top_k: 50 }), { prompt: 'hi', top_k: 50 });
  });

  it('refuses an image or file part, naming it, rather than dropping it from the prompt', () => {
    assert.throws(
      () =>
        convertToReplicateInput({
          model: 'm',
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'read this' },
                { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBER' } },
              ],
            },
          ],
        }),
      (error: unknown) => error instanceof BadRequestError && error.param === 'messages[0].content[1]' && /"file" is not supported by replicate/.test(error.message),
    );
  });
});
