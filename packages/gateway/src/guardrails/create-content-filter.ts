// litellm_content_filter: LiteLLM's built-in filter with its own field names. Prebuilt
// patterns (`pattern_type: prebuilt`, `pattern_name`), custom regexes (`pattern_type: regex`,
// `pattern`, `name`) and `blocked_words` (`keyword`), each with `action: BLOCK | MASK`;
// masks read `[EMAIL_REDACTED]` unless `pattern_redaction_format` / `keyword_redaction_tag` say.

import { applyTextRules, type TextRule } from './apply-text-rules.js';
import type { ContentFilterParams } from './guardrail-config-schema.js';
import { PREBUILT_PATTERNS } from './prebuilt-patterns.js';

const DEFAULT_PATTERN_FORMAT = '[{pattern_name}_REDACTED]';
const DEFAULT_KEYWORD_TAG = '[KEYWORD_REDACTED]';

function createContentFilterRules(params: ContentFilterParams): TextRule[] {
  const format = params.pattern_redaction_format ?? DEFAULT_PATTERN_FORMAT;
  const tagFor = (name: string): string => format.replaceAll('{pattern_name}', name.toUpperCase());
  const rules: TextRule[] = [];
  for (const pattern of params.patterns ?? []) {
    if (pattern.pattern_type === 'prebuilt') {
      const prebuilt = PREBUILT_PATTERNS[pattern.pattern_name];
      // The schema only admits known names.
      if (prebuilt === undefined) continue;
      rules.push({
        label: pattern.pattern_name,
        regex: prebuilt.regex,
        validate: prebuilt.validate,
        hint: prebuilt.hint,
        action: pattern.action,
        tag: tagFor(pattern.pattern_name),
      });
    } else {
      rules.push({ label: pattern.name, regex: new RegExp(pattern.pattern, 'g'), action: pattern.action, tag: tagFor(pattern.name) });
    }
  }
  for (const word of params.blocked_words ?? []) {
    rules.push({
      label: `keyword '${word.keyword}'`,
      regex: new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegex(word.keyword)}(?![\\p{L}\\p{N}_])`, 'giu'),
      // The word-boundary pattern needs the unicode flag, which is slow to scan with: a plain search goes first.
      hint: new RegExp(escapeRegex(word.keyword), 'i'),
      action: word.action,
      tag: params.keyword_redaction_tag ?? DEFAULT_KEYWORD_TAG,
    });
  }
  // Blocks first: a text that must be refused is refused whatever else it holds.
  return [...rules.filter((rule) => rule.action === 'BLOCK'), ...rules.filter((rule) => rule.action === 'MASK')];
}

export function createContentFilterCheck(params: ContentFilterParams) {
  const rules = createContentFilterRules(params);
  return (texts: readonly string[]) => applyTextRules(rules, texts);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
