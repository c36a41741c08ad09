// Which publisher serves a Vertex AI model id, and the token retirement every Vertex call
// shares: a token Vertex refused is dropped so the next call gets a new one.

import { AuthenticationError } from '../../errors/error-classes.js';
import { invalidateGoogleAccessToken } from '../google-auth/index.js';
import type { VertexPublisher } from './resolve-vertex-endpoint.js';
import type { VertexSettings } from './resolve-vertex-settings.js';

/** Model-id prefixes served by a publisher other than Google. */
const PUBLISHER_BY_PREFIX: ReadonlyArray<readonly [prefix: string, publisher: VertexPublisher]> = [['claude-', 'anthropic']];

export function publisherOf(model: string): VertexPublisher {
  return PUBLISHER_BY_PREFIX.find(([prefix]) => model.startsWith(prefix))?.[1] ?? 'google';
}

/** Runs one Vertex call; a token Vertex refused (revoked, or the clock was off) is retired. */
export async function withTokenRetirement<Result>(settings: VertexSettings, run: () => Promise<Result>): Promise<Result> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AuthenticationError) invalidateGoogleAccessToken(settings.credentials);
    throw error;
  }
}
