// Claude's rules for thinking blocks that come back in a request, shared by the fakes that
// serve Claude (Anthropic Messages, Bedrock Converse and InvokeModel), with the API's own
// 400 messages. The fake's signatures cover the thinking text, as Claude's do, so a block
// changed on its way back (text, signature or redacted data) is refused as the API refuses it.

import { createHash } from 'node:crypto';
import { isRecord } from './is-record.js';

/** One content block of a sent message, in Anthropic's terms (each fake maps its own wire to this). */
export interface FakeClaudeBlock {
  type: string;
  thinking?: unknown;
  signature?: unknown;
  data?: unknown;
}

export interface FakeClaudeTurn {
  role: unknown;
  blocks: FakeClaudeBlock[];
}

export function signFakeThinking(thinking: string): string {
  return Buffer.from(`fake-signature:${createHash('sha256').update(thinking).digest('hex')}`).toString('base64');
}

/** Stands in for the encrypted reasoning of a redacted_thinking block. */
export function sealFakeRedactedThinking(reasoning: string): string {
  return Buffer.from(`fake-redacted:${reasoning}`).toString('base64');
}

/** Anthropic's `thinking` parameter: enabled unless absent or disabled. */
export function isFakeThinkingOn(thinking: unknown): boolean {
  return isRecord(thinking) && thinking['type'] !== 'disabled';
}

/** Messages API messages as turns: string content is one text block. */
export function toFakeClaudeTurns(messages: unknown[]): FakeClaudeTurn[] {
  return messages.map((message) => {
    const record = isRecord(message) ? message : {};
    const content = record['content'];
    const blocks = typeof content === 'string' ? [{ type: 'text' }] : Array.isArray(content) ? content.map(toBlock) : [];
    return { role: record['role'], blocks };
  });
}

function toBlock(block: unknown): FakeClaudeBlock {
  return isRecord(block) && typeof block['type'] === 'string' ? { ...block, type: block['type'] } : { type: 'unknown' };
}

const isThinking = (block: FakeClaudeBlock | undefined): boolean => block?.type === 'thinking' || block?.type === 'redacted_thinking';

const TOOL_LOOP_RULE =
  'When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). ' +
  'We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. ' +
  'Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

/** The API's 400 message for the first thinking rule the turns break, or undefined. */
export function checkFakeClaudeThinking(turns: FakeClaudeTurn[], thinkingOn: boolean): string | undefined {
  for (const [turnIndex, turn] of turns.entries()) {
    if (turn.role !== 'assistant') continue;
    for (const [blockIndex, block] of turn.blocks.entries()) {
      const at = `messages.${turnIndex}.content.${blockIndex}`;
      if (block.type === 'thinking' && (typeof block.thinking !== 'string' || block.signature !== signFakeThinking(block.thinking))) {
        return `${at}: Invalid \`signature\` in \`thinking\` block`;
      }
      if (block.type === 'redacted_thinking' && !isSealed(block.data)) return `${at}: Invalid \`data\` in \`redacted_thinking\` block`;
    }
    if (turn.blocks.some(isThinking) && !isThinking(turn.blocks[0])) {
      return `messages.${turnIndex}.content.0: If an assistant message contains any thinking blocks, the first block must be thinking or redacted_thinking. Found ${turn.blocks[0]?.type}.`;
    }
  }
  // Only the turn that the request continues must carry its thinking; earlier ones may drop it.
  const last = turns.findLastIndex((turn) => turn.role === 'assistant');
  const final = turns[last];
  if (!thinkingOn || final === undefined || !final.blocks.some((block) => block.type === 'tool_use') || isThinking(final.blocks[0])) return undefined;
  return `messages.${last}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${final.blocks[0]?.type}\`. ${TOOL_LOOP_RULE}`;
}

function isSealed(data: unknown): boolean {
  return typeof data === 'string' && Buffer.from(data, 'base64').toString('utf8').startsWith('fake-redacted:');
}
