// Every environment variable the gateway and its providers read, for `llmux --help` and the
// README. test/cli-help.test.ts scans the source for env reads and fails when one is missing.

import { describeProviders, getDefaultProviderRegistry } from 'llmux';

interface EnvironmentGroup {
  title: string;
  variables: ReadonlyArray<readonly [name: string, meaning: string]>;
}

/** Providers' key and base-URL variables, read when a deployment gives no api_key / api_base. */
const PROVIDER_VARIABLES: ReadonlyArray<readonly [provider: string, keys: string, bases: string]> = [
  ['openai', 'OPENAI_API_KEY, OPENAI_ORGANIZATION', 'OPENAI_BASE_URL, OPENAI_API_BASE'],
  ['anthropic', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL, ANTHROPIC_API_BASE'],
  [
    'azure',
    'AZURE_API_KEY, AZURE_OPENAI_API_KEY, AZURE_AD_TOKEN, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_TENANT_ID, AZURE_AUTHORITY_HOST',
    'AZURE_API_BASE, AZURE_OPENAI_ENDPOINT (AZURE_API_VERSION, OPENAI_API_VERSION)',
  ],
  ['bedrock / sagemaker', 'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_BEARER_TOKEN_BEDROCK', 'AWS_REGION, AWS_DEFAULT_REGION, AWS_BEDROCK_RUNTIME_ENDPOINT'],
  ['vertex_ai', 'GOOGLE_APPLICATION_CREDENTIALS', 'VERTEXAI_PROJECT, GOOGLE_CLOUD_PROJECT, VERTEXAI_LOCATION'],
  ['gemini', 'GEMINI_API_KEY, GOOGLE_API_KEY', 'GEMINI_API_BASE'],
  ['cohere', 'COHERE_API_KEY, CO_API_KEY', 'COHERE_API_BASE'],
  ['ollama', 'OLLAMA_API_KEY', 'OLLAMA_API_BASE'],
  ['deepseek', 'DEEPSEEK_API_KEY', 'DEEPSEEK_API_BASE'],
  ['groq', 'GROQ_API_KEY', 'GROQ_API_BASE'],
  ['mistral', 'MISTRAL_API_KEY, MISTRAL_AZURE_API_KEY', 'MISTRAL_API_BASE, MISTRAL_AZURE_API_BASE'],
  ['xai', 'XAI_API_KEY', 'XAI_API_BASE'],
  ['nvidia_nim', 'NVIDIA_NIM_API_KEY', 'NVIDIA_NIM_API_BASE'],
  ['together_ai', 'TOGETHER_API_KEY, TOGETHER_AI_API_KEY, TOGETHERAI_API_KEY, TOGETHER_AI_TOKEN', 'TOGETHER_AI_API_BASE'],
  ['fireworks_ai', 'FIREWORKS_API_KEY, FIREWORKS_AI_API_KEY, FIREWORKSAI_API_KEY, FIREWORKS_AI_TOKEN', 'FIREWORKS_API_BASE'],
  ['openrouter', 'OPENROUTER_API_KEY, OR_API_KEY (OR_SITE_URL, OR_APP_NAME)', 'OPENROUTER_API_BASE'],
  ['perplexity', 'PERPLEXITYAI_API_KEY, PERPLEXITY_API_KEY', 'PERPLEXITY_API_BASE'],
  ['cerebras', 'CEREBRAS_API_KEY', 'CEREBRAS_API_BASE'],
  ['meta_llama', 'LLAMA_API_KEY', 'LLAMA_API_BASE'],
  ['huggingface', 'HF_TOKEN, HUGGINGFACE_API_KEY', 'HF_API_BASE, HUGGINGFACE_API_BASE'],
  ['hosted_vllm', 'HOSTED_VLLM_API_KEY', 'HOSTED_VLLM_API_BASE'],
  ['lm_studio', 'LM_STUDIO_API_KEY', 'LM_STUDIO_API_BASE'],
  ['llamafile', 'LLAMAFILE_API_KEY', 'LLAMAFILE_API_BASE'],
  ['jina_ai', 'JINA_AI_API_KEY', 'JINA_AI_API_BASE'],
  ['voyage', 'VOYAGE_API_KEY, VOYAGE_AI_API_KEY', 'VOYAGE_API_BASE'],
  ['infinity', 'INFINITY_API_KEY', 'INFINITY_API_BASE'],
  ['bedrock rerank', 'as bedrock', 'AWS_BEDROCK_AGENT_RUNTIME_ENDPOINT'],
  ['bedrock batches', 'as bedrock (s3_* settings for the bucket)', 'AWS_ENDPOINT_URL_BEDROCK, AWS_ENDPOINT_URL_S3'],
  ['vertex_ai batches', 'as vertex_ai; GCS_BATCH_BUCKET_NAME when no gcs_bucket_name', 'STORAGE_EMULATOR_HOST'],
];

const ENVIRONMENT_GROUPS: readonly EnvironmentGroup[] = [
  {
    title: 'Gateway',
    variables: [
      ['LLMUX_MASTER_KEY', 'require this key (Authorization: Bearer <key>) on API routes; sk-..., 8+ characters'],
      ['LITELLM_MASTER_KEY', "the same, under LiteLLM's name (LLMUX_MASTER_KEY wins)"],
      ['LLMUX_LOG_LEVEL', 'trace, debug, info (default), warn, error, silent'],
      ['LLMUX_HOME', 'folder of the embedded SQLite store (default ./.llmux)'],
      ['DATABASE_URL', 'postgres://... to keep keys, spend and audit in PostgreSQL'],
      ['REDIS_URL', 'share limits, budgets, cooldowns and key changes between instances'],
      ['REDIS_HOST, REDIS_PORT, REDIS_PASSWORD', 'Redis by parts, as LiteLLM reads them'],
    ],
  },
  {
    title: 'Alerts, callbacks and traces',
    variables: [
      ['SLACK_WEBHOOK_URL, WEBHOOK_URL', 'where alerts go (general_settings.alerting)'],
      ['GENERIC_LOGGER_ENDPOINT, GENERIC_LOGGER_HEADERS', "the generic_api callback's target"],
      ['LLMUX_CALLBACK_FILE', "the file callback's path"],
      ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_ENDPOINT', 'OTLP/HTTP trace target'],
      ['OTEL_EXPORTER_OTLP_HEADERS, OTEL_HEADERS, OTEL_SERVICE_NAME', 'trace export headers and service name'],
    ],
  },
  {
    title: 'Provider credentials (key variables | base-URL variables)',
    variables: [...PROVIDER_VARIABLES.map(([provider, keys, bases]) => [provider, `${keys} | ${bases}`] as const), ...describedProviderVariables()],
  },
];

/** The other providers' variables, as their rows and adapters declare them (llmux --list-providers). */
function describedProviderVariables(): Array<readonly [string, string]> {
  const listed = new Set(PROVIDER_VARIABLES.flatMap(([provider]) => provider.split(' / ')));
  return describeProviders(getDefaultProviderRegistry())
    .filter((row) => !listed.has(row.id) && row.keyEnv.length + row.baseEnv.length > 0)
    .map((row) => [row.id, `${row.keyEnv.join(', ') || '-'} | ${row.baseEnv.join(', ') || '-'}`] as const);
}

export function formatEnvironmentHelp(): string {
  const lines: string[] = [];
  for (const group of ENVIRONMENT_GROUPS) {
    lines.push(`  ${group.title}:`);
    for (const [name, meaning] of group.variables) lines.push(`    ${name}\n        ${meaning}`);
  }
  return `${lines.join('\n')}\n`;
}
