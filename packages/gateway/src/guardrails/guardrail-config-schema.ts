// LiteLLM's top-level `guardrails:` list, strictly: each entry's `guardrail_name`,
// `litellm_params` (`guardrail` type, `mode`, `default_on`, `fail_open`, and the type's own
// fields under LiteLLM's names) and optional `guardrail_info`. An unknown type or field is
// a config error naming its path, so a guardrail is never half-configured.

import { z } from 'zod';
import { GUARDRAIL_MODES } from './guardrail.js';
import { PREBUILT_PATTERN_NAMES } from './prebuilt-patterns.js';

const modeSchema = z.enum(GUARDRAIL_MODES as [string, ...string[]]);
const modeListSchema = z.union([modeSchema, z.array(modeSchema).min(1)]);
const actionSchema = z.enum(['BLOCK', 'MASK']);

const regexSource = z
  .string()
  .min(1)
  .refine((source) => {
    try {
      new RegExp(source, 'g');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

/** Fields every guardrail type takes. */
const common = {
  mode: z.union([
    modeListSchema,
    // LiteLLM's tag form: modes chosen by a request header, `"Header-Name: value"`.
    z.strictObject({ tags: z.record(z.string().regex(/^[A-Za-z0-9-]+:\s*\S/, 'a tag is "Header-Name: value"'), modeListSchema), default: modeListSchema }),
  ]),
  default_on: z.boolean().optional(),
  /** llmux: let the call through when the guardrail itself fails (timeout, 5xx); default false. */
  fail_open: z.boolean().optional(),
  /** Seconds a guardrail may take before it counts as failed (default 10). */
  timeout: z.number().positive().optional(),
};

const contentFilterShape = {
  guardrail: z.literal('litellm_content_filter'),
  ...common,
  patterns: z
    .array(
      z.discriminatedUnion('pattern_type', [
        z.strictObject({ pattern_type: z.literal('prebuilt'), pattern_name: z.enum(PREBUILT_PATTERN_NAMES), action: actionSchema }),
        z.strictObject({ pattern_type: z.literal('regex'), pattern: regexSource, name: z.string().min(1), action: actionSchema }),
      ]),
    )
    .optional(),
  blocked_words: z.array(z.strictObject({ keyword: z.string().min(1), action: actionSchema, description: z.string().optional() })).optional(),
  pattern_redaction_format: z.string().includes('{pattern_name}').optional(),
  keyword_redaction_tag: z.string().optional(),
};

const promptInjectionParamsSchema = z
  .strictObject({
    heuristics_check: z.boolean().optional(),
    llm_api_check: z.boolean().optional(),
    /** A model_name from model_list. */
    llm_api_name: z.string().min(1).optional(),
    llm_api_system_prompt: z.string().optional(),
    llm_api_fail_call_string: z.string().min(1).optional(),
  })
  .refine((params) => params.llm_api_check !== true || params.llm_api_name !== undefined, { message: 'llm_api_check needs llm_api_name (a model_name)', path: ['llm_api_name'] });

const genericApiShape = {
  guardrail: z.literal('generic_guardrail_api'),
  ...common,
  api_base: z.url(),
  api_key: z.string().optional(),
  additional_provider_specific_params: z.record(z.string(), z.unknown()).optional(),
};

const presidioShape = {
  guardrail: z.literal('presidio'),
  ...common,
  presidio_analyzer_api_base: z.url(),
  presidio_anonymizer_api_base: z.url(),
  presidio_language: z.string().min(2).optional(),
  pii_entities_config: z.record(z.string(), actionSchema).optional(),
  presidio_score_thresholds: z.record(z.string(), z.number().min(0).max(1)).optional(),
  presidio_phrase_allow_list: z.array(z.string()).optional(),
  /** Replies are not checked by service guardrails yet: only the input scope is accepted. */
  presidio_filter_scope: z.literal('input').optional(),
};

const openAIModerationShape = {
  guardrail: z.literal('openai_moderation'),
  ...common,
  api_key: z.string().optional(),
  api_base: z.url().optional(),
  model: z.string().min(1).optional(),
};

const bedrockShape = {
  guardrail: z.literal('bedrock'),
  ...common,
  guardrailIdentifier: z.string().min(1),
  guardrailVersion: z.string().min(1),
  aws_region_name: z.string().min(1),
  /** Required here (os.environ/AWS_ACCESS_KEY_ID works): llmux does not read AWS's default chain for guardrails. */
  aws_access_key_id: z.string().min(1),
  aws_secret_access_key: z.string().min(1),
  aws_session_token: z.string().optional(),
  aws_bedrock_runtime_endpoint: z.url().optional(),
  mask_request_content: z.boolean().optional(),
};

const litellmParamsSchema = z.discriminatedUnion('guardrail', [
  z.strictObject(contentFilterShape),
  z.strictObject({ guardrail: z.enum(['hide_secrets', 'hide-secrets']), ...common }),
  z.strictObject({ guardrail: z.literal('detect_prompt_injection'), ...common, prompt_injection_params: promptInjectionParamsSchema.optional() }),
  z.strictObject(genericApiShape),
  z.strictObject(presidioShape),
  z.strictObject(openAIModerationShape),
  z.strictObject(bedrockShape),
]);

const guardrailEntrySchema = z.strictObject({
  guardrail_name: z.string().min(1),
  litellm_params: litellmParamsSchema,
  guardrail_info: z.record(z.string(), z.unknown()).optional(),
});

export const guardrailsSchema = z.array(guardrailEntrySchema);

export type GuardrailEntry = z.output<typeof guardrailEntrySchema>;
export type GuardrailParams = GuardrailEntry['litellm_params'];
export type ContentFilterParams = Extract<GuardrailParams, { guardrail: 'litellm_content_filter' }>;
export type GenericApiParams = Extract<GuardrailParams, { guardrail: 'generic_guardrail_api' }>;
export type OpenAIModerationParams = Extract<GuardrailParams, { guardrail: 'openai_moderation' }>;
export type BedrockGuardrailParams = Extract<GuardrailParams, { guardrail: 'bedrock' }>;
export type PresidioParams = Extract<GuardrailParams, { guardrail: 'presidio' }>;
export type PromptInjectionParams = z.output<typeof promptInjectionParamsSchema>;
