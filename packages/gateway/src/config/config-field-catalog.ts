// The tree of config sections the strict check walks: per section, the fields llmux reads,
// the LiteLLM fields it does not implement yet, the security settings among those, and the
// sections below it that are checked too. Fields holding free-form maps (callback_settings,
// fallbacks, environment_variables) are not descended into.

import * as litellm from './litellm-config-fields.js';
import * as llmux from './llmux-config-fields.js';
import * as security from './security-config-fields.js';

export interface ConfigSection {
  readonly implemented: ReadonlySet<string>;
  readonly unimplemented: ReadonlySet<string>;
  readonly security: ReadonlySet<string>;
  /** Name patterns LiteLLM accepts beyond the lists (model_info's `supports_*` flags). */
  readonly patterns?: readonly RegExp[];
  /** Sections checked below a field: an object, or each item of a list. */
  readonly children?: Readonly<Record<string, ConfigSection>>;
}

function section(
  implemented: readonly string[],
  unimplemented: readonly string[] = [],
  securityFields: readonly string[] = [],
  extra: Pick<ConfigSection, 'patterns' | 'children'> = {},
): ConfigSection {
  const done = new Set(implemented);
  // A LiteLLM field llmux has since implemented counts as implemented, whatever the lists say.
  const notYet = (fields: readonly string[]) => new Set(fields.filter((name) => !done.has(name)));
  return { implemented: done, unimplemented: notYet(unimplemented), security: notYet(securityFields), ...extra };
}

const deployment = section(llmux.LLMUX_DEPLOYMENT, [], [], {
  children: {
    litellm_params: section(llmux.LLMUX_PARAMS, litellm.LITELLM_PARAMS),
    model_info: section(llmux.LLMUX_MODEL_INFO, litellm.LITELLM_MODEL_INFO, [], { patterns: [/^supports_[a-z_]+$/, /_cost_per_[a-z_0-9]+$/] }),
  },
});

export const CONFIG_CATALOG: ConfigSection = section(llmux.LLMUX_TOP_LEVEL, litellm.LITELLM_TOP_LEVEL, security.SECURITY_TOP_LEVEL, {
  children: {
    model_list: deployment,
    litellm_settings: section(llmux.LLMUX_LITELLM_SETTINGS, litellm.LITELLM_LITELLM_SETTINGS, security.SECURITY_LITELLM_SETTINGS, {
      children: { cache_params: section(llmux.LLMUX_CACHE_PARAMS, litellm.LITELLM_CACHE_PARAMS) },
    }),
    general_settings: section(llmux.LLMUX_GENERAL_SETTINGS, litellm.LITELLM_GENERAL_SETTINGS, security.SECURITY_GENERAL_SETTINGS, {
      children: { alerting_args: section(llmux.LLMUX_ALERTING_ARGS, litellm.LITELLM_ALERTING_ARGS) },
    }),
    router_settings: section(llmux.LLMUX_ROUTER_SETTINGS, litellm.LITELLM_ROUTER_SETTINGS, security.SECURITY_ROUTER_SETTINGS),
  },
});
