// prepareResponseFormat(): zod schemas become OpenAI json_schema formats that strict
// mode accepts; every other response_format passes through untouched.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { z } from 'zod';
import type { ResponseFormat } from '../spec/response-format.js';
import { prepareResponseFormat } from './prepare-response-format.js';

describe('prepareResponseFormat', () => {
  it('passes OpenAI formats and undefined through unchanged', () => {
    assert.deepEqual(prepareResponseFormat(undefined), {});
    const formats: ResponseFormat[] = [{ type: 'text' }, { type: 'json_object' }, { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' }, strict: false } }];
    for (const format of formats) {
      const prepared = prepareResponseFormat(format);
      assert.equal(prepared.responseFormat, format);
      assert.equal(prepared.schema, undefined);
    }
  });

  it('turns a zod object into a strict json_schema with closed objects and no $schema', () => {
    const schema = z.object({
      name: z.string().describe('the person’s name'),
      age: z.number().int(),
      tags: z.array(z.object({ label: z.string() })),
      nickname: z.string().nullable(),
      kind: z.enum(['a', 'b']),
    });
    const prepared = prepareResponseFormat(schema);
    assert.equal(prepared.schema, schema);
    assert.deepEqual(prepared.responseFormat, {
      type: 'json_schema',
      json_schema: {
        name: 'response',
        strict: true,
        schema: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'the person’s name' },
            age: { type: 'integer' },
            tags: {
              type: 'array',
              items: { type: 'object', properties: { label: { type: 'string' } }, required: ['label'], additionalProperties: false },
            },
            nickname: { type: ['string', 'null'] },
            kind: { type: 'string', enum: ['a', 'b'] },
          },
          required: ['name', 'age', 'tags', 'nickname', 'kind'],
          additionalProperties: false,
        },
      },
    });
  });

  it('names the format from the schema’s meta and inlines a root $ref', () => {
    const schema = z.object({ city: z.string() }).meta({ id: 'weather report', title: 'Weather Report', description: 'A weather report' });
    const prepared = prepareResponseFormat(schema);
    assert.ok(prepared.responseFormat?.type === 'json_schema');
    const { name, description, schema: json } = prepared.responseFormat.json_schema;
    assert.equal(name, 'Weather_Report');
    assert.equal(description, 'A weather report');
    assert.equal(json?.type, 'object');
    assert.equal(json?.$ref, undefined);
    assert.equal(json?.$defs, undefined);
    assert.equal(json?.additionalProperties, false);
  });

  it('takes the description from .describe() and names the format "response" without a title', () => {
    const prepared = prepareResponseFormat(z.object({ city: z.string() }).describe('A city'));
    assert.ok(prepared.responseFormat?.type === 'json_schema');
    assert.equal(prepared.responseFormat.json_schema.name, 'response');
    assert.equal(prepared.responseFormat.json_schema.description, 'A city');
  });

  it('closes loose objects and describes the input the model must write', () => {
    const schema = z.looseObject({ when: z.string().transform((text) => new Date(text)) });
    const prepared = prepareResponseFormat(schema);
    assert.ok(prepared.responseFormat?.type === 'json_schema');
    assert.deepEqual(prepared.responseFormat.json_schema.schema, {
      type: 'object',
      properties: { when: { type: 'string' } },
      required: ['when'],
      additionalProperties: false,
    });
  });

  it('sends schemas strict mode cannot express without strict', () => {
    for (const schema of [z.object({ maybe: z.string().optional() }), z.object({ counts: z.record(z.string(), z.number()) }), z.object({ anything: z.unknown() })]) {
      const prepared = prepareResponseFormat(schema);
      assert.ok(prepared.responseFormat?.type === 'json_schema');
      assert.equal(prepared.responseFormat.json_schema.strict, false);
    }
  });
});
