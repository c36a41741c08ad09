// `transcription()` and `translation()`: OpenAI's speech to text (`/v1/audio/transcriptions`,
// `/v1/audio/translations`) on any provider that offers it. Billed per second of audio, the
// duration read from the file itself (transcription-duration.ts), never from the caller.

import type { CallOptions } from './call-options.js';
import { createEntryPoints, type EntryPoints } from './create-entry-points.js';
import { TRANSCRIPTION_PRICES_PER_SECOND } from './cost/media-prices.js';
import type { PriceOverrides } from './cost/price-overrides.js';
import { resolveMediaProvider } from './providers/resolve-media-provider.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import type { SplitCall } from './split-call.js';
import { readTranscriptionDuration } from './transcription-duration.js';
import type { UploadFile } from './upload-file.js';

export type TranscriptionTask = 'transcriptions' | 'translations';

export interface TranscriptionRequest {
  model: string;
  file: UploadFile;
  language?: string;
  prompt?: string;
  response_format?: 'json' | 'text' | 'srt' | 'verbose_json' | 'vtt';
  temperature?: number;
  timestamp_granularities?: string[];
  include?: string[];
}

/** OpenAI's reply: JSON formats as sent; text, srt and vtt as `{ text }` holding the body. */
export interface TranscriptionResponse {
  text: string;
  duration?: number;
  [field: string]: unknown;
}

export type TranscriptionParams = TranscriptionRequest & CallOptions;
export type TranscriptionResult = TranscriptionResponse & { readonly llmux: ResponseMetadata };

/** Formats whose reply is plain text, not JSON. */
export const TEXT_TRANSCRIPTION_FORMATS: ReadonlySet<string> = new Set(['text', 'srt', 'vtt']);

export const TRANSCRIPTION_BODY_KEYS: ReadonlySet<string> = new Set<string>([
  'model',
  'file',
  'language',
  'prompt',
  'response_format',
  'temperature',
  'timestamp_granularities',
  'include',
]);

const transcriptionEntryPoints = entryPointsFor('transcriptions');
const translationEntryPoints = entryPointsFor('translations');
export const transcription = transcriptionEntryPoints.direct;
/** Speech in any language to English text. */
export const translation = translationEntryPoints.direct;
/** One Router attempt: `router.call(params, transcriptionAttempt)`. */
export const transcriptionAttempt = transcriptionEntryPoints.attempt;
/** One Router attempt: `router.call(params, translationAttempt)`. */
export const translationAttempt = translationEntryPoints.attempt;

function entryPointsFor(task: TranscriptionTask): EntryPoints<TranscriptionParams, TranscriptionResult> {
  return createEntryPoints<TranscriptionRequest, TranscriptionParams, TranscriptionResult>(TRANSCRIPTION_BODY_KEYS, (split) => transcriptionCall(split, task));
}

/** `transcription()` / `translation()` for arguments already split. */
export async function transcriptionCall({ body, options, settings, prices }: SplitCall<TranscriptionRequest>, task: TranscriptionTask): Promise<TranscriptionResult> {
  const target = resolveMediaProvider(body.model, 'transcribe', options, settings);
  const [response, fileSeconds] = await Promise.all([target.media.transcribe({ ...body, model: target.model }, task, target.context), readTranscriptionDuration(body.file)]);
  // A file whose length cannot be read is billed by the length the upstream reports, if any.
  const audioSeconds = fileSeconds ?? (typeof response.duration === 'number' ? response.duration : null);
  return attachMetadata(response, {
    provider: target.provider,
    model: target.model,
    cost: transcriptionCost(target.model, audioSeconds, prices),
    warnings: target.context.warnings,
  });
}

function transcriptionCost(model: string, seconds: number | null, prices: PriceOverrides): number | null {
  const perSecond = prices.input_cost_per_second ?? TRANSCRIPTION_PRICES_PER_SECOND[model];
  return perSecond === undefined || seconds === null ? null : perSecond * seconds;
}
