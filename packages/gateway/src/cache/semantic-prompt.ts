// The text a semantic cache embeds, per operation: the conversation's text as `role: text`
// lines (chat and Anthropic messages with their system prompt, Responses input with its
// instructions), and the rest of the body, which must match exactly. A prompt with anything
// but text (images, tool calls, tool results) is left to the exact cache: two prompts whose
// words are alike but whose images differ must not share an answer.

export interface SemanticPrompt {
  text: string;
  /** The body without its prompt fields: the partition a match must share. */
  rest: Record<string, unknown>;
}

const PROMPT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  chat: ['messages'],
  messages: ['system', 'messages'],
  responses: ['instructions', 'input'],
};

const TEXT_PARTS: ReadonlySet<string> = new Set(['text', 'input_text', 'output_text']);
/** Fields a text-only message may carry besides role and content. */
const MESSAGE_FIELDS: ReadonlySet<string> = new Set(['role', 'content', 'name', 'type']);

export function semanticPromptOf(operation: string, body: Readonly<Record<string, unknown>>): SemanticPrompt | undefined {
  const fields = PROMPT_FIELDS[operation];
  if (fields === undefined) return undefined;
  const lines: string[] = [];
  const rest: Record<string, unknown> = { ...body };
  for (const field of fields) {
    const value = body[field];
    delete rest[field];
    if (value === undefined || value === null) continue;
    // A system prompt or instructions: text on its own.
    if (field === 'system' || field === 'instructions') {
      const text = textOf(value);
      if (text === undefined) return undefined;
      lines.push(`system: ${text}`);
      continue;
    }
    if (typeof value === 'string') {
      lines.push(`user: ${value}`);
      continue;
    }
    if (!Array.isArray(value)) return undefined;
    for (const message of value) {
      const line = messageLine(message);
      if (line === undefined) return undefined;
      lines.push(line);
    }
  }
  return lines.length === 0 ? undefined : { text: lines.join('\n'), rest };
}

function messageLine(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const record = message as Record<string, unknown>;
  for (const name of Object.keys(record)) if (!MESSAGE_FIELDS.has(name) && record[name] !== undefined && record[name] !== null) return undefined;
  if (record['type'] !== undefined && record['type'] !== 'message') return undefined;
  const text = textOf(record['content']);
  return typeof record['role'] !== 'string' || text === undefined ? undefined : `${record['role']}: ${text}`;
}

/** A string, or a list of text parts joined; undefined for any other part. */
function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part !== 'object' || part === null) return undefined;
    const record = part as Record<string, unknown>;
    if (!TEXT_PARTS.has(String(record['type'])) || typeof record['text'] !== 'string') return undefined;
    texts.push(record['text']);
  }
  return texts.join('\n');
}
