// OpenAI's web_search_options → Anthropic's server-side web search tool, as LiteLLM maps
// it: search_context_size bounds the searches per call (max_uses), and the approximate
// user_location moves up a level. Another field has no Anthropic equivalent: a 400 naming it.

import { BadRequestError } from '../../errors/error-classes.js';
import type { AnthropicWebSearchTool } from './anthropic-api.js';

const MAX_USES: Readonly<Record<string, number>> = { low: 1, medium: 5, high: 10 };
const LOCATION_FIELDS = ['city', 'region', 'country', 'timezone'] as const;

export function convertAnthropicWebSearch(options: Readonly<Record<string, unknown>>): AnthropicWebSearchTool {
  const tool: AnthropicWebSearchTool = { type: 'web_search_20250305', name: 'web_search' };
  for (const key of Object.keys(options)) {
    if (key !== 'search_context_size' && key !== 'user_location') {
      throw new BadRequestError(`web_search_options.${key} has no Anthropic equivalent`, { param: `web_search_options.${key}` });
    }
  }
  const size = options['search_context_size'];
  if (size !== undefined && size !== null) {
    const maxUses = typeof size === 'string' ? MAX_USES[size] : undefined;
    if (maxUses === undefined)
      throw new BadRequestError('web_search_options.search_context_size must be "low", "medium" or "high"', { param: 'web_search_options.search_context_size' });
    tool.max_uses = maxUses;
  }
  const location = options['user_location'];
  if (location !== undefined && location !== null) tool.user_location = toUserLocation(location);
  return tool;
}

/** OpenAI: `{type:'approximate', approximate:{city,...}}`; Anthropic: `{type:'approximate', city,...}`. */
function toUserLocation(location: unknown): NonNullable<AnthropicWebSearchTool['user_location']> {
  const approximate = isObject(location) ? location['approximate'] : undefined;
  if (!isObject(location) || location['type'] !== 'approximate' || !isObject(approximate)) {
    throw new BadRequestError('web_search_options.user_location must be {"type":"approximate","approximate":{...}}', { param: 'web_search_options.user_location' });
  }
  const mapped: NonNullable<AnthropicWebSearchTool['user_location']> = { type: 'approximate' };
  for (const field of LOCATION_FIELDS) {
    const value = approximate[field];
    if (typeof value === 'string') mapped[field] = value;
  }
  return mapped;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
