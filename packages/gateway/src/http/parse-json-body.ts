// The request body's one JSON.parse. Bad JSON is the client's mistake: 400, never 500.

import { BadRequestError } from 'llmux';

export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) throw new BadRequestError('The request body is empty; expected a JSON object', { code: 'invalid_json' });
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : '';
    throw new BadRequestError(`The request body is not valid JSON${detail}`, { code: 'invalid_json' });
  }
}
