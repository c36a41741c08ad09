// `thinking` reaches native providers as the client sent it (the gateway does not parse
// provider parameters), so its shape is checked where it is mapped: a malformed one is a 400
// naming it, never a converter's TypeError or a silently different request.

import { BadRequestError } from '../errors/error-classes.js';
import type { ThinkingParam } from '../spec/index.js';

export function checkThinkingParam(thinking: unknown): ThinkingParam {
  const value = typeof thinking === 'object' && thinking !== null ? (thinking as Record<string, unknown>) : {};
  if (value['type'] === 'disabled') return { type: 'disabled' };
  const budget = value['budget_tokens'];
  if (value['type'] === 'enabled' && typeof budget === 'number' && Number.isInteger(budget) && budget >= 0) return { type: 'enabled', budget_tokens: budget };
  throw new BadRequestError('thinking must be {"type": "enabled", "budget_tokens": <integer>} or {"type": "disabled"}', { param: 'thinking' });
}
