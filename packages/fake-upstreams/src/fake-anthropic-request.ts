// What the Messages API checks in the parts of a request llmux maps from OpenAI's format
// (cache_control marks, document blocks, top_k, thinking budgets, the web search tool),
// with Anthropic's own 400 messages, and the request read as prompt-cache segments. Shared
// by the fake Anthropic API and Claude on the fake Vertex.

import { fakeBlockTokens, type FakePromptSegment } from './fake-prompt-cache.js';
import { isRecord } from './is-record.js';

const MAX_CACHE_BREAKPOINTS = 4;

export function checkFakeAnthropicRequest(body: Record<string, unknown>): string | undefined {
  const marks = countCacheControl(body);
  if (typeof marks === 'string') return marks;
  if (marks > MAX_CACHE_BREAKPOINTS) return `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${marks}.`;
  const topK = body['top_k'];
  if (topK !== undefined && (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 0)) return 'top_k: Input should be a valid integer greater than or equal to 0';
  const thinking = body['thinking'];
  if (isRecord(thinking) && thinking['type'] === 'enabled') {
    const budget = thinking['budget_tokens'];
    if (typeof budget !== 'number' || budget < 1024) return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
    if (typeof body['max_tokens'] === 'number' && body['max_tokens'] <= budget)
      return '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';
  }
  const tools = Array.isArray(body['tools']) ? body['tools'] : [];
  for (const [index, tool] of tools.entries()) {
    const error = checkTool(tool, index);
    if (error !== undefined) return error;
  }
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  for (const [index, message] of messages.entries()) {
    const content = isRecord(message) ? message['content'] : undefined;
    if (!Array.isArray(content)) continue;
    for (const [blockIndex, block] of content.entries()) {
      if (isRecord(block) && block['type'] === 'document') {
        const error = checkDocument(block, `messages.${index}.content.${blockIndex}.document`);
        if (error !== undefined) return error;
      }
    }
  }
  return undefined;
}

/** The prompt in cache order (tools, system, messages), one segment per block. */
export function fakeAnthropicSegments(body: Record<string, unknown>): FakePromptSegment[] {
  const segments: FakePromptSegment[] = [];
  const add = (block: unknown): void => {
    const marked = isRecord(block) && block['cache_control'] !== undefined;
    const content = isRecord(block) ? { ...block, cache_control: undefined } : block;
    segments.push({ content, tokens: fakeBlockTokens(content), breakpoint: marked });
  };
  (Array.isArray(body['tools']) ? body['tools'] : []).forEach(add);
  const system = body['system'];
  if (Array.isArray(system)) system.forEach(add);
  else if (system !== undefined) add(system);
  for (const message of Array.isArray(body['messages']) ? body['messages'] : []) {
    const content = isRecord(message) ? message['content'] : undefined;
    if (Array.isArray(content)) content.forEach(add);
    else add(content);
  }
  return segments;
}

/** cache_control marks anywhere in the request; a malformed one is the API's 400. */
function countCacheControl(value: unknown): number | string {
  if (Array.isArray(value)) {
    let total = 0;
    for (const item of value) {
      const count = countCacheControl(item);
      if (typeof count === 'string') return count;
      total += count;
    }
    return total;
  }
  if (!isRecord(value)) return 0;
  let total = 0;
  const mark = value['cache_control'];
  if (mark !== undefined && mark !== null) {
    if (!isRecord(mark) || mark['type'] !== 'ephemeral') return "cache_control.type: Input should be 'ephemeral'";
    if (mark['ttl'] !== undefined && mark['ttl'] !== '5m' && mark['ttl'] !== '1h') return "cache_control.ttl: Input should be '5m' or '1h'";
    total += 1;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === 'cache_control' || typeof child !== 'object' || child === null) continue;
    const count = countCacheControl(child);
    if (typeof count === 'string') return count;
    total += count;
  }
  return total;
}

function checkDocument(block: Record<string, unknown>, path: string): string | undefined {
  const source = block['source'];
  if (!isRecord(source)) return `${path}.source: Field required`;
  switch (source['type']) {
    case 'base64':
      if (source['media_type'] !== 'application/pdf') return `${path}.source.base64.media_type: Input should be 'application/pdf'`;
      if (typeof source['data'] !== 'string' || source['data'] === '') return `${path}.source.base64.data: Field required`;
      if (!Buffer.from(source['data'], 'base64').subarray(0, 5).equals(Buffer.from('%PDF-'))) return 'The PDF specified was not valid.';
      return undefined;
    case 'text':
      if (source['media_type'] !== 'text/plain') return `${path}.source.text.media_type: Input should be 'text/plain'`;
      return typeof source['data'] === 'string' ? undefined : `${path}.source.text.data: Field required`;
    case 'url':
      return typeof source['url'] === 'string' && /^https?:\/\//.test(source['url']) ? undefined : `${path}.source.url.url: Field required`;
    default:
      return `${path}.source: Input tag '${String(source['type'])}' found using 'type' does not match any of the expected tags: 'base64', 'content', 'text', 'url', 'file'`;
  }
}

function checkTool(tool: unknown, index: number): string | undefined {
  if (!isRecord(tool)) return `tools.${index}: Input should be a valid dictionary`;
  if (tool['type'] === undefined || tool['type'] === 'custom') return isRecord(tool['input_schema']) ? undefined : `tools.${index}.custom.input_schema: Field required`;
  if (tool['type'] !== 'web_search_20250305') return undefined;
  if (tool['name'] !== 'web_search') return `tools.${index}.web_search_20250305.name: Input should be 'web_search'`;
  const maxUses = tool['max_uses'];
  if (maxUses !== undefined && (typeof maxUses !== 'number' || !Number.isInteger(maxUses) || maxUses < 1))
    return `tools.${index}.web_search_20250305.max_uses: Input should be greater than 0`;
  const location = tool['user_location'];
  if (location !== undefined && (!isRecord(location) || location['type'] !== 'approximate'))
    return `tools.${index}.web_search_20250305.user_location.type: Input should be 'approximate'`;
  return undefined;
}
