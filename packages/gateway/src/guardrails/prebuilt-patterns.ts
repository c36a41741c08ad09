// The content filter's prebuilt patterns, under LiteLLM's names (patterns.json), written for
// JavaScript's regex engine. A pattern may carry a validator for matches a regex alone
// cannot judge: card numbers must pass Luhn, IBANs their mod-97 check.

import { isLuhnValid } from './is-luhn-valid.js';

export interface PrebuiltPattern {
  /** Global flag set: matched with replace/matchAll. */
  readonly regex: RegExp;
  readonly validate?: (match: string) => boolean;
  /** A cheap test every match passes: a text without it skips the full pattern (most texts). */
  readonly hint?: RegExp;
}

const DIGIT = /\d/;

const CARD = /\b(?:4\d{3}|5[1-5]\d{2}|6(?:011|5\d{2}))(?:[ -]?\d{4}){3}\b|\b3[47]\d{2}[ -]?\d{6}[ -]?\d{5}\b/g;

function isIbanValid(match: string): boolean {
  const compact = match.replace(/ /g, '').toUpperCase();
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const value = character >= 'A' ? String(character.charCodeAt(0) - 55) : character;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const IPV6_GROUP = '[0-9A-Fa-f]{1,4}';

export const PREBUILT_PATTERNS: Readonly<Record<string, PrebuiltPattern>> = {
  email: { hint: /@/, regex: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g },
  us_ssn: { hint: DIGIT, regex: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g },
  us_ssn_no_dash: { hint: DIGIT, regex: /\b(?!000|666|9\d\d)\d{3}(?!00)\d{2}(?!0000)\d{4}\b/g },
  phone: { hint: DIGIT, regex: /(?<![\w+])(?:\+?\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}\b/g },
  us_phone: { hint: DIGIT, regex: /(?<![\w+])(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}\b/g },
  credit_card: { hint: DIGIT, regex: CARD, validate: isLuhnValid },
  visa: { hint: DIGIT, regex: /\b4\d{3}(?:[ -]?\d{4}){3}\b/g, validate: isLuhnValid },
  mastercard: { hint: DIGIT, regex: /\b5[1-5]\d{2}(?:[ -]?\d{4}){3}\b/g, validate: isLuhnValid },
  amex: { hint: DIGIT, regex: /\b3[47]\d{2}[ -]?\d{6}[ -]?\d{5}\b/g, validate: isLuhnValid },
  discover: { hint: DIGIT, regex: /\b6(?:011|5\d{2})(?:[ -]?\d{4}){3}\b/g, validate: isLuhnValid },
  iban: { hint: DIGIT, regex: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g, validate: isIbanValid },
  ipv4: { hint: /\d\./, regex: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g },
  ipv6: {
    hint: /:/,
    regex: new RegExp(
      `(?<![0-9A-Fa-f:])(?:(?:${IPV6_GROUP}:){7}${IPV6_GROUP}|(?:${IPV6_GROUP}:){1,7}:|(?:${IPV6_GROUP}:){1,6}:${IPV6_GROUP}|(?:${IPV6_GROUP}:){1,5}(?::${IPV6_GROUP}){1,2}|(?:${IPV6_GROUP}:){1,4}(?::${IPV6_GROUP}){1,3}|(?:${IPV6_GROUP}:){1,3}(?::${IPV6_GROUP}){1,4}|(?:${IPV6_GROUP}:){1,2}(?::${IPV6_GROUP}){1,5}|${IPV6_GROUP}:(?::${IPV6_GROUP}){1,6}|::(?:${IPV6_GROUP}:){0,5}${IPV6_GROUP})(?![0-9A-Fa-f:])`,
      'g',
    ),
  },
  aws_access_key: { hint: /A[KS]IA/, regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  aws_secret_key: { hint: /aws_secret/i, regex: /(?<=aws_secret_access_key\s*[=:]\s*["']?)[A-Za-z0-9/+=]{40}\b/gi },
  github_token: { hint: /gh[pousr]_|github_pat_/, regex: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g },
  slack_token: { hint: /xox/, regex: /\bxox[pboars]-[0-9A-Za-z-]{10,}\b/g },
  openai_api_key: { hint: /sk-/, regex: /\bsk-(?:proj-|svcacct-|ant-)?[A-Za-z0-9_-]{20,}\b/g },
  google_api_key: { hint: /AIza/, regex: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  stripe_key: { hint: /_(?:live|test)_/, regex: /\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g },
  private_key: { hint: /PRIVATE KEY/, regex: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z]+ )?PRIVATE KEY-----/g },
  jwt: { hint: /eyJ/, regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  generic_api_key: { hint: /[:=]/, regex: /\b(?:api[-_]?key|secret|token|password|passwd)["']?\s*[:=]\s*["']?[A-Za-z0-9_\-/+=.]{12,}["']?/gi },
  url: { hint: /https?:|www\./, regex: /\b(?:https?:\/\/|www\.)[^\s<>"']+/g },
};

export const PREBUILT_PATTERN_NAMES = Object.keys(PREBUILT_PATTERNS) as [string, ...string[]];

/** The credential patterns hide_secrets masks. */
export const SECRET_PATTERN_NAMES: readonly string[] = [
  'aws_access_key',
  'aws_secret_key',
  'github_token',
  'slack_token',
  'openai_api_key',
  'google_api_key',
  'stripe_key',
  'private_key',
  'jwt',
  'generic_api_key',
];
