// Prices of the media operations, which the token catalog (@pydantic/genai-prices) does not
// carry: per image (by size and quality), per second of audio in, per character of text to
// speech, and gpt-image's per-token prices. Keyed by the model id at the provider; Azure
// deployments named after the model find the same row.
//
// Sources (read 2026-12-07): OpenAI's pricing page https://platform.openai.com/docs/pricing
// (images, "Image generation" and "Transcription and speech generation" tables), cross-checked
// against LiteLLM's model_prices_and_context_window.json; Groq https://groq.com/pricing;
// Google https://ai.google.dev/gemini-api/docs/pricing (Imagen per image; Gemini audio input
// per token, at 32 tokens per second of audio: https://ai.google.dev/gemini-api/docs/audio);
// AWS https://aws.amazon.com/bedrock/pricing/ (Nova Canvas, Titan Image Generator, Stability);
// Deepgram https://deepgram.com/pricing (pre-recorded, pay as you go); ElevenLabs
// https://elevenlabs.io/pricing/api (per 1K characters, pay as you go; plans differ).
// Token-priced TTS (read 2026-12-07): OpenAI's pricing page (gpt-4o-mini-tts: text input
// $0.60 and audio output $12.00 per 1M tokens; LiteLLM's row has the same
// output_cost_per_audio_token, 1.2e-05) and Google's https://ai.google.dev/gemini-api/docs/pricing
// (Gemini 2.5 Flash Preview TTS $0.50 text in / $10.00 audio out, Pro Preview TTS $1.00 / $20.00
// per 1M tokens; LiteLLM's gemini/…-preview-tts rows).

/** USD per image, by `quality` then `size` ('*' matches any size). */
type PerImage = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface ImagePrice {
  perImage: PerImage;
  defaultQuality: string;
  /** A size the table does not list is priced at `'*'` when present. */
  defaultSize: string;
  /** The model has no quality setting (Imagen): any quality asked for is priced as the default. */
  ignoresQuality?: boolean;
  /** USD per token, for models that report usage (gpt-image). */
  tokens?: { textInput: number; imageInput: number; output: number };
}

const MTOK = 1e-6;

const GPT_IMAGE_1_PER_IMAGE: PerImage = {
  low: { '1024x1024': 0.011, '1024x1536': 0.016, '1536x1024': 0.016 },
  medium: { '1024x1024': 0.042, '1024x1536': 0.063, '1536x1024': 0.063 },
  high: { '1024x1024': 0.167, '1024x1536': 0.25, '1536x1024': 0.25 },
};

/** Amazon's image models: standard and premium (OpenAI's hd and high), by size tier. */
const amazonImages = (standard: Readonly<Record<string, number>>, premium: Readonly<Record<string, number>>): ImagePrice => ({
  perImage: { standard, premium, hd: premium, high: premium, low: standard, medium: standard },
  defaultQuality: 'standard',
  defaultSize: '1024x1024',
});
const flatPerImage = (price: number): ImagePrice => ({ perImage: { standard: { '*': price } }, defaultQuality: 'standard', defaultSize: '*', ignoresQuality: true });

export const IMAGE_PRICES: Readonly<Record<string, ImagePrice>> = {
  // Nova Canvas: up to 1024×1024, and up to 2048×2048.
  'amazon.nova-canvas-v1:0': amazonImages({ '*': 0.04, '2048x2048': 0.06 }, { '*': 0.06, '2048x2048': 0.08 }),
  // Titan Image Generator v2: 512×512, and larger (up to 1408 a side).
  'amazon.titan-image-generator-v2:0': amazonImages({ '512x512': 0.008, '*': 0.01 }, { '512x512': 0.01, '*': 0.012 }),
  'stability.sd3-5-large-v1:0': flatPerImage(0.08),
  'stability.stable-image-ultra-v1:1': flatPerImage(0.14),
  'stability.stable-image-core-v1:1': flatPerImage(0.04),
  // Stability's Image Services on Bedrock (edits), per image returned.
  'stability.stable-image-inpaint-v1:0': flatPerImage(0.07),
  'stability.stable-image-search-replace-v1:0': flatPerImage(0.07),
  'stability.stable-image-erase-object-v1:0': flatPerImage(0.07),
  'stability.stable-image-remove-background-v1:0': flatPerImage(0.07),
  // Imagen 3 editing and customization on Vertex AI, per image returned.
  'imagen-3.0-capability-001': flatPerImage(0.04),
  'imagen-3.0-generate-002': flatPerImage(0.04),
  'imagen-3.0-fast-generate-001': flatPerImage(0.02),
  'imagen-4.0-generate-001': flatPerImage(0.04),
  'imagen-4.0-fast-generate-001': flatPerImage(0.02),
  'imagen-4.0-ultra-generate-001': flatPerImage(0.06),
  'dall-e-2': { perImage: { standard: { '256x256': 0.016, '512x512': 0.018, '1024x1024': 0.02 } }, defaultQuality: 'standard', defaultSize: '1024x1024' },
  'dall-e-3': {
    perImage: {
      standard: { '1024x1024': 0.04, '1024x1792': 0.08, '1792x1024': 0.08 },
      hd: { '1024x1024': 0.08, '1024x1792': 0.12, '1792x1024': 0.12 },
    },
    defaultQuality: 'standard',
    defaultSize: '1024x1024',
  },
  'gpt-image-1': {
    perImage: GPT_IMAGE_1_PER_IMAGE,
    defaultQuality: 'high',
    defaultSize: '1024x1024',
    tokens: { textInput: 5 * MTOK, imageInput: 10 * MTOK, output: 40 * MTOK },
  },
};

/** USD per second of audio sent to transcription (OpenAI prices per minute: /60). */
export const TRANSCRIPTION_PRICES_PER_SECOND: Readonly<Record<string, number>> = {
  'whisper-1': 0.006 / 60,
  // OpenAI bills these by tokens; its pricing page gives the per-minute estimate used here.
  'gpt-4o-transcribe': 0.006 / 60,
  'gpt-4o-mini-transcribe': 0.003 / 60,
  // Groq, per hour of audio.
  'whisper-large-v3': 0.111 / 3600,
  'whisper-large-v3-turbo': 0.04 / 3600,
  // Deepgram, per minute of pre-recorded audio.
  'nova-3': 0.0043 / 60,
  'nova-2': 0.0043 / 60,
  // Gemini: audio input tokens (32 a second) at each model's audio input price; the
  // transcript's output tokens are not counted.
  'gemini-2.5-pro': (32 * 1.25) / 1e6,
  'gemini-2.5-flash': (32 * 1.0) / 1e6,
  'gemini-2.5-flash-lite': (32 * 0.3) / 1e6,
  'gemini-2.0-flash': (32 * 0.7) / 1e6,
};

/** USD per input character of text to speech. */
export const SPEECH_PRICES_PER_CHARACTER: Readonly<Record<string, number>> = {
  'tts-1': 15 * MTOK,
  'tts-1-hd': 30 * MTOK,
  // ElevenLabs: Multilingual at $0.10 and Flash/Turbo at $0.05 per 1K characters.
  eleven_multilingual_v2: 0.1 / 1000,
  eleven_v3: 0.1 / 1000,
  eleven_flash_v2_5: 0.05 / 1000,
  eleven_turbo_v2_5: 0.05 / 1000,
};

// Audio tokens a second of speech costs, for estimates only. OpenAI publishes gpt-4o-mini-tts's
// "estimated cost" as $0.015 a minute at $12 per 1M audio tokens: 1,250 tokens a minute. Google:
// "Gemini represents each second of audio as 32 tokens" (https://ai.google.dev/gemini-api/docs/audio).
const OPENAI_TTS_TOKENS_PER_SECOND = 1_250 / 60;
const GEMINI_AUDIO_TOKENS_PER_SECOND = 32;

/** USD per token of TTS billed by tokens: the text sent in and the audio sent back. */
export interface SpeechTokenPrice {
  textInput: number;
  audioOutput: number;
  /**
   * Audio tokens per second of speech, for a stream that ends before the upstream's counts
   * (or an upstream that sends none): the output is then estimated from the audio delivered.
   */
  audioTokensPerSecond: number;
}

/**
 * Text to speech billed by tokens. The counts are the upstream's own, read at the end of the
 * audio: OpenAI's `speech.audio.done` usage (llmux asks for `stream_format: sse` for these
 * models on rows that declare `speechUsageEvents`), Gemini's last `usageMetadata` (promptTokenCount in, candidatesTokenCount out).
 */
export const SPEECH_PRICES_PER_TOKEN: Readonly<Record<string, SpeechTokenPrice>> = {
  'gpt-4o-mini-tts': { textInput: 0.6 * MTOK, audioOutput: 12 * MTOK, audioTokensPerSecond: OPENAI_TTS_TOKENS_PER_SECOND },
  'gpt-4o-mini-tts-2025-03-20': { textInput: 0.6 * MTOK, audioOutput: 12 * MTOK, audioTokensPerSecond: OPENAI_TTS_TOKENS_PER_SECOND },
  'gemini-2.5-flash-preview-tts': { textInput: 0.5 * MTOK, audioOutput: 10 * MTOK, audioTokensPerSecond: GEMINI_AUDIO_TOKENS_PER_SECOND },
  'gemini-2.5-pro-preview-tts': { textInput: 1 * MTOK, audioOutput: 20 * MTOK, audioTokensPerSecond: GEMINI_AUDIO_TOKENS_PER_SECOND },
};
