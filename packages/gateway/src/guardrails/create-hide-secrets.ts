// hide_secrets: masks credentials (cloud keys, tokens, private keys, `password=...`) in what
// is checked, as LiteLLM's secret detection does, with `[REDACTED]` in their place.

import { applyTextRules, type TextRule } from './apply-text-rules.js';
import { PREBUILT_PATTERNS, SECRET_PATTERN_NAMES } from './prebuilt-patterns.js';

const SECRET_RULES: readonly TextRule[] = SECRET_PATTERN_NAMES.map((name) => {
  const pattern = PREBUILT_PATTERNS[name] as (typeof PREBUILT_PATTERNS)[string];
  return { label: name, regex: pattern.regex, validate: pattern.validate, hint: pattern.hint, action: 'MASK', tag: '[REDACTED]' };
});

export function hideSecrets(texts: readonly string[]) {
  return applyTextRules(SECRET_RULES, texts);
}
