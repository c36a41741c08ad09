// The fake OpenAI's (and Azure's) legacy `/completions` and `/moderations`, served from the
// same servers as chat: checks the body as OpenAI does, then answers JSON or SSE.

import type { ServerResponse } from 'node:http';
import { checkFakeCompletionBody, createFakeTextCompletion, createFakeTextCompletionEvents } from './fake-openai-completions.js';
import { createFakeModeration } from './fake-openai-moderations.js';
import { sendJson, sendSse } from './start-fake-server.js';

export const LEGACY_ROUTES: ReadonlySet<string> = new Set(['POST /completions', 'POST /moderations']);

const errorBody = (message: string, param: string | null): unknown => ({ error: { message, type: 'invalid_request_error', param, code: null } });

/** `content`: the reply text a test chose (default `Hello from <model>`). */
export function serveFakeLegacyRoute(
  route: string,
  body: Record<string, unknown>,
  response: ServerResponse,
  content: string | undefined,
  served: number,
  headers: Record<string, string>,
): void | Promise<void> {
  const id = String(served).padStart(6, '0');
  if (route === 'POST /moderations') {
    const moderation = createFakeModeration(body, `modr-fake${id}`);
    if (typeof moderation === 'string') return sendJson(response, 400, errorBody(moderation, 'input'), headers);
    return sendJson(response, 200, moderation, headers);
  }
  const refused = checkFakeCompletionBody(body);
  if (refused !== undefined) return sendJson(response, 400, errorBody(refused.message, refused.param), headers);
  const context = { id: `cmpl-fake${id}`, created: Math.floor(Date.now() / 1000), content: content ?? ` Hello from ${String(body['model'])}` };
  if (body['stream'] !== true) return sendJson(response, 200, createFakeTextCompletion(body, context), headers);
  return sendSse(response, createFakeTextCompletionEvents(body, context), headers);
}
