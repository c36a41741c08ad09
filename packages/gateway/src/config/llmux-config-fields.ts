// Fields llmux reads, by config section: the zod schema's fields plus the settings other
// modules read through the sections' index signatures. A new setting is added here, or the
// strict check at start refuses it as unknown.

import { CHAT_PARAMETER_NAMES, PROVIDER_PARAMETER_NAMES } from 'llmux';
import { configSchema } from './config-schema.js';
import { routerSettingsShape } from './router-settings-schema.js';

const shapeKeys = (schema: { shape: object }): string[] => Object.keys(schema.shape);

/** A deployment's own prices, accepted in litellm_params and in model_info alike (as LiteLLM does). */
const PRICE_FIELDS = [
  'input_cost_per_token',
  'output_cost_per_token',
  'cache_read_input_token_cost',
  'cache_creation_input_token_cost',
  'input_cost_per_second',
  'output_cost_per_second',
  'input_cost_per_query',
];

// `guardrails` is read by guardrails/parse-guardrail-settings.ts, strictly, with its own paths.
export const LLMUX_TOP_LEVEL = [...shapeKeys(configSchema), 'guardrails'];

export const LLMUX_LITELLM_SETTINGS = [
  'drop_params',
  'request_timeout',
  'success_callback',
  'failure_callback',
  'callbacks',
  'callback_settings',
  'turn_off_message_logging',
  'require_auth_for_metrics_endpoint',
  'max_budget',
  'budget_duration',
  'max_end_user_budget',
  'cache',
  'cache_params',
  'num_retries',
  'retry_policy',
  'allowed_fails',
  'allowed_fails_policy',
  'cooldown_time',
  'fallbacks',
  'context_window_fallbacks',
  'content_policy_fallbacks',
  'default_fallbacks',
  'max_fallbacks',
  'reject_unpriced',
  // Defaults for records created later (management/new-record-defaults.ts).
  'default_team_params',
  'default_internal_user_params',
  // Tag budgets declared in the config (spend/configured-tag-budgets.ts).
  'tag_budget_config',
  // Per-team logging callbacks (observability/callbacks/create-callbacks.ts).
  'default_team_settings',
];

export const LLMUX_GENERAL_SETTINGS = [
  'master_key',
  'database_url',
  'max_request_size_mb',
  'public_metrics',
  'alerting',
  'alerting_webhook_url',
  'alerting_args',
  'store_prompts_in_spend_logs',
  'redis_url',
  'proxy_batch_write_at',
  'spend_logs_max_buffered_rows',
  'budget_reset_sweep_seconds',
  'background_health_checks',
  'health_check_interval',
  'shutdown_grace_seconds',
  'user_api_key_cache_ttl',
  'key_cache_stale_seconds',
  'responses_retention_days',
  'chat_passthrough',
  'disable_spend_logs',
];

export const LLMUX_ROUTER_SETTINGS = Object.keys(routerSettingsShape);

export const LLMUX_DEPLOYMENT = ['model_name', 'litellm_params', 'model_info'];

/** Call options, routing fields, provider settings, price overrides, and default body parameters. */
export const LLMUX_PARAMS = [
  'model',
  'api_key',
  'api_base',
  'api_version',
  'timeout',
  'stream_timeout',
  'stream_idle_timeout',
  'drop_params',
  'extra_headers',
  'rpm',
  'tpm',
  'weight',
  'order',
  'tags',
  'max_parallel_requests',
  // A deployment's own budget (budget routing, sdk/src/router/deployment-budgets.ts).
  'max_budget',
  'budget_duration',
  ...PRICE_FIELDS,
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_region_name',
  'aws_bedrock_runtime_endpoint',
  'aws_sagemaker_runtime_endpoint',
  // Bedrock batch inference (LiteLLM's names): the S3 bucket and its credentials, the job role, the control plane's address.
  's3_bucket_name',
  's3_region_name',
  's3_access_key_id',
  's3_secret_access_key',
  's3_session_token',
  's3_endpoint_url',
  's3_encryption_key_id',
  'aws_batch_role_arn',
  'aws_bedrock_endpoint',
  // Vertex AI batch prediction (LiteLLM's names): the Cloud Storage bucket for inputs and outputs (bucket_name is the older spelling).
  'gcs_bucket_name',
  'bucket_name',
  'azure_ad_token',
  'azure_authority_host',
  'azure_scope',
  'vertex_project',
  'vertex_location',
  'vertex_credentials',
  'vertex_ai_project',
  'vertex_ai_location',
  'input_type',
  'truncate',
  'model_id',
  'extra_body',
  'base_model',
  // Account ids that OpenAI-compatible rows build their address from (providers/openai-compatible).
  'cloudflare_account_id',
  'snowflake_account_id',
  // IBM watsonx.ai's project or space, a ready token, a Cloud Pak ZenApiKey (providers/watsonx).
  'project_id',
  'space_id',
  'watsonx_project',
  'token',
  'zen_api_key',
  // The TGI generate prompt of sagemaker/: the model whose template to use, or a deployment's own template (providers/sagemaker).
  'hf_model_name',
  'roles',
  'initial_prompt_value',
  'final_prompt_value',
  'bos_token',
  'eos_token',
  ...CHAT_PARAMETER_NAMES,
  ...PROVIDER_PARAMETER_NAMES,
];

export const LLMUX_MODEL_INFO = ['id', 'mode', 'max_input_tokens', 'access_groups', 'health_check_model', 'health_check_timeout', 'base_model', ...PRICE_FIELDS];

export const LLMUX_CACHE_PARAMS = [
  'url',
  'redis_url',
  'host',
  'port',
  'password',
  'type',
  'ttl',
  'namespace',
  'mode',
  'supported_call_types',
  'scope',
  'max_size_in_memory',
  'max_memory_mb',
  'similarity_threshold',
  'redis_semantic_cache_embedding_model',
];

export const LLMUX_ALERTING_ARGS = ['repeat_seconds', 'error_rate_threshold', 'error_rate_window_seconds', 'error_rate_min_requests'];
