import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { patchBodyModel } from './patch-body-model.js';

const patch = (text: string): string | undefined => patchBodyModel(Buffer.from(text), 'gpt-4o-mini-2024-07-18')?.toString('utf8');

describe('patchBodyModel', () => {
  it('replaces the top-level model and keeps every other byte', () => {
    assert.equal(patch('{"model":"gpt","messages":[{"role":"user","content":"hi"}]}'), '{"model":"gpt-4o-mini-2024-07-18","messages":[{"role":"user","content":"hi"}]}');
    assert.equal(patch('{ "messages" : [ ] ,\n  "model" :\t"gpt" , "n": 1.0 }'), '{ "messages" : [ ] ,\n  "model" :\t"gpt-4o-mini-2024-07-18" , "n": 1.0 }');
    // Multi-byte text around it is kept byte for byte.
    assert.equal(patch('{"messages":[{"content":"caf\u00e9 \u{1F600}"}],"model":"a"}'), '{"messages":[{"content":"caf\u00e9 \u{1F600}"}],"model":"gpt-4o-mini-2024-07-18"}');
  });

  it('patches where an escaped quote sits next to the word in a string, which is no token', () => {
    assert.equal(patch('{"messages":[{"content":"say \\"model\\""}],"model":"a"}'), '{"messages":[{"content":"say \\"model\\""}],"model":"gpt-4o-mini-2024-07-18"}');
  });

  it('writes the new name as JSON', () => {
    assert.equal(patchBodyModel(Buffer.from('{"model":"a"}'), 'we"ird\\name')?.toString('utf8'), '{"model":"we\\"ird\\\\name"}');
  });

  it('gives up when another "model" token could be the top-level key', () => {
    // A nested key, a role or a name valued "model", an escaped quote inside a string.
    assert.equal(patch('{"model":"a","tools":[{"function":{"parameters":{"properties":{"model":{"type":"string"}}}}}]}'), undefined);
    assert.equal(patch('{"messages":[{"role":"model","content":"x"}],"model":"a"}'), undefined);
    assert.equal(patch('{"messages":[{"content":"ends in \\"model"}],"model":"a"}'), undefined);
    // A duplicate key: JSON.parse keeps the last, so which one counts is the parse's call.
    assert.equal(patch('{"model":"a","model":"b"}'), undefined);
  });

  it('gives up on any \\u escape, which could spell the top-level key', () => {
    // The top-level key is "model" spelled with an escape, and the literal one is nested: the
    // patch must not change the nested one and leave the client's own name at the top.
    const sneaky = '{"mod\\u0065l":"gpt-4o","metadata":{"model":"gpt-4o"}}';
    assert.equal(JSON.parse(sneaky).model, 'gpt-4o');
    assert.equal(patch(sneaky), undefined);
    assert.equal(patch('{"model":"a","messages":[{"content":"\\u00e9"}]}'), undefined);
  });

  it('gives up on a value that is not a plain string', () => {
    assert.equal(patch('{"model":["a","b"]}'), undefined);
    assert.equal(patch('{"model":null}'), undefined);
    assert.equal(patch('{"model":"a\\/b"}'), undefined);
    assert.equal(patch('{"messages":[]}'), undefined);
    assert.equal(patch('{"model" "a"}'), undefined);
  });
});
