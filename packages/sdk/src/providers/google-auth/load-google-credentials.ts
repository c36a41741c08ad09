// Reads Google credentials from what a caller configured: a path to a JSON key file, the
// JSON text itself, or an already parsed object. Errors name the setting and the missing
// fields but never echo the file's content, which holds a private key.

import { readFile } from 'node:fs/promises';
import { AuthenticationError } from '../../errors/error-classes.js';
import { googleCredentialsSchema, type GoogleCredentials } from './google-credentials.js';

export interface CredentialsSource {
  /** A path, a JSON string, or a parsed object. */
  value: unknown;
  /** The setting or variable it came from, for error messages (`vertex_credentials`). */
  name: string;
  provider: string;
  model: string;
}

/** Parsed files by path or JSON text, so a key file is read once per process, not per call. */
const loaded = new Map<string, Promise<GoogleCredentials>>();

export async function loadGoogleCredentials(source: CredentialsSource): Promise<GoogleCredentials> {
  if (typeof source.value !== 'string') return parseCredentials(source.value, source);
  const key = source.value;
  let pending = loaded.get(key);
  if (pending === undefined) {
    pending = readCredentials(key, source);
    loaded.set(key, pending);
    // A failed read may succeed once the file is fixed; do not remember the failure.
    pending.catch(() => loaded.delete(key));
  }
  return pending;
}

async function readCredentials(value: string, source: CredentialsSource): Promise<GoogleCredentials> {
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) return parseCredentials(parseJson(trimmed, source, 'is not valid JSON'), source);
  let text: string;
  try {
    text = await readFile(trimmed, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw fail(source, `could not read the credentials file ${trimmed} named by ${source.name} (${typeof code === 'string' ? code : 'read error'})`);
  }
  return parseCredentials(parseJson(text, source, `names the file ${trimmed}, which is not valid JSON`), source);
}

function parseJson(text: string, source: CredentialsSource, problem: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the text around the error, which may be the private key.
    throw fail(source, `${source.name} ${problem}`);
  }
}

function parseCredentials(value: unknown, source: CredentialsSource): GoogleCredentials {
  const parsed = googleCredentialsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const type = (value as { type?: unknown } | null | undefined)?.type;
  if (type !== 'service_account' && type !== 'authorized_user') {
    throw fail(source, `${source.name} must be a service account key (type "service_account") or an authorized user file (type "authorized_user")`);
  }
  const missing = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')).filter((path) => path !== ''))];
  throw fail(source, `${source.name} (type "${type}") is missing or has invalid ${missing.join(', ')}`);
}

function fail(source: CredentialsSource, message: string): AuthenticationError {
  return new AuthenticationError(message, { provider: source.provider, model: source.model, code: 'invalid_credentials' });
}
