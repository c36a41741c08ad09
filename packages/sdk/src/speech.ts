// `speech()`: OpenAI's text to speech (`/v1/audio/speech`) on any provider that offers it.
// The audio is handed over as the upstream sends it (a Node stream), never gathered first.
// The cost is per character of input, known before the first byte, or, for models billed by
// tokens (gpt-4o-mini-tts, Gemini TTS), from the token counts the upstream reports with the
// audio, known once it has ended: `settle()` then answers it. A token-priced stream that ends
// without those counts (cut short, or an upstream that reports none) is billed by an estimate
// (estimate-speech-usage.ts), and the settlement says it is one.

import { Transform, pipeline, type Readable } from 'node:stream';
import type { CallOptions } from './call-options.js';
import { createEntryPoints } from './create-entry-points.js';
import { SPEECH_PRICES_PER_CHARACTER, SPEECH_PRICES_PER_TOKEN } from './cost/media-prices.js';
import { estimateSpeechUsage } from './estimate-speech-usage.js';
import { resolveMediaProvider } from './providers/resolve-media-provider.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import type { SplitCall } from './split-call.js';

export interface SpeechRequest {
  model: string;
  input: string;
  voice: string;
  response_format?: string;
  speed?: number;
  instructions?: string;
  stream_format?: string;
}

/** Tokens of a TTS call as the upstream counted them: the text in, the audio out. */
export interface SpeechUsage {
  input_tokens: number;
  output_tokens: number;
}

/** The audio as it arrives, and its media type (`audio/mpeg`, `audio/wav`, ...). */
export interface SpeechAudio {
  audio: Readable;
  contentType: string;
  /** The upstream's token counts, once the audio has ended; undefined before, or when it reported none. */
  tokens?: () => SpeechUsage | undefined;
  /** Audio bytes handed on so far, when the audio is decoded from events (they are not the stream's bytes). */
  audioBytes?: () => number;
}

/** What a finished speech call used and cost. */
export interface SpeechSettlement {
  usage: SpeechUsage | undefined;
  cost: number | null;
  /** The usage is llmux's estimate (text counted, audio from the bytes delivered), not the upstream's. */
  estimated: boolean;
}

export type SpeechParams = SpeechRequest & CallOptions;
export type SpeechResult = SpeechAudio & {
  readonly llmux: ResponseMetadata;
  /**
   * Read after the audio ended: its usage and cost. Per-character models' cost is known from
   * the start; token-priced models' comes from the upstream's counts, or, when none arrived,
   * from an estimate of what was delivered (`estimated`). Also sets `llmux.cost`.
   */
  settle(): SpeechSettlement;
};

export const SPEECH_BODY_KEYS: ReadonlySet<string> = new Set<string>(['model', 'input', 'voice', 'response_format', 'speed', 'instructions', 'stream_format']);

const entryPoints = createEntryPoints<SpeechRequest, SpeechParams, SpeechResult>(SPEECH_BODY_KEYS, speechCall);
export const speech = entryPoints.direct;
/** One Router attempt: `router.call(params, speechAttempt)`. */
export const speechAttempt = entryPoints.attempt;

/** `speech()` for arguments already split. */
export async function speechCall({ body, options, settings }: SplitCall<SpeechRequest>): Promise<SpeechResult> {
  const target = resolveMediaProvider(body.model, 'speak', options, settings);
  const reply = await target.media.speak({ ...body, model: target.model }, target.context);
  const perCharacter = SPEECH_PRICES_PER_CHARACTER[target.model];
  const perToken = SPEECH_PRICES_PER_TOKEN[target.model];
  const result = attachMetadata(reply, {
    provider: target.provider,
    model: target.model,
    // Characters as the user counts them (code points), not UTF-16 units.
    cost: perCharacter === undefined ? null : perCharacter * countCharacters(body.input),
    warnings: target.context.warnings,
  });
  if (perToken === undefined) return Object.assign(result, { settle: (): SpeechSettlement => ({ usage: reply.tokens?.(), cost: result.llmux.cost, estimated: false }) });
  const audioBytes = reply.audioBytes ?? countBytes(result);
  const format = body.response_format ?? formatOf(reply.contentType);
  const settle = (): SpeechSettlement => {
    const reported = reply.tokens?.();
    const usage = reported ?? estimateSpeechUsage({ model: target.model, input: body.input, instructions: body.instructions, format, audioBytes: audioBytes() }, perToken);
    result.llmux.cost = usage.input_tokens * perToken.textInput + usage.output_tokens * perToken.audioOutput;
    return { usage, cost: result.llmux.cost, estimated: reported === undefined };
  };
  return Object.assign(result, { settle });
}

/**
 * Counts the bytes the consumer takes from a passed-through audio stream: the stream is put
 * behind a Transform (pipeline destroys the upstream's body when the consumer destroys it).
 */
function countBytes(audio: SpeechAudio): () => number {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  pipeline(audio.audio, counter, () => undefined);
  audio.audio = counter;
  return () => bytes;
}

/** The format of audio sent without a response_format: from its media type (the upstreams' default is mp3, Gemini's here wav). */
function formatOf(contentType: string): string {
  if (contentType.startsWith('audio/wav')) return 'wav';
  if (contentType.startsWith('audio/pcm')) return 'pcm';
  return 'mp3';
}

function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
