// Builds one guardrail from its validated config entry: the check its type runs, and what
// /guardrails/list may show of it (its params without credentials).

import { randomUUID } from 'node:crypto';
import type { HttpClient, Router } from 'llmux';
import { createBedrockGuardrailCall } from './call-bedrock-guardrail.js';
import { callGenericGuardrailApi } from './call-generic-guardrail-api.js';
import { callOpenAIModeration } from './call-openai-moderation.js';
import { callPresidio } from './call-presidio.js';
import { createContentFilterCheck } from './create-content-filter.js';
import { hideSecrets } from './create-hide-secrets.js';
import { askModelAboutInjection, detectInjectionHeuristics } from './detect-prompt-injection.js';
import type { Guardrail, GuardrailInput, GuardrailVerdict } from './guardrail.js';
import type { GuardrailEntry, GuardrailParams } from './guardrail-config-schema.js';
import { resolveGuardrailModes } from './resolve-guardrail-modes.js';

const DEFAULT_TIMEOUT_SECONDS = 10;
/** Never shown by /guardrails/list. */
const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set(['api_key', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']);

export interface GuardrailServices {
  router: Router;
  http: HttpClient;
}

export function createGuardrail(entry: GuardrailEntry, services: GuardrailServices): Guardrail {
  const params = entry.litellm_params;
  const modes = resolveGuardrailModes(params.mode);
  const { check, synchronous } = createCheck(entry.guardrail_name, params, services);
  const listed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(params)) if (!CREDENTIAL_FIELDS.has(field)) listed[field] = value;
  return {
    name: entry.guardrail_name,
    type: params.guardrail,
    modes: modes.all,
    modesFor: modes.forRequest,
    defaultOn: params.default_on === true,
    failOpen: params.fail_open === true,
    timeoutMs: (params.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    synchronous,
    listed: { litellm_params: listed, guardrail_info: entry.guardrail_info ?? null },
    check,
  };
}

type Check = (input: GuardrailInput) => GuardrailVerdict | Promise<GuardrailVerdict>;

function createCheck(name: string, params: GuardrailParams, services: GuardrailServices): { check: Check; synchronous: boolean } {
  switch (params.guardrail) {
    case 'litellm_content_filter': {
      const filter = createContentFilterCheck(params);
      return { check: (input) => filter(input.texts), synchronous: true };
    }
    case 'hide_secrets':
    case 'hide-secrets':
      return { check: (input) => hideSecrets(input.texts), synchronous: true };
    case 'detect_prompt_injection': {
      const injection = params.prompt_injection_params ?? {};
      const heuristics = injection.heuristics_check !== false;
      // Only the caller's input is an injection; replies are not checked.
      const heuristicCheck: Check = (input) => (heuristics && input.inputType === 'request' ? detectInjectionHeuristics(input.texts) : { action: 'NONE' });
      if (injection.llm_api_check !== true) return { check: heuristicCheck, synchronous: true };
      return {
        check: async (input) => {
          const first = await heuristicCheck(input);
          if (first.action !== 'NONE' || input.inputType !== 'request') return first;
          return askModelAboutInjection(services.router, injection, input.texts);
        },
        synchronous: false,
      };
    }
    case 'bedrock':
      return { check: createBedrockGuardrailCall(services.http, params), synchronous: false };
    case 'openai_moderation':
      return { check: (input) => callOpenAIModeration(services.http, params, input), synchronous: false };
    case 'presidio':
      return { check: (input) => callPresidio(services.http, params, name, input), synchronous: false };
    case 'generic_guardrail_api':
      return { check: (input) => callGenericGuardrailApi(services.http, params, input, randomUUID()), synchronous: false };
    default: {
      const unknown: never = params;
      throw new Error(`unknown guardrail type ${JSON.stringify(unknown)}`);
    }
  }
}
