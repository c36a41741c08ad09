// A guardrail service speaking LiteLLM's generic guardrail API
// (POST /beta/litellm_basic_guardrail_api): it blocks texts holding `blockWord`, rewrites
// `rewrite.from` to `rewrite.to` (GUARDRAIL_INTERVENED), and otherwise answers NONE. It can
// be told to answer slowly (a timeout) or with a 5xx, to test how the gateway fails.

import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';
import { isRecord } from './is-record.js';

export const GENERIC_GUARDRAIL_PATH = '/beta/litellm_basic_guardrail_api';

export interface FakeGenericGuardrailOptions {
  blockWord?: string;
  rewrite?: { from: string; to: string };
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

export interface FakeGenericGuardrail extends FakeServer {
  /** Milliseconds to wait before answering (0: at once). */
  delayMs: number;
  /** Answer this status with an error body instead of a verdict. */
  failStatus: number | undefined;
}

export async function startFakeGenericGuardrail(options: FakeGenericGuardrailOptions = {}): Promise<FakeGenericGuardrail> {
  // Read by the handler on each request, so a test may change them between calls.
  const state: Pick<FakeGenericGuardrail, 'delayMs' | 'failStatus'> = { delayMs: 0, failStatus: undefined };
  const server = await startFakeServer(async (request, response) => {
    if (request.method !== 'POST' || request.url !== GENERIC_GUARDRAIL_PATH) return sendJson(response, 404, { detail: 'Not Found' });
    if (options.apiKey !== undefined && request.headers['authorization'] !== `Bearer ${options.apiKey}`) return sendJson(response, 401, { detail: 'Unauthorized' });
    if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    if (state.failStatus !== undefined) return sendJson(response, state.failStatus, { detail: 'guardrail service unavailable' });
    const body = request.json;
    // FastAPI's answer to a body that misses a required field.
    if (!isRecord(body) || !Array.isArray(body['texts']) || typeof body['input_type'] !== 'string')
      return sendJson(response, 422, { detail: [{ type: 'missing', loc: ['body', 'texts'] }] });
    const texts = body['texts'].map(String);
    if (options.blockWord !== undefined && texts.some((text) => text.includes(options.blockWord as string))) {
      return sendJson(response, 200, { action: 'BLOCKED', blocked_reason: `contains "${options.blockWord}"` });
    }
    const rewrite = options.rewrite;
    if (rewrite !== undefined && texts.some((text) => text.includes(rewrite.from))) {
      return sendJson(response, 200, { action: 'GUARDRAIL_INTERVENED', texts: texts.map((text) => text.replaceAll(rewrite.from, rewrite.to)) });
    }
    return sendJson(response, 200, { action: 'NONE' });
  });
  return Object.defineProperties(server, {
    delayMs: { get: () => state.delayMs, set: (value: number) => void (state.delayMs = value), enumerable: true },
    failStatus: { get: () => state.failStatus, set: (value: number | undefined) => void (state.failStatus = value), enumerable: true },
  }) as FakeGenericGuardrail;
}
