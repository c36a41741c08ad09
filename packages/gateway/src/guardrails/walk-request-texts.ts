// The texts a guardrail reads in each operation's request body, visited in a fixed order so
// that a rewritten list can be put back where each text came from: chat messages (string or
// text parts), Anthropic system and content blocks, Responses instructions and input items,
// embeddings and completions input. Images, audio and token arrays are not text.

type Visit = (text: string) => string;

/** Calls `visit` on every text in order; a returned text that differs replaces it in place. */
function walkRequestTexts(operation: string, body: Record<string, unknown>, visit: Visit): void {
  switch (operation) {
    case 'chat':
      walkMessages(body['messages'], visit);
      return;
    case 'messages':
      walkField(body, 'system', visit);
      walkMessages(body['messages'], visit);
      return;
    case 'responses':
      walkField(body, 'instructions', visit);
      walkField(body, 'input', visit);
      if (Array.isArray(body['input'])) walkMessages(body['input'], visit);
      return;
    default:
      // embeddings, moderations, completions: a string or a list of strings.
      walkField(body, 'input', visit);
      walkField(body, 'prompt', visit);
  }
}

/** The texts, in walk order. */
export function collectRequestTexts(operation: string, body: Record<string, unknown>): string[] {
  const texts: string[] = [];
  walkRequestTexts(operation, body, (text) => {
    texts.push(text);
    return text;
  });
  return texts;
}

/** A copy of the body with its texts replaced, in walk order (the caller's body is untouched). */
export function replaceRequestTexts(operation: string, body: Record<string, unknown>, texts: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(body);
  let index = 0;
  walkRequestTexts(operation, copy, (text) => texts[index++] ?? text);
  return copy;
}

function walkMessages(messages: unknown, visit: Visit): void {
  if (!Array.isArray(messages)) return;
  for (const message of messages) {
    if (message !== null && typeof message === 'object') walkField(message as Record<string, unknown>, 'content', visit);
  }
}

/** A string field, or a list of strings and text parts (`{type: text|input_text|output_text, text}`). */
function walkField(holder: Record<string, unknown>, field: string, visit: Visit): void {
  const value = holder[field];
  if (typeof value === 'string') {
    const next = visit(value);
    if (next !== value) holder[field] = next;
    return;
  }
  if (!Array.isArray(value)) return;
  for (let index = 0; index < value.length; index += 1) {
    const item: unknown = value[index];
    if (typeof item === 'string') {
      const next = visit(item);
      if (next !== item) value[index] = next;
    } else if (item !== null && typeof item === 'object' && typeof (item as { text?: unknown }).text === 'string') {
      walkField(item as Record<string, unknown>, 'text', visit);
    }
  }
}
