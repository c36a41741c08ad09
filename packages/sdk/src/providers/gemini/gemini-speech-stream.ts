// Gemini TTS as a byte stream: streamGenerateContent with an AUDIO response modality, each
// SSE chunk's inline base64 PCM (16-bit, mono, 24 kHz as Gemini sends it) decoded and handed
// on as it arrives. `wav` (the default here) puts a streaming WAV header first (sizes unknown:
// the maximum, as streamed WAV does); `pcm` is the raw samples. Gemini makes no mp3, opus, aac
// or flac, so those are refused rather than mislabelled. The last chunk's usageMetadata (text
// tokens in, audio tokens out) is kept for the cost of token-priced TTS.

import { Readable } from 'node:stream';
import { createPcmWavHeader } from '../../create-pcm-wav-header.js';
import { BadRequestError } from '../../errors/error-classes.js';
import { decodeSse } from '../../http/decode-sse.js';
import type { SpeechAudio, SpeechRequest, SpeechUsage } from '../../speech.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { sendGeminiRequest, type GeminiEndpoint } from './send-gemini-request.js';

const DEFAULT_RATE = 24_000;

export async function readGeminiSpeech(endpoint: GeminiEndpoint, request: SpeechRequest, context: ProviderCallContext): Promise<SpeechAudio> {
  const format = request.response_format ?? 'wav';
  if (format !== 'wav' && format !== 'pcm') {
    throw new BadRequestError(`Gemini speaks PCM audio: response_format ${format} is not available; use wav or pcm`, { param: 'response_format', model: request.model });
  }
  if (request.speed !== undefined && request.speed !== 1) context.warnings.push('speed: Gemini TTS takes pace from the instructions, dropped');
  const text = request.instructions === undefined ? request.input : `${request.instructions}: ${request.input}`;
  const body = {
    contents: [{ role: 'user', parts: [{ text }] }],
    generationConfig: { responseModalities: ['AUDIO'], speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: request.voice } } } },
  };
  const { response } = await sendGeminiRequest(endpoint, 'streamGenerateContent', body, context, true);
  const counted: SpeechCounts = { pcmBytes: 0 };
  const audio = Readable.from(pcmChunks(response.body, format === 'wav', counted), { objectMode: false });
  // Destroying the stream (the client hung up) releases the upstream connection too.
  audio.once('close', () => response.body.destroy());
  return { audio, contentType: format === 'wav' ? 'audio/wav' : 'audio/pcm', tokens: () => counted.usage, audioBytes: () => counted.pcmBytes };
}

/** The last usageMetadata, and the PCM bytes handed on before it (no WAV header): an estimate's base if the stream is cut. */
interface SpeechCounts {
  usage?: SpeechUsage;
  pcmBytes: number;
}

interface GeminiSpeechChunk {
  candidates?: Array<{ content?: { parts?: Array<{ inlineData?: { mimeType?: string; data?: string } }> } }>;
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number };
}

async function* pcmChunks(body: AsyncIterable<Uint8Array>, wav: boolean, counted: SpeechCounts): AsyncGenerator<Buffer> {
  let headerSent = !wav;
  for await (const event of decodeSse(body)) {
    const chunk = JSON.parse(event.data) as GeminiSpeechChunk;
    // Gemini counts the audio tokens on the last chunk; earlier ones carry the prompt's alone.
    const metadata = chunk.usageMetadata;
    if (metadata?.candidatesTokenCount !== undefined) counted.usage = { input_tokens: metadata.promptTokenCount ?? 0, output_tokens: metadata.candidatesTokenCount };
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      const inline = part.inlineData;
      if (inline?.data === undefined) continue;
      if (!headerSent) {
        headerSent = true;
        yield createPcmWavHeader(readRate(inline.mimeType));
      }
      const pcm = Buffer.from(inline.data, 'base64');
      counted.pcmBytes += pcm.length;
      yield pcm;
    }
  }
}

/** `audio/L16;codec=pcm;rate=24000` → 24000. */
function readRate(mimeType: string | undefined): number {
  const match = /rate=(\d+)/.exec(mimeType ?? '');
  return match === null ? DEFAULT_RATE : Number(match[1]);
}
