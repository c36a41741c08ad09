// Gemini's audio as a fake: a transcript for audio sent inline to generateContent (its text
// naming the audio's type and size, so tests can check what arrived), and TTS from
// streamGenerateContent with an AUDIO modality: SSE chunks of base64 PCM (16-bit mono at
// 24 kHz, Gemini's own format) with pauses between them.

import type { ServerResponse } from 'node:http';
import { isRecord } from './is-record.js';

const FAKE_GEMINI_SPEECH_CHUNKS = 3;
const FAKE_GEMINI_SPEECH_CHUNK_BYTES = 4800;

/** The PCM the fake speaks: chunk i is byte (i + 7) repeated. */
export function fakeGeminiSpeechPcm(): Buffer[] {
  return Array.from({ length: FAKE_GEMINI_SPEECH_CHUNKS }, (_, index) => Buffer.alloc(FAKE_GEMINI_SPEECH_CHUNK_BYTES, index + 7));
}

/** The inline audio part of a generateContent body, if any. */
export function findInlineAudio(body: unknown): { mimeType: string; bytes: Buffer; instruction: string } | undefined {
  const contents = isRecord(body) && Array.isArray(body['contents']) ? body['contents'] : [];
  let instruction = '';
  for (const content of contents) {
    const parts = isRecord(content) && Array.isArray(content['parts']) ? content['parts'] : [];
    for (const part of parts) {
      if (!isRecord(part)) continue;
      if (typeof part['text'] === 'string') instruction += part['text'];
      const inline = part['inlineData'] ?? part['inline_data'];
      if (isRecord(inline) && typeof inline['data'] === 'string') {
        const mimeType = String(inline['mimeType'] ?? inline['mime_type'] ?? '');
        if (mimeType.startsWith('audio/')) return { mimeType, bytes: Buffer.from(inline['data'], 'base64'), instruction };
      }
    }
  }
  return undefined;
}

export function createFakeGeminiTranscript(audio: { mimeType: string; bytes: Buffer; instruction: string }, modelVersion: string): unknown {
  const verb = audio.instruction.startsWith('Translate') ? 'Translation' : 'Transcript';
  const text = `${verb} of ${audio.bytes.length} bytes of ${audio.mimeType}`;
  // 32 tokens a second of audio, as Gemini counts; the fake calls every clip 1 s long.
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: {
      promptTokenCount: 40,
      candidatesTokenCount: 8,
      totalTokenCount: 48,
      promptTokensDetails: [
        { modality: 'AUDIO', tokenCount: 32 },
        { modality: 'TEXT', tokenCount: 8 },
      ],
    },
    modelVersion,
  };
}

export function isSpeechRequest(body: unknown): boolean {
  const config = isRecord(body) && isRecord(body['generationConfig']) ? body['generationConfig'] : undefined;
  return Array.isArray(config?.['responseModalities']) && config['responseModalities'].includes('AUDIO');
}

export async function sendFakeGeminiSpeech(response: ServerResponse, modelVersion: string, pauseMs: number): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunks = fakeGeminiSpeechPcm();
  for (const [index, pcm] of chunks.entries()) {
    // A caller that hung up gets no more (and no usage): Gemini stops on a closed connection.
    if (response.destroyed) return;
    const last = index === chunks.length - 1;
    const event = {
      candidates: [
        {
          content: { role: 'model', parts: [{ inlineData: { mimeType: 'audio/L16;codec=pcm;rate=24000', data: pcm.toString('base64') } }] },
          ...(last ? { finishReason: 'STOP' } : {}),
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 5, ...(last ? { candidatesTokenCount: 75, totalTokenCount: 80 } : { totalTokenCount: 5 }) },
      modelVersion,
    };
    response.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  response.end();
}
