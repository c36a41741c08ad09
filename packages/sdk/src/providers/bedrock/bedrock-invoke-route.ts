// Which InvokeModel body a `bedrock/invoke/<model-id>` speaks, told by the family marker in
// the id (inference profiles such as `us.meta.llama3-…` keep it): Claude's Messages body,
// Nova's messages-v1, OpenAI's chat body (gpt-oss, Qwen3), or one of the prompt families.
// An id without a known marker (an ARN, an imported model) is a 400 naming the Converse route.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { findPromptFamily, type PromptFamily } from './bedrock-prompt-families.js';
import { isAnthropicModel, type BedrockModel } from './parse-bedrock-model.js';

export type InvokeRoute = { kind: 'anthropic' } | { kind: 'nova' } | { kind: 'openai' } | { kind: 'prompt'; family: PromptFamily };

const OPENAI_MARKERS = ['openai.gpt-oss', 'qwen.'];

export function findInvokeRoute(model: BedrockModel, context: ProviderCallContext): InvokeRoute {
  const id = model.modelId;
  if (isAnthropicModel(id)) return { kind: 'anthropic' };
  if (id.includes('amazon.nova')) return { kind: 'nova' };
  if (OPENAI_MARKERS.some((marker) => id.includes(marker))) return { kind: 'openai' };
  const family = findPromptFamily(id);
  if (family !== undefined) return { kind: 'prompt', family };
  throw new BadRequestError(
    `bedrock/invoke/ speaks the bodies of Claude, Nova, Llama, Mistral, Titan Text, Command R, DeepSeek, Qwen and gpt-oss; use bedrock/converse/${id} for "${id}"`,
    { provider: context.provider, model: context.model, param: 'model' },
  );
}
