// Reads one top-level-ish member (`"usage": {...}`) from a JSON reply's bytes without
// parsing the whole body: the last `"<name>":` in the bytes is a key (inside a JSON string a
// quote is always escaped, so `"usage"` followed by `:` cannot be string content), and its
// object is cut out by matching braces. Both Anthropic and OpenAI put usage last.

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** The object value of the last `"<name>":` member, or undefined when there is none. */
export function parseJsonTailMember(body: Buffer, name: string): Record<string, unknown> | undefined {
  const key = `"${name}"`;
  let at = body.lastIndexOf(key);
  while (at !== -1) {
    const start = objectStart(body, at + key.length);
    if (start !== -1) {
      const end = matchingBrace(body, start);
      if (end === -1) return undefined;
      try {
        const value: unknown = JSON.parse(body.toString('utf8', start, end + 1));
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    }
    // `"usage"` as a string value (`"type":"usage"`): look further back.
    at = at === 0 ? -1 : body.lastIndexOf(key, at - 1);
  }
  return undefined;
}

/** After the key: optional whitespace, `:`, optional whitespace, then `{`; else -1. */
function objectStart(body: Buffer, from: number): number {
  let index = skipSpace(body, from);
  if (body[index] !== COLON) return -1;
  index = skipSpace(body, index + 1);
  return body[index] === OPEN_BRACE ? index : -1;
}

function skipSpace(body: Buffer, from: number): number {
  let index = from;
  while (index < body.length && (body[index] === 0x20 || body[index] === 0x0a || body[index] === 0x0d || body[index] === 0x09)) index++;
  return index;
}

function matchingBrace(body: Buffer, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < body.length; index++) {
    const byte = body[index];
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE) depth++;
    else if (byte === CLOSE_BRACE && --depth === 0) return index;
  }
  return -1;
}

/** The member of the whole parsed body, for bodies whose tail did not hold it. */
export function parseJsonWholeMember(body: Buffer, name: string): unknown {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
}
