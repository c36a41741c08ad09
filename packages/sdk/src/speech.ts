// `speech()`: OpenAI's text to speech (`/v1/audio/speech`) on any provider that offers it.
// The audio is handed over as the upstream sends it (a Node stream), never gathered first;
// the cost is per character of input, known before the first byte.

import type { Readable } from 'node:stream';
import type { CallOptions } from './call-options.js';
import { SPEECH_PRICES_PER_CHARACTER } from './cost/media-prices.js';
import { resolveMediaProvider } from './providers/resolve-media-provider.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import type { RouterTarget } from './router/router.js';
import { splitCall, type SplitCall } from './split-call.js';

export interface SpeechRequest {
  model: string;
  input: string;
  voice: string;
  response_format?: string;
  speed?: number;
  instructions?: string;
  stream_format?: string;
}

/** The audio as it arrives, and its media type (`audio/mpeg`, `audio/wav`, ...). */
export interface SpeechAudio {
  audio: Readable;
  contentType: string;
}

export type SpeechParams = SpeechRequest & CallOptions;
export type SpeechResult = SpeechAudio & { readonly llmux: ResponseMetadata };

export const SPEECH_BODY_KEYS: ReadonlySet<string> = new Set<string>(['model', 'input', 'voice', 'response_format', 'speed', 'instructions', 'stream_format']);

export function speech(params: SpeechParams): Promise<SpeechResult> {
  return speechCall(splitCall<SpeechRequest>(params, SPEECH_BODY_KEYS));
}

/** One Router attempt: `router.call(params, speechAttempt)`. */
export function speechAttempt(target: RouterTarget, rest: object): Promise<SpeechResult> {
  return speechCall(target.split<SpeechRequest>(rest, SPEECH_BODY_KEYS));
}

/** `speech()` for arguments already split. */
export async function speechCall({ body, options, settings }: SplitCall<SpeechRequest>): Promise<SpeechResult> {
  const target = resolveMediaProvider(body.model, 'speak', options, settings);
  const reply = await target.media.speak({ ...body, model: target.model }, target.context);
  const perCharacter = SPEECH_PRICES_PER_CHARACTER[target.model];
  return attachMetadata(reply, {
    provider: target.provider,
    model: target.model,
    // Characters as the user counts them (code points), not UTF-16 units.
    cost: perCharacter === undefined ? null : perCharacter * countCharacters(body.input),
    warnings: target.context.warnings,
  });
}

function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
