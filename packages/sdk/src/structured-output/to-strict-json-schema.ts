// Converts a zod schema into the JSON Schema OpenAI's strict structured outputs accept:
// the input side of the schema (what the model must write, before transforms), every
// object closed (`additionalProperties: false`), no `$schema`, and an object at the root.

import { z, type ZodType } from 'zod';
import type { JsonSchema } from '../spec/chat-tool.js';

type Override = NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override'];

const closeObjects: Override = ({ jsonSchema }) => {
  const node = jsonSchema as Record<string, unknown>;
  // Open and loose objects are closed: the model need not invent extra keys, and the
  // schema still accepts the object. A record's value schema is left alone.
  if (node.type === 'object' && (node.additionalProperties === undefined || isOpen(node.additionalProperties))) {
    node.additionalProperties = false;
  }
  // `.int()` adds the safe-integer range, which only lengthens the prompt.
  if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
  if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
};

export function toStrictJsonSchema(schema: ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    cycles: 'ref',
    override: closeObjects,
  }) as JsonSchema;
  delete json.$schema;
  return inlineRootReference(json);
}

function isOpen(value: unknown): boolean {
  return value === true || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
}

/** A root schema with an `id` in its meta becomes a `$ref` into `$defs`; OpenAI wants the object itself. */
function inlineRootReference(json: JsonSchema): JsonSchema {
  const reference = json.$ref;
  const defs = json.$defs as Record<string, JsonSchema> | undefined;
  if (typeof reference !== 'string' || !reference.startsWith('#/$defs/') || defs === undefined) return json;
  const name = reference.slice('#/$defs/'.length);
  const target = defs[name];
  if (target === undefined) return json;
  const { $ref: _reference, $defs: _defs, ...rest } = json;
  const others = { ...defs };
  delete others[name];
  const stillReferenced = JSON.stringify([target, others]).includes(`"${reference}"`);
  const remaining = stillReferenced ? defs : others;
  return { ...rest, ...target, ...(Object.keys(remaining).length > 0 ? { $defs: remaining } : {}) };
}
