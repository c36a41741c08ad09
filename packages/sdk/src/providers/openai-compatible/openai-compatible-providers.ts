// Every provider that speaks OpenAI's Chat Completions format, one row each. Ids, environment
// variables and default URLs follow LiteLLM, so `deepseek/deepseek-chat` and a LiteLLM
// config work unchanged. Deviations are declared in `quirks` and `unsupportedParams`; the
// generic adapter (providers/openai/) reads them and never a provider's name.

import type { OpenAIProviderConfig } from '../openai/openai-provider-config.js';
import { CLOUD_PLATFORM_PROVIDERS } from './cloud-platform-providers.js';
import { createMistralToolCallId } from './create-mistral-tool-call-id.js';
import { HOSTED_MODEL_PROVIDERS } from './hosted-model-providers.js';
import { MODEL_GATEWAY_PROVIDERS } from './model-gateway-providers.js';
import { SELF_HOSTED_PROVIDERS } from './self-hosted-providers.js';
import { MAX_TOKENS_ONLY } from './shared-quirks.js';

const FIRST_ROWS: readonly OpenAIProviderConfig[] = [
  {
    id: 'openai',
    apiBase: 'https://api.openai.com/v1',
    apiKeyEnv: ['OPENAI_API_KEY'],
    apiBaseEnv: ['OPENAI_BASE_URL', 'OPENAI_API_BASE'],
    // `openai/<model>` with an api_base is how vLLM, LM Studio and llama.cpp servers are reached.
    apiKey: 'required-for-default-base',
    optionalHeaders: [{ header: 'OpenAI-Organization', setting: 'organization', env: ['OPENAI_ORGANIZATION'] }],
    embeddings: true,
    responses: true,
    // Its instruct and base models; chat models answer 404 there and are bridged.
    completions: /^(gpt-3\.5-turbo-instruct|davinci-002|babbage-002)/,
    moderations: true,
    batches: true,
    media: ['generateImage', 'editImage', 'transcribe', 'speak'],
    speechUsageEvents: true,
    // OpenAI sends no `reasoning`; the self-hosted servers reached through this row do.
    quirks: { reasoningField: 'reasoning' },
  },
  {
    id: 'deepseek',
    // LiteLLM defaults to `/beta`; the documented base serves the same chat API.
    apiBase: 'https://api.deepseek.com',
    apiKeyEnv: ['DEEPSEEK_API_KEY'],
    apiBaseEnv: ['DEEPSEEK_API_BASE'],
    apiKey: 'required',
    unsupportedParams: ['n', 'seed', 'logit_bias', 'parallel_tool_calls', 'reasoning_effort', 'metadata', 'service_tier'],
    embeddings: false,
    // Tool loops in thinking mode need the earlier turns' reasoning sent back.
    quirks: { renameParams: MAX_TOKENS_ONLY, sendReasoningContent: true },
  },
  {
    id: 'groq',
    apiBase: 'https://api.groq.com/openai/v1',
    apiKeyEnv: ['GROQ_API_KEY'],
    apiBaseEnv: ['GROQ_API_BASE'],
    apiKey: 'required',
    // Groq documents a 400 for each of these.
    unsupportedParams: ['logprobs', 'top_logprobs', 'logit_bias'],
    embeddings: false,
    // Whisper transcriptions and translations, and PlayAI TTS, under /openai/v1/audio.
    media: ['transcribe', 'speak'],
    // Groq's reasoning_format `raw` (its default without tools or JSON mode) writes `<think>` into the content.
    quirks: { reasoningField: 'reasoning', thinkTags: true },
  },
  {
    id: 'mistral',
    apiBase: 'https://api.mistral.ai/v1',
    apiKeyEnv: ['MISTRAL_AZURE_API_KEY', 'MISTRAL_API_KEY'],
    apiBaseEnv: ['MISTRAL_AZURE_API_BASE', 'MISTRAL_API_BASE'],
    apiKey: 'required',
    // Mistral answers 422 ("Extra inputs are not permitted") to fields it does not know.
    unsupportedParams: ['logit_bias', 'logprobs', 'top_logprobs', 'user', 'metadata', 'service_tier', 'reasoning_effort'],
    embeddings: true,
    embeddingParams: { dimensions: 'output_dimension', user: null },
    // Voxtral at /v1/audio/transcriptions.
    media: ['transcribe'],
    quirks: {
      toolCallId: createMistralToolCallId,
      renameParams: { ...MAX_TOKENS_ONLY, seed: 'random_seed' },
      omitStreamOptions: true,
    },
  },
  {
    id: 'xai',
    apiBase: 'https://api.x.ai/v1',
    apiKeyEnv: ['XAI_API_KEY'],
    apiBaseEnv: ['XAI_API_BASE'],
    apiKey: 'required',
    unsupportedParams: ['metadata', 'service_tier'],
    embeddings: false,
    // grok-2-image at /v1/images/generations.
    media: ['generateImage'],
  },
  {
    id: 'nvidia_nim',
    apiBase: 'https://integrate.api.nvidia.com/v1',
    apiKeyEnv: ['NVIDIA_NIM_API_KEY'],
    apiBaseEnv: ['NVIDIA_NIM_API_BASE'],
    apiKey: 'required',
    unsupportedParams: ['n', 'logit_bias', 'logprobs', 'top_logprobs', 'user', 'reasoning_effort', 'metadata', 'service_tier'],
    embeddings: true,
    // NIM's DeepSeek-R1 answers with its `<think>` block in the content.
    quirks: { renameParams: MAX_TOKENS_ONLY, thinkTags: true },
  },
  {
    id: 'together_ai',
    apiBase: 'https://api.together.xyz/v1',
    apiKeyEnv: ['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY', 'TOGETHERAI_API_KEY', 'TOGETHER_AI_TOKEN'],
    apiBaseEnv: ['TOGETHER_AI_API_BASE'],
    apiKey: 'required',
    unsupportedParams: ['metadata', 'service_tier'],
    embeddings: true,
    completions: true,
    // /v1/images/generations (FLUX), /v1/audio/speech and /v1/audio/transcriptions.
    media: ['generateImage', 'transcribe', 'speak'],
    rerank: { path: '/rerank', wire: 'cohere' },
    // DeepSeek-R1 and QwQ on Together write their `<think>` block into the content.
    quirks: { reasoningField: 'reasoning', thinkTags: true },
  },
  {
    id: 'fireworks_ai',
    apiBase: 'https://api.fireworks.ai/inference/v1',
    apiKeyEnv: ['FIREWORKS_API_KEY', 'FIREWORKS_AI_API_KEY', 'FIREWORKSAI_API_KEY', 'FIREWORKS_AI_TOKEN'],
    apiBaseEnv: ['FIREWORKS_API_BASE'],
    apiKey: 'required',
    unsupportedParams: ['logit_bias', 'metadata', 'service_tier'],
    embeddings: true,
    // No `media`: Fireworks' images are workflow paths and its audio another host, not OpenAI's paths under this base.
    // Fireworks names OpenAI's `required` tool choice `any`.
    // Fireworks' DeepSeek-R1 and Qwen3 write their `<think>` block into the content.
    quirks: { toolChoice: (choice) => (choice === 'required' ? 'any' : choice), thinkTags: true },
  },
  {
    id: 'openrouter',
    apiBase: 'https://openrouter.ai/api/v1',
    apiKeyEnv: ['OPENROUTER_API_KEY', 'OR_API_KEY'],
    apiBaseEnv: ['OPENROUTER_API_BASE'],
    apiKey: 'required',
    // OpenRouter's app attribution headers, as LiteLLM reads them.
    optionalHeaders: [
      { header: 'HTTP-Referer', env: ['OR_SITE_URL'] },
      { header: 'X-Title', env: ['OR_APP_NAME'] },
    ],
    embeddings: false,
    quirks: { reasoningField: 'reasoning' },
  },
  {
    id: 'perplexity',
    apiBase: 'https://api.perplexity.ai',
    apiKeyEnv: ['PERPLEXITYAI_API_KEY', 'PERPLEXITY_API_KEY'],
    apiBaseEnv: ['PERPLEXITY_API_BASE'],
    apiKey: 'required',
    unsupportedParams: ['n', 'stop', 'seed', 'logit_bias', 'logprobs', 'top_logprobs', 'tools', 'tool_choice', 'parallel_tool_calls', 'user', 'metadata', 'service_tier'],
    embeddings: false,
    // Perplexity reports usage on its stream chunks unasked.
    quirks: { renameParams: MAX_TOKENS_ONLY, omitStreamOptions: true },
  },
  {
    id: 'cerebras',
    apiBase: 'https://api.cerebras.ai/v1',
    apiKeyEnv: ['CEREBRAS_API_KEY'],
    apiBaseEnv: ['CEREBRAS_API_BASE'],
    apiKey: 'required',
    unsupportedParams: ['frequency_penalty', 'presence_penalty', 'logit_bias', 'n', 'metadata', 'service_tier'],
    embeddings: false,
  },
  {
    id: 'meta_llama',
    apiBase: 'https://api.llama.com/compat/v1',
    apiKeyEnv: ['LLAMA_API_KEY'],
    apiBaseEnv: ['LLAMA_API_BASE'],
    apiKey: 'required',
    unsupportedParams: [
      'n',
      'seed',
      'logit_bias',
      'logprobs',
      'top_logprobs',
      'presence_penalty',
      'frequency_penalty',
      'parallel_tool_calls',
      'reasoning_effort',
      'metadata',
      'service_tier',
    ],
    embeddings: false,
  },
  {
    id: 'huggingface',
    apiBase: 'https://router.huggingface.co/v1',
    apiKeyEnv: ['HF_TOKEN', 'HUGGINGFACE_API_KEY'],
    apiBaseEnv: ['HF_API_BASE', 'HUGGINGFACE_API_BASE'],
    apiKey: 'required',
    unsupportedParams: ['metadata', 'service_tier'],
    embeddings: false,
    // A Text Embeddings Inference server's `/rerank`, at the deployment's api_base (as LiteLLM's huggingface rerank).
    rerank: { path: '/rerank', wire: 'tei' },
    quirks: { reasoningField: 'reasoning' },
  },
  {
    id: 'hosted_vllm',
    // Only the caller knows where its vLLM server runs.
    apiBase: undefined,
    apiKeyEnv: ['HOSTED_VLLM_API_KEY'],
    apiBaseEnv: ['HOSTED_VLLM_API_BASE'],
    apiKey: 'optional',
    embeddings: true,
    completions: true,
    // vLLM serves /v1/audio/transcriptions and /translations for Whisper-style models.
    media: ['transcribe'],
    // A vLLM server started without --reasoning-parser leaves a reasoning model's `<think>` block in the content.
    quirks: { reasoningField: 'reasoning', thinkTags: true },
  },
  {
    id: 'lm_studio',
    // LM Studio's own default server; LiteLLM has no default and fails instead.
    apiBase: 'http://localhost:1234/v1',
    apiKeyEnv: ['LM_STUDIO_API_KEY'],
    apiBaseEnv: ['LM_STUDIO_API_BASE'],
    apiKey: 'optional',
    embeddings: true,
    quirks: { reasoningField: 'reasoning' },
  },
  {
    id: 'llamafile',
    apiBase: 'http://127.0.0.1:8080/v1',
    apiKeyEnv: ['LLAMAFILE_API_KEY'],
    apiBaseEnv: ['LLAMAFILE_API_BASE'],
    apiKey: 'optional',
    embeddings: true,
  },
];

export const OPENAI_COMPATIBLE_PROVIDERS: readonly OpenAIProviderConfig[] = [
  ...FIRST_ROWS,
  ...HOSTED_MODEL_PROVIDERS,
  ...MODEL_GATEWAY_PROVIDERS,
  ...CLOUD_PLATFORM_PROVIDERS,
  ...SELF_HOSTED_PROVIDERS,
];
