// Secrets out of text: every message built from an upstream body passes through
// redactSecrets before it can reach an error, a log or a client, and the gateway masks its
// own error and log text with maskKeysInText. A masked secret keeps only its kind
// (`sk-ant-****`, `AKIA****`), never a character of its random part.

/** Kind prefixes worth keeping: they say which credential it was without revealing any of it. */
const KIND =
  /^(?:sk-ant-|sk-proj-|sk-svcacct-|sk-or-|sk_live_|sk_test_|rk_live_|sk-|AKIA|ASIA|AIza|ya29\.|eyJ|gsk_|hf_|ghp_|gho_|ghu_|ghs_|github_pat_|xai-|pplx-|r8_|nvapi-|glpat-|xox[abprs]-)/;

/**
 * Strings shaped like credentials, whatever surrounds them: OpenAI, Anthropic and llmux
 * virtual keys (`sk-…`), Stripe-style `sk_live_…`, AWS access key ids, Google API keys and
 * OAuth tokens, JWTs, Groq, Hugging Face, GitHub, xAI, Perplexity, Replicate, NVIDIA, GitLab
 * and Slack tokens. `*` is part of the body so that an echo already half-masked upstream
 * (`sk-proj-****abcd`) loses its visible tail too.
 */
const SHAPES = [
  // `sk-`: after a non-word character; glued to a word only when random-looking (an upper-case
  // letter, 16+ characters), so `task-specific-model` stays readable.
  '\\bsk[-_][A-Za-z0-9_*-]{8,}',
  'sk[-_](?=[A-Za-z0-9_*-]*[A-Z])[A-Za-z0-9_*-]{16,}',
  'rk_(?:live|test)_[A-Za-z0-9_*]{8,}',
  'A[KS]IA[A-Z0-9*]{12,}',
  'AIza[A-Za-z0-9_*-]{10,}',
  'ya29\\.[A-Za-z0-9_*.-]{10,}',
  'eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_*-]*',
  '(?:gsk|hf|ghp|gho|ghu|ghs|ghr|github_pat|xai|pplx|r8|nvapi|glpat)[-_][A-Za-z0-9_*-]{8,}',
  'xox[abprs]-[A-Za-z0-9*-]{8,}',
  // Anything already starred by someone else: the visible ends are still parts of a key.
  '[A-Za-z0-9_.+/=-]*\\*{3,}[A-Za-z0-9_+/=*-]*',
];
const SHAPE = new RegExp(SHAPES.join('|'), 'g');

/** A value after a credential's label (`Bearer x`, `api_key=x`, `"x-api-key": "x"`), whatever its shape. */
const LABELLED =
  /\b(bearer|basic|api[_-]?key|x-api-key|access[_-]?key(?:[_-]?id)?|secret[_-]?(?:access[_-]?)?key|client[_-]?secret|session[_-]?token|password|token|authorization)(["']?\s*[:=]\s*["']?|["']?\s+["']?)([^\s"',;&<>)}\]]{8,})/gi;

/** Runs of key characters in a message, to find fragments of a known secret. */
const TOKEN_RUN = /[A-Za-z0-9_.+/=-]{4,}/g;
/** A fragment worth masking has a digit or a capital: plain words (`upstream` of `sk-upstream`) stay readable. */
const RANDOM_LOOKING = /[0-9A-Z]/;

/**
 * `text` with every known secret, every random-looking fragment of one (4+ characters,
 * such as the last four an upstream shows) and every key-shaped string masked.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  const known: string[] = [];
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 6) continue;
    known.push(secret);
    if (result.includes(secret)) result = result.split(secret).join(maskSecret(secret));
  }
  if (known.length > 0) {
    result = result.replace(TOKEN_RUN, (run) => (RANDOM_LOOKING.test(run) && known.some((secret) => secret.includes(run)) ? maskSecret(run) : run));
  }
  return maskKeysInText(result);
}

/** `text` with every key-shaped or labelled credential masked; text without one comes back as is. */
export function maskKeysInText(text: string): string {
  if (text.length < 8) return text;
  return text.replace(LABELLED, maskLabelled).replace(SHAPE, maskSecret);
}

/**
 * After `Bearer`/`Basic`, or a label followed by a space alone, only a token-looking value is
 * one: "basic validation failed" and "token exchange at …" are prose. After `:` or `=` any
 * value is.
 */
const SCHEME = /^(?:bearer|basic)$/i;
const ASSIGNED = /[:=]/;
const TOKEN_LOOKING = /[0-9A-Z_=+/.-]/;

function maskLabelled(match: string, label: string, separator: string, value: string): string {
  if ((SCHEME.test(label) || !ASSIGNED.test(separator)) && !TOKEN_LOOKING.test(value)) return match;
  return `${label}${separator}${maskSecret(value)}`;
}

/** The secret's kind and stars: `sk-ant-****`, `AKIA****`, or `****`. */
export function maskSecret(secret: string): string {
  const kind = KIND.exec(secret);
  return kind === null || kind[0].length >= secret.length ? '****' : `${kind[0]}****`;
}
