// Runs a list of match rules over texts, as the content filter and hide_secrets do: the
// first BLOCK rule that matches blocks (its reason names the rule, never the matched value,
// which may be the very secret); MASK rules replace each match with the rule's tag.

import type { GuardrailVerdict } from './guardrail.js';

export interface TextRule {
  /** What a block reason and the detections say: `email`, `keyword 'confidential'`. */
  readonly label: string;
  /** Global flag set. */
  readonly regex: RegExp;
  readonly validate?: ((match: string) => boolean) | undefined;
  /** Skips the rule for a text that fails this cheap test (see PrebuiltPattern.hint). */
  readonly hint?: RegExp | undefined;
  readonly action: 'BLOCK' | 'MASK';
  readonly tag: string;
}

export function applyTextRules(rules: readonly TextRule[], texts: readonly string[]): GuardrailVerdict {
  let masked: string[] | undefined;
  const detections = new Set<string>();
  for (let index = 0; index < texts.length; index += 1) {
    let text = texts[index] as string;
    for (const rule of rules) {
      if (rule.hint !== undefined && !rule.hint.test(text)) continue;
      if (rule.action === 'BLOCK') {
        if (findMatch(rule, text)) return { action: 'BLOCKED', reason: `Content blocked: ${rule.label} detected` };
        continue;
      }
      const next = text.replace(rule.regex, (match) => (rule.validate === undefined || rule.validate(match) ? rule.tag : match));
      if (next !== text) {
        detections.add(rule.label);
        text = next;
      }
    }
    if (text !== texts[index]) {
      masked ??= [...texts];
      masked[index] = text;
    }
  }
  return masked === undefined ? { action: 'NONE' } : { action: 'GUARDRAIL_INTERVENED', texts: masked, detections: [...detections] };
}

function findMatch(rule: TextRule, text: string): boolean {
  rule.regex.lastIndex = 0;
  for (const match of text.matchAll(rule.regex)) {
    if (rule.validate === undefined || rule.validate(match[0])) return true;
  }
  return false;
}
