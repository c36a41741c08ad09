// Inference vendors that host open models behind an OpenAI-compatible chat API. Ids, URLs
// and variables follow LiteLLM (the file named in each row's `source`, under
// BerriAI/litellm/litellm/), so a LiteLLM config naming `nebius/…` or `zai/…` works as is.
// `llms/openai_like/providers.json` is LiteLLM's own table of such rows.

import type { OpenAIProviderConfig } from '../openai/openai-provider-config.js';
import { createMistralToolCallId } from './create-mistral-tool-call-id.js';
import { createKeyedRow as row } from './create-keyed-row.js';
import { MAX_TOKENS_ONLY } from './shared-quirks.js';

const PROVIDER_LOGIC = 'litellm_core_utils/get_llm_provider_logic.py';
const JSON_ROWS = 'llms/openai_like/providers.json';

export const HOSTED_MODEL_PROVIDERS: readonly OpenAIProviderConfig[] = [
  // DeepInfra's OpenAI API also serves images, Whisper transcription and TTS under the same base.
  row('deepinfra', 'https://api.deepinfra.com/v1/openai', ['DEEPINFRA_API_KEY'], ['DEEPINFRA_API_BASE'], 'llms/deepinfra/chat/transformation.py', {
    embeddings: true,
    media: ['generateImage', 'transcribe', 'speak'],
  }),
  // Anyscale Endpoints closed to new users in 2024; kept so that old configs still start.
  row('anyscale', 'https://api.endpoints.anyscale.com/v1', ['ANYSCALE_API_KEY'], ['ANYSCALE_API_BASE'], PROVIDER_LOGIC),
  row('sambanova', 'https://api.sambanova.ai/v1', ['SAMBANOVA_API_KEY'], ['SAMBANOVA_API_BASE'], PROVIDER_LOGIC, {
    // SambaNova's chat API documents a 400 for these.
    unsupportedParams: ['logit_bias', 'logprobs', 'top_logprobs', 'n', 'metadata', 'service_tier'],
    // Its DeepSeek-R1 answers with the `<think>` block in the content.
    quirks: { thinkTags: true },
  }),
  // Nebius AI Studio is now Nebius Token Factory: its docs (docs.tokenfactory.nebius.com, "Text generation", checked 2026-12)
  // give this base; LiteLLM still defaults to the old https://api.studio.nebius.ai/v1.
  row('nebius', 'https://api.tokenfactory.nebius.com/v1', ['NEBIUS_API_KEY'], ['NEBIUS_API_BASE'], 'llms/nebius/chat/transformation.py; docs.tokenfactory.nebius.com', {
    embeddings: true,
    // Nebius AI Studio's `/v1/images/generations` (FLUX models).
    media: ['generateImage'],
    quirks: { renameParams: MAX_TOKENS_ONLY },
  }),
  // The base in Novita's LLM API guide (novita.ai/docs/guides/llm-api) and LiteLLM's Novita page, checked 2026-12.
  // Novita's reasoning models write `<think>` into the content unless asked (`separate_reasoning`, which LiteLLM lists).
  row('novita', 'https://api.novita.ai/v3/openai', ['NOVITA_API_KEY'], ['NOVITA_API_BASE'], `${PROVIDER_LOGIC}; novita.ai/docs/guides/llm-api`, {
    quirks: { thinkTags: true },
  }),
  row('hyperbolic', 'https://api.hyperbolic.xyz/v1', ['HYPERBOLIC_API_KEY'], ['HYPERBOLIC_API_BASE'], 'llms/hyperbolic/chat/transformation.py', {
    unsupportedParams: ['logit_bias', 'logprobs', 'top_logprobs', 'metadata', 'service_tier'],
    quirks: { renameParams: MAX_TOKENS_ONLY },
  }),
  row('lambda_ai', 'https://api.lambda.ai/v1', ['LAMBDA_API_KEY'], ['LAMBDA_API_BASE'], 'llms/lambda_ai/chat/transformation.py'),
  row('nscale', 'https://inference.api.nscale.com/v1', ['NSCALE_API_KEY'], ['NSCALE_API_BASE'], 'llms/nscale/chat/transformation.py'),
  row('featherless_ai', 'https://api.featherless.ai/v1', ['FEATHERLESS_API_KEY'], ['FEATHERLESS_API_BASE'], 'llms/featherless_ai/chat/transformation.py', {
    quirks: { renameParams: MAX_TOKENS_ONLY },
  }),
  row('moonshot', 'https://api.moonshot.ai/v1', ['MOONSHOT_API_KEY'], ['MOONSHOT_API_BASE'], 'llms/moonshot/chat/transformation.py'),
  // Alibaba Cloud Model Studio's international endpoint; mainland China uses dashscope.aliyuncs.com.
  row('dashscope', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', ['DASHSCOPE_API_KEY'], ['DASHSCOPE_API_BASE'], 'llms/dashscope/chat/transformation.py', {
    embeddings: true,
  }),
  row('zai', 'https://api.z.ai/api/paas/v4', ['ZAI_API_KEY'], ['ZAI_API_BASE'], 'llms/zai/chat/transformation.py'),
  row('minimax', 'https://api.minimax.io/v1', ['MINIMAX_API_KEY'], ['MINIMAX_API_BASE'], 'llms/minimax/chat/transformation.py'),
  row('volcengine', 'https://ark.cn-beijing.volces.com/api/v3', ['VOLCENGINE_API_KEY', 'ARK_API_KEY'], ['VOLCENGINE_API_BASE'], PROVIDER_LOGIC, { embeddings: true }),
  // Baseten's Model APIs base, as in Baseten's own OpenAI-client examples and LiteLLM (checked 2026-12); a dedicated
  // deployment is https://model-<id>.api.baseten.co/… and goes in api_base.
  row('baseten', 'https://inference.baseten.co/v1', ['BASETEN_API_KEY'], ['BASETEN_API_BASE'], 'llms/baseten/chat/transformation.py; docs.baseten.co', {
    quirks: { renameParams: MAX_TOKENS_ONLY },
  }),
  row('friendliai', 'https://api.friendli.ai/serverless/v1', ['FRIENDLIAI_API_KEY', 'FRIENDLI_TOKEN'], ['FRIENDLI_API_BASE'], PROVIDER_LOGIC),
  row('galadriel', 'https://api.galadriel.com/v1', ['GALADRIEL_API_KEY'], ['GALADRIEL_API_BASE'], PROVIDER_LOGIC),
  row('ovhcloud', 'https://oai.endpoints.kepler.ai.cloud.ovh.net/v1', ['OVHCLOUD_API_KEY'], ['OVHCLOUD_API_BASE'], 'llms/ovhcloud/chat/transformation.py', { embeddings: true }),
  row('scaleway', 'https://api.scaleway.ai/v1', ['SCW_SECRET_KEY'], [], JSON_ROWS, { embeddings: true }),
  // Mistral's code endpoint: Mistral's API and its deviations.
  row('codestral', 'https://codestral.mistral.ai/v1', ['CODESTRAL_API_KEY'], ['CODESTRAL_API_BASE'], PROVIDER_LOGIC, {
    unsupportedParams: ['logit_bias', 'logprobs', 'top_logprobs', 'user', 'metadata', 'service_tier', 'reasoning_effort'],
    quirks: { toolCallId: createMistralToolCallId, renameParams: { ...MAX_TOKENS_ONLY, seed: 'random_seed' }, omitStreamOptions: true },
  }),
  row('ai21_chat', 'https://api.ai21.com/studio/v1', ['AI21_API_KEY'], ['AI21_API_BASE'], PROVIDER_LOGIC),
  row('empower', 'https://app.empower.dev/api/v1', ['EMPOWER_API_KEY'], ['EMPOWER_API_BASE'], PROVIDER_LOGIC),
  row('wandb', 'https://api.inference.wandb.ai/v1', ['WANDB_API_KEY'], ['WANDB_API_BASE'], 'llms/wandb/chat/transformation.py'),
  row('v0', 'https://api.v0.dev/v1', ['V0_API_KEY'], ['V0_API_BASE'], 'llms/v0/chat/transformation.py'),
  row('morph', 'https://api.morphllm.com/v1', ['MORPH_API_KEY'], ['MORPH_API_BASE'], 'llms/morph/chat/transformation.py'),
  row('compactifai', 'https://api.compactif.ai/v1', ['COMPACTIFAI_API_KEY'], ['COMPACTIFAI_API_BASE'], 'llms/compactifai/chat/transformation.py'),
  row('publicai', 'https://api.publicai.co/v1', ['PUBLICAI_API_KEY'], ['PUBLICAI_API_BASE'], JSON_ROWS, { quirks: { renameParams: MAX_TOKENS_ONLY } }),
  row('veniceai', 'https://api.venice.ai/api/v1', ['VENICE_AI_API_KEY'], [], JSON_ROWS),
  row('xiaomi_mimo', 'https://api.xiaomimimo.com/v1', ['XIAOMI_MIMO_API_KEY'], [], JSON_ROWS, { quirks: { renameParams: MAX_TOKENS_ONLY } }),
  row('synthetic', 'https://api.synthetic.new/openai/v1', ['SYNTHETIC_API_KEY'], [], JSON_ROWS, { quirks: { renameParams: MAX_TOKENS_ONLY } }),
  row('chutes', 'https://llm.chutes.ai/v1', ['CHUTES_API_KEY'], [], JSON_ROWS, { quirks: { renameParams: MAX_TOKENS_ONLY } }),
  row('abliteration', 'https://api.abliteration.ai/v1', ['ABLITERATION_API_KEY'], [], JSON_ROWS),
  row('gmi', 'https://api.gmi-serving.com/v1', ['GMI_API_KEY'], [], JSON_ROWS),
  // Sarvam reads its key from a header of its own.
  row('sarvam', 'https://api.sarvam.ai/v1', ['SARVAM_API_KEY'], [], JSON_ROWS, {
    authHeader: { name: 'api-subscription-key', prefix: '' },
    quirks: { renameParams: MAX_TOKENS_ONLY },
  }),
  row('crusoe', 'https://managed-inference-api-proxy.crusoecloud.com/v1', ['CRUSOE_API_KEY'], ['CRUSOE_API_BASE'], JSON_ROWS, {
    quirks: { renameParams: MAX_TOKENS_ONLY },
  }),
];
