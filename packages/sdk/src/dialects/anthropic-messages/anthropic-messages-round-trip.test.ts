// Property: an Anthropic request converted to the canonical form and back by the Anthropic
// provider's own converter says the same thing, for many generated requests.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { convertToAnthropicRequest, THINKING_BUDGET_TOKENS } from '../../providers/anthropic/convert-to-anthropic-request.js';
import type { AnthropicContentBlockParam, AnthropicMessageParam, AnthropicMessagesRequest, AnthropicToolChoiceParam } from './anthropic-messages-api.js';
import { convertAnthropicMessagesRequest } from './convert-anthropic-messages-request.js';

/** mulberry32: a small seeded generator, so a failure names a request that can be rebuilt. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const TOOLS = [
  { name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  { name: 'now', input_schema: { type: 'object', properties: {} } },
];

function generate(random: () => number): AnthropicMessagesRequest {
  const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const text = (): string => pick(['Hello.', 'What is the weather in Paris?', 'Déjà vu — ünïcode ✓', 'line one\nline two']);
  const image = (): AnthropicContentBlockParam =>
    chance(0.5)
      ? { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } }
      : { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } };

  const messages: AnthropicMessageParam[] = [];
  const turns = 1 + Math.floor(random() * 3);
  for (let turn = 0; turn < turns; turn += 1) {
    const user: AnthropicContentBlockParam[] = [];
    const previous = messages.at(-1);
    if (previous !== undefined && Array.isArray(previous.content)) {
      for (const block of previous.content) {
        if (block.type !== 'tool_use') continue;
        const content = chance(0.5) ? '18°C and sunny' : [{ type: 'text' as const, text: 'sunny' }];
        user.push({ type: 'tool_result', tool_use_id: block.id, content });
      }
    }
    if (chance(0.3)) user.push(image());
    if (user.length === 0 || chance(0.6)) user.push({ type: 'text', text: text() });
    messages.push({ role: 'user', content: chance(0.3) && user.length === 1 && user[0]?.type === 'text' ? user[0].text : user });

    const assistant: AnthropicContentBlockParam[] = [];
    if (chance(0.3)) assistant.push({ type: 'thinking', thinking: 'Think first.', signature: `sig-${turn}` });
    if (chance(0.2)) assistant.push({ type: 'redacted_thinking', data: 'ENCRYPTED' });
    if (chance(0.7)) assistant.push({ type: 'text', text: text() });
    const calls = Math.floor(random() * 3);
    for (let call = 0; call < calls; call += 1) {
      assistant.push({ type: 'tool_use', id: `toolu_${turn}_${call}`, name: pick(TOOLS).name, input: chance(0.5) ? { city: 'Paris' } : {} });
    }
    // Roles alternate (Anthropic merges consecutive turns of one role, as the provider does).
    if (!assistant.some((block) => block.type === 'text' || block.type === 'tool_use')) assistant.push({ type: 'text', text: text() });
    if (turn < turns - 1) messages.push({ role: 'assistant', content: assistant });
  }

  const body: AnthropicMessagesRequest = { model: 'claude-x', max_tokens: 30000 + Math.floor(random() * 1000), messages };
  if (chance(0.5))
    body.system = chance(0.5)
      ? 'Be brief.'
      : [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Answer in French.' },
        ];
  if (chance(0.6)) {
    body.tools = TOOLS;
    if (chance(0.7)) {
      const choice: AnthropicToolChoiceParam = pick<AnthropicToolChoiceParam>([{ type: 'auto' }, { type: 'any' }, { type: 'none' }, { type: 'tool', name: 'now' }]);
      body.tool_choice = choice.type !== 'none' && chance(0.3) ? { ...choice, disable_parallel_tool_use: true } : choice;
    }
  }
  if (chance(0.4)) body.stop_sequences = ['END'];
  if (chance(0.4)) body.temperature = pick([0, 0.5, 1]);
  if (chance(0.3)) body.top_p = 0.9;
  if (chance(0.3)) body.metadata = { user_id: 'user-1' };
  if (chance(0.3)) body.thinking = { type: 'enabled', budget_tokens: THINKING_BUDGET_TOKENS[pick(['low', 'medium', 'high'] as const)] };
  if (chance(0.3)) body.stream = true;
  return body;
}

/** Anthropic reads a string as one text block (in system, message and tool_result content) */
function normalize(body: Record<string, unknown>): Record<string, unknown> {
  const blocks = (content: unknown): unknown => {
    if (typeof content === 'string') return [{ type: 'text', text: content }];
    if (!Array.isArray(content)) return content;
    return content.map((block: { type: string; content?: unknown }) => (block.type === 'tool_result' ? { ...block, content: blocks(block.content) } : block));
  };
  const out: Record<string, unknown> = { ...body };
  if (out['system'] !== undefined) out['system'] = blocks(out['system']);
  out['messages'] = (body['messages'] as AnthropicMessageParam[]).map((message) => ({ role: message.role, content: blocks(message.content) }));
  if (out['tool_choice'] === undefined && body['tools'] !== undefined) delete out['tool_choice'];
  return out;
}

describe('Anthropic request → canonical → Anthropic (the provider converter)', () => {
  it('keeps the meaning of 300 generated requests', () => {
    const random = createRandom(20261207);
    for (let run = 0; run < 300; run += 1) {
      const original = generate(random);
      const { request, warnings } = convertAnthropicMessagesRequest(original, { dropParams: false });
      const rewarnings: string[] = [];
      const { body: back } = convertToAnthropicRequest(request, { stream: request.stream === true, warnings: rewarnings });
      const context = `run ${run}: ${JSON.stringify(original)}`;
      // The normalizer walks any JSON object; the converted request is one without an index signature.
      assert.deepEqual(normalize(back as unknown as Record<string, unknown>), normalize(original), context);
      assert.deepEqual(warnings, [], context);
      assert.deepEqual(rewarnings, [], context);
    }
  });
});
