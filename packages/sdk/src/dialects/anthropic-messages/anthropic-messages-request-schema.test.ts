import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { anthropicCountTokensRequestSchema, anthropicMessagesRequestSchema } from './anthropic-messages-request-schema.js';

const BASE = { model: 'claude-sonnet', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

type Issue = z.core.$ZodIssue;

/**
 * The path and message of the first issue, or undefined when the body is valid. Within a
 * union, the branch that got furthest speaks, as the gateway's validator reads it.
 */
function firstIssue(body: unknown, schema: z.ZodType = anthropicMessagesRequestSchema): { path: PropertyKey[]; message: string } | undefined {
  const result = schema.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  assert.ok(issue !== undefined);
  const deepest = deepestIssue(issue);
  return { path: deepest.path, message: deepest.message };
}

function deepestIssue(issue: Issue): Issue {
  if (issue.code !== 'invalid_union') return issue;
  let best: Issue = issue;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first === undefined) continue;
    const nested = deepestIssue({ ...first, path: [...issue.path, ...first.path] });
    if (nested.path.length > best.path.length) best = nested;
  }
  return best;
}

describe('anthropicMessagesRequestSchema', () => {
  it('accepts a Claude Code-shaped body and keeps fields and block types it does not know', () => {
    const body = {
      ...BASE,
      stream: true,
      system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      tools: [
        { name: 'Bash', description: 'Run a command', input_schema: { type: 'object', properties: { command: { type: 'string' } } } },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
      ],
      metadata: { user_id: 'user_abc_account_x_session_y' },
      thinking: { type: 'enabled', budget_tokens: 4000 },
      context_management: { edits: [] },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Search it.' },
            { type: 'search_result', source: 'x', title: 't', content: [] },
          ],
        },
      ],
    };
    const result = anthropicMessagesRequestSchema.safeParse(body);
    assert.ok(result.success, JSON.stringify(result.error?.issues));
    assert.deepEqual(result.data, body);
  });

  it('names the field of every mistake it checks', () => {
    const cases: ReadonlyArray<[unknown, PropertyKey[]]> = [
      [{ ...BASE, max_tokens: undefined }, ['max_tokens']],
      [{ ...BASE, max_tokens: 0 }, ['max_tokens']],
      [{ ...BASE, model: '' }, ['model']],
      [{ ...BASE, messages: [] }, ['messages']],
      [{ ...BASE, messages: [{ role: 'tool', content: 'x' }] }, ['messages', 0, 'role']],
      [
        {
          ...BASE,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: 'a' },
                { type: 'text', text: 3 },
              ],
            },
          ],
        },
        ['messages', 0, 'content', 1, 'text'],
      ],
      [{ ...BASE, messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }] }, ['messages', 0, 'content', 0, 'tool_use_id']],
      [
        { ...BASE, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'image', source: { type: 'base64', data: 'x' } }] }] }] },
        ['messages', 0, 'content', 0, 'content', 0, 'source', 'media_type'],
      ],
      [{ ...BASE, messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 'a', input: {} }] }] }, ['messages', 0, 'content', 0, 'name']],
      [{ ...BASE, messages: [{ role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }] }] }, ['messages', 0, 'content', 0, 'signature']],
      [{ ...BASE, system: [{ type: 'image', source: {} }] }, ['system', 0, 'type']],
      [{ ...BASE, tools: [{ name: 'f' }] }, ['tools', 0, 'input_schema']],
      [{ ...BASE, tool_choice: { type: 'tool' } }, ['tool_choice', 'name']],
      [{ ...BASE, tool_choice: { type: 'sometimes' } }, ['tool_choice', 'type']],
      [{ ...BASE, thinking: { type: 'enabled' } }, ['thinking', 'budget_tokens']],
      [{ ...BASE, stop_sequences: 'END' }, ['stop_sequences']],
      [{ ...BASE, top_p: 2 }, ['top_p']],
      [{ ...BASE, metadata: { user_id: 7 } }, ['metadata', 'user_id']],
    ];
    for (const [body, path] of cases) assert.deepEqual(firstIssue(body)?.path, path, JSON.stringify(body));
  });

  it('words a wrong type so the client can fix it', () => {
    assert.match(firstIssue({ ...BASE, temperature: 'hot' })?.message ?? '', /expected number, received string/);
  });

  it('takes a count_tokens body without max_tokens, and only that schema does', () => {
    const { max_tokens: _unused, ...count } = BASE;
    assert.equal(firstIssue(count, anthropicCountTokensRequestSchema), undefined);
    assert.deepEqual(firstIssue(count)?.path, ['max_tokens']);
  });
});
