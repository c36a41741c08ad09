// The reply both OpenAI-dialect passthrough suites (chat and Responses) price: 300 prompt
// tokens of which 200 cached, 12 output, at per-token overrides so the cost is plain arithmetic.

import type { FakeChatReply } from '@llmux/fake-upstreams';

export const OPENAI_PRICES = { input_cost_per_token: 2e-6, cache_read_input_token_cost: 0.5e-6, output_cost_per_token: 8e-6 };

export const OPENAI_REPLY: FakeChatReply = { content: 'Paris is the capital.', usage: { promptTokens: 300, completionTokens: 12, cachedTokens: 200 } };

/** 100 uncached and 200 cached prompt tokens, 12 output tokens. */
export const OPENAI_EXPECTED_COST = 100 * 2e-6 + 200 * 0.5e-6 + 12 * 8e-6;
