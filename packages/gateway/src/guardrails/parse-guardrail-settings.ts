// Reads the top-level `guardrails:` list once at start. Every problem is named by its path
// (`guardrails[1].litellm_params.patterns[0].pattern_name`) and refuses the start; an
// absent or empty list means no guardrail hooks at all.

import type { z } from 'zod';
import { ConfigError, formatConfigPath } from '../config/config-error.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { guardrailsSchema, type GuardrailEntry } from './guardrail-config-schema.js';

const SOURCE = '(guardrails)';

export function parseGuardrailSettings(config: GatewayConfig): GuardrailEntry[] | undefined {
  // A top-level list GatewayConfig does not type: the config schema passes unknown sections through.
  const raw: unknown = Reflect.get(config, 'guardrails');
  if (raw === undefined || raw === null) return undefined;
  const parsed = guardrailsSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(SOURCE, parsed.error.issues.flatMap(describeIssue));
  const entries = parsed.data;
  if (entries.length === 0) return undefined;
  const problems: string[] = [];
  const names = new Set<string>();
  const models = new Set(config.model_list.map((deployment) => deployment.model_name));
  entries.forEach((entry, index) => {
    const at = (field: string) => `guardrails[${index}].${field}`;
    if (names.has(entry.guardrail_name)) problems.push(`${at('guardrail_name')}: "${entry.guardrail_name}" is used twice`);
    names.add(entry.guardrail_name);
    const params = entry.litellm_params;
    if (params.guardrail === 'detect_prompt_injection') {
      const model = params.prompt_injection_params?.llm_api_name;
      if (model !== undefined && !models.has(model)) problems.push(`${at('litellm_params.prompt_injection_params.llm_api_name')}: no model_name "${model}" in model_list`);
    }
  });
  if (problems.length > 0) throw new ConfigError(SOURCE, problems);
  return entries;
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = ['guardrails', ...issue.path];
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${formatConfigPath([...path, key])}: unknown field`);
  if (issue.code === 'invalid_union' && path[path.length - 1] === 'guardrail') {
    return [
      `${formatConfigPath(path)}: unknown guardrail type; llmux has litellm_content_filter, hide_secrets, detect_prompt_injection, generic_guardrail_api, presidio, openai_moderation, bedrock`,
    ];
  }
  return [`${formatConfigPath(path)}: ${issue.message}`];
}
