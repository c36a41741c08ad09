// Whether OpenAI's strict mode accepts a JSON Schema: every object closed with all its
// properties required, and no schema that allows anything (`{}`, from z.unknown() or an
// unrepresentable type). Optional fields (`.optional()`, `.default()`) fail this; OpenAI
// wants them `.nullable()` instead.

export function isStrictJsonSchema(node: unknown): boolean {
  // The `true` schema allows anything; other non-objects are not schemas at all here.
  if (typeof node !== 'object' || node === null) return node !== true;
  if (Array.isArray(node)) return node.every(isStrictJsonSchema);
  const schema = node as Record<string, unknown>;
  if (Object.keys(schema).length === 0) return false;
  if (schema.type === 'object' || schema.properties !== undefined) {
    if (schema.additionalProperties !== false) return false;
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    for (const key of Object.keys(properties)) if (!required.has(key)) return false;
    if (!Object.values(properties).every(isStrictJsonSchema)) return false;
  }
  for (const key of ['items', 'anyOf', 'prefixItems'] as const) {
    if (schema[key] !== undefined && !isStrictJsonSchema(schema[key])) return false;
  }
  const defs = schema.$defs;
  return defs === undefined || Object.values(defs as Record<string, unknown>).every(isStrictJsonSchema);
}
