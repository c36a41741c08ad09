// Servers the caller runs or chooses: only the caller knows the address, and most need no
// key. `hosted_vllm`, `lm_studio` and `llamafile` are with the first rows. Facts from LiteLLM.

import type { OpenAIProviderConfig } from '../openai/openai-provider-config.js';

function selfHosted(id: string, apiKeyEnv: readonly string[], apiBaseEnv: readonly string[], source: string, more: Partial<OpenAIProviderConfig> = {}): OpenAIProviderConfig {
  return { id, apiBase: undefined, apiKeyEnv, apiBaseEnv, apiKey: 'optional', embeddings: true, source, ...more };
}

export const SELF_HOSTED_PROVIDERS: readonly OpenAIProviderConfig[] = [
  // LiteLLM's `vllm/` runs the vllm Python library in-process; llmux cannot, so `vllm/`
  // reaches a vLLM server exactly as `hosted_vllm/` does.
  selfHosted('vllm', ['HOSTED_VLLM_API_KEY'], ['HOSTED_VLLM_API_BASE'], 'llms/vllm/completion/handler.py', { quirks: { reasoningField: 'reasoning' } }),
  selfHosted('xinference', ['XINFERENCE_API_KEY'], ['XINFERENCE_API_BASE'], 'llms/xinference/', { apiBase: 'http://127.0.0.1:9997/v1' }),
  // Another LiteLLM proxy (or another llmux) as the upstream.
  selfHosted('litellm_proxy', ['LITELLM_PROXY_API_KEY'], ['LITELLM_PROXY_API_BASE'], 'llms/litellm_proxy/chat/transformation.py', { responses: true }),
  // Any OpenAI-compatible server at api_base, with the caller's key.
  selfHosted('openai_like', [], [], 'llms/openai_like/chat/handler.py'),
  // As openai_like, but LiteLLM falls back to OPENAI_API_KEY.
  selfHosted('custom_openai', ['OPENAI_API_KEY'], [], 'litellm/main.py (custom_openai branch)'),
  selfHosted('docker_model_runner', ['DOCKER_MODEL_RUNNER_API_KEY'], ['DOCKER_MODEL_RUNNER_API_BASE'], 'llms/docker_model_runner/chat/transformation.py', {
    // Docker's documented host address for the Model Runner's OpenAI-compatible API.
    apiBase: 'http://localhost:12434/engines/v1',
  }),
  selfHosted('lemonade', ['LEMONADE_API_KEY'], ['LEMONADE_API_BASE'], 'llms/lemonade/chat/transformation.py', { apiBase: 'http://localhost:8000/api/v1' }),
];
