// A guardrail's `mode`: one mode, a list, or LiteLLM's tag form
// `{tags: {"User-Agent: claude-cli": logging_only}, default: pre_call}`, which picks the modes
// by a request header (the first tag whose header contains its value, case-insensitively).

import type { IncomingHttpHeaders } from 'node:http';
import type { GuardrailMode } from './guardrail.js';

type ModeSetting = string | readonly string[];
export type ModeConfig = ModeSetting | { tags: Readonly<Record<string, ModeSetting>>; default: ModeSetting };

export interface ResolvedModes {
  /** Every mode the guardrail may run in, whatever the request (for start checks and the list). */
  all: ReadonlySet<GuardrailMode>;
  /** The modes for one request; absent when they do not depend on it. */
  forRequest?: (headers: IncomingHttpHeaders) => ReadonlySet<GuardrailMode>;
}

const toSet = (setting: ModeSetting): ReadonlySet<GuardrailMode> => new Set((typeof setting === 'string' ? [setting] : setting) as GuardrailMode[]);

export function resolveGuardrailModes(config: ModeConfig): ResolvedModes {
  if (typeof config === 'string' || Array.isArray(config)) return { all: toSet(config as ModeSetting) };
  const { tags, default: fallback } = config as { tags: Readonly<Record<string, ModeSetting>>; default: ModeSetting };
  const rules = Object.entries(tags).map(([tag, setting]) => {
    const colon = tag.indexOf(':');
    return {
      header: tag.slice(0, colon).trim().toLowerCase(),
      value: tag
        .slice(colon + 1)
        .trim()
        .toLowerCase(),
      modes: toSet(setting),
    };
  });
  const defaults = toSet(fallback);
  const all = new Set<GuardrailMode>(defaults);
  for (const rule of rules) for (const mode of rule.modes) all.add(mode);
  return {
    all,
    forRequest(headers) {
      for (const rule of rules) {
        const value = headers[rule.header];
        const text = Array.isArray(value) ? value.join(',') : value;
        if (text !== undefined && text.toLowerCase().includes(rule.value)) return rule.modes;
      }
      return defaults;
    },
  };
}
