// Checks a `/v2/chat` body the way Cohere does on the points a client can get wrong: a field
// v2 chat does not define is refused by name (Cohere's API rejects unknown fields), and the
// sampling fields are in range (k in 0..500, p in 0.01..0.99).

const CHAT_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'stream',
  'tools',
  'strict_tools',
  'documents',
  'citation_options',
  'response_format',
  'safety_mode',
  'max_tokens',
  'stop_sequences',
  'temperature',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'k',
  'p',
  'logprobs',
  'tool_choice',
  'thinking',
  'priority',
]);

/** The message of the 400 Cohere would send, or undefined when it would accept the body. */
export function checkCohereChatBody(body: Readonly<Record<string, unknown>>): string | undefined {
  const unknown = Object.keys(body).find((name) => !CHAT_FIELDS.has(name));
  if (unknown !== undefined) return `invalid request: unknown field: parameter ${unknown} is not a valid field`;
  const k = body['k'];
  if (k !== undefined && (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > 500)) return 'invalid request: k must be an integer between 0 and 500';
  const p = body['p'];
  if (p !== undefined && (typeof p !== 'number' || p < 0.01 || p > 0.99)) return 'invalid request: p must be between 0.01 and 0.99';
  const thinking = body['thinking'];
  if (thinking !== undefined) {
    const type = typeof thinking === 'object' && thinking !== null ? (thinking as Record<string, unknown>)['type'] : undefined;
    if (type !== 'enabled' && type !== 'disabled') return 'invalid request: thinking.type must be one of enabled, disabled';
  }
  return undefined;
}
