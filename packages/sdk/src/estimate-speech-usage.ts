// The tokens of a token-priced TTS call whose upstream reported none: a stream cut before its
// usage (hang-up, upstream cut, shutdown) or an upstream that sends no usage (Azure). Text in
// is counted here with the SDK's tokenizer (the input and instructions are known); audio out
// is estimated from the audio bytes delivered, as seconds of speech at the model's audio-token
// rate. "No free streams": an estimate is billed rather than nothing.

import type { SpeechTokenPrice } from './cost/media-prices.js';
import type { SpeechUsage } from './speech.js';
import { tokenCounter } from './token-counter/token-counter.js';

/**
 * Bytes a second of speech takes in each format. pcm and wav are 24 kHz 16-bit mono, as OpenAI
 * documents its pcm and Gemini sends its audio: exact. Lossy formats at 128 kbps (a 268 s
 * gpt-4o-mini-tts mp3 measured 4.3 MB); flac at the raw rate, which no lossless file exceeds,
 * so its seconds are a floor. Unknown formats take the lossy rate.
 */
const RAW_BYTES_PER_SECOND = 48_000;
const LOSSY_BYTES_PER_SECOND = 16_000;
const BYTES_PER_SECOND: Readonly<Record<string, number>> = {
  pcm: RAW_BYTES_PER_SECOND,
  wav: RAW_BYTES_PER_SECOND,
  flac: RAW_BYTES_PER_SECOND,
  mp3: LOSSY_BYTES_PER_SECOND,
  aac: LOSSY_BYTES_PER_SECOND,
  opus: LOSSY_BYTES_PER_SECOND,
};

interface DeliveredSpeech {
  model: string;
  input: string;
  instructions?: string | undefined;
  /** The audio's format (mp3, wav, pcm, ...). */
  format: string;
  /** Audio bytes handed on (decoded from events where the upstream sent events). */
  audioBytes: number;
}

export function estimateSpeechUsage(delivered: DeliveredSpeech, price: SpeechTokenPrice): SpeechUsage {
  const text = delivered.instructions === undefined ? delivered.input : [delivered.input, delivered.instructions];
  const seconds = delivered.audioBytes / (BYTES_PER_SECOND[delivered.format] ?? LOSSY_BYTES_PER_SECOND);
  return { input_tokens: tokenCounter({ model: delivered.model, text }), output_tokens: Math.ceil(seconds * price.audioTokensPerSecond) };
}
