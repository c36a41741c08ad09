// OpenAI's audio API as a fake: `/audio/transcriptions` and `/audio/translations` (multipart)
// answer in each response_format, their text naming the file and its length, so tests can
// check what arrived; `/audio/speech` streams deterministic audio bytes in several chunks
// with pauses between them, as a real text-to-speech stream arrives, or, with
// `stream_format: "sse"` (not on tts-1/tts-1-hd, as OpenAI refuses), the same bytes as
// `speech.audio.delta` events ending in `speech.audio.done` with the call's token usage.
// An input holding FAKE_SPEECH_CUT_MARKER is cut mid-audio, the connection dropped as a
// network cut drops it (no usage, no end of the chunked body).

import type { ServerResponse } from 'node:http';
import type { FakeFormFile } from './fake-read-form.js';

const SPEECH_TYPES: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

export const FAKE_SPEECH_CHUNKS = 4;
export const FAKE_SPEECH_CHUNK_BYTES = 4096;
/** Input holding this is cut by the fake: the connection drops after FAKE_SPEECH_CUT_AFTER chunks (no usage sent). */
export const FAKE_SPEECH_CUT_MARKER = '[fake: cut the audio]';
export const FAKE_SPEECH_CUT_AFTER = 2;

/** Whether the fake drops the connection before chunk `index` of this input's audio. */
function cutsBefore(input: string, index: number): boolean {
  return index === FAKE_SPEECH_CUT_AFTER && input.includes(FAKE_SPEECH_CUT_MARKER);
}

/** The audio the fake speaks for `input`: chunk i is byte (i + input length) mod 256, repeated. */
export function fakeSpeechBytes(input: string): Buffer[] {
  return Array.from({ length: FAKE_SPEECH_CHUNKS }, (_, index) => Buffer.alloc(FAKE_SPEECH_CHUNK_BYTES, (index + input.length) % 256));
}

export async function sendFakeSpeech(response: ServerResponse, input: string, format: string | undefined, headers: Record<string, string>, pauseMs = 30): Promise<void> {
  response.writeHead(200, { 'content-type': SPEECH_TYPES[format ?? 'mp3'] ?? 'audio/mpeg', 'transfer-encoding': 'chunked', ...headers });
  for (const [index, chunk] of fakeSpeechBytes(input).entries()) {
    // A caller that hung up gets no more: the real API stops generating on a closed connection.
    if (response.destroyed) return;
    if (cutsBefore(input, index)) return void response.destroy();
    response.write(chunk);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  response.end();
}

/** The usage the fake reports for an SSE speech: a token per 4 input characters, 25 audio tokens a chunk. */
export function fakeSpeechUsage(input: string): { input_tokens: number; output_tokens: number; total_tokens: number } {
  const inputTokens = Math.ceil(input.length / 4);
  const outputTokens = FAKE_SPEECH_CHUNKS * 25;
  return { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
}

export async function sendFakeSpeechEvents(response: ServerResponse, input: string, headers: Record<string, string>, pauseMs = 30): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  for (const [index, chunk] of fakeSpeechBytes(input).entries()) {
    if (response.destroyed) return;
    if (cutsBefore(input, index)) return void response.destroy();
    response.write(`data: ${JSON.stringify({ type: 'speech.audio.delta', audio: chunk.toString('base64') })}\n\n`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  response.end(`data: ${JSON.stringify({ type: 'speech.audio.done', usage: fakeSpeechUsage(input) })}\n\n`);
}

/** A PCM WAV's seconds from its header (byte rate at offset 28, data size from the `data` chunk). */
export function fakeWavSeconds(bytes: Buffer): number | undefined {
  if (bytes.length < 44 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') return undefined;
  const byteRate = bytes.readUInt32LE(28);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'data') return byteRate > 0 ? size / byteRate : undefined;
    offset += 8 + size + (size % 2);
  }
  return undefined;
}

export interface FakeTranscription {
  contentType: string;
  body: string;
}

export function createFakeTranscription(task: 'transcriptions' | 'translations', file: FakeFormFile, format: string | undefined, language: string | undefined): FakeTranscription {
  const seconds = fakeWavSeconds(file.bytes) ?? 1;
  const verb = task === 'translations' ? 'Translation' : 'Transcription';
  const text = `${verb} of ${file.name} (${file.bytes.length} bytes)`;
  const end = formatTimestamp(seconds, ',');
  switch (format) {
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', body: `${text}\n` };
    case 'srt':
      return { contentType: 'text/plain; charset=utf-8', body: `1\n00:00:00,000 --> ${end}\n${text}\n\n` };
    case 'vtt':
      return { contentType: 'text/plain; charset=utf-8', body: `WEBVTT\n\n00:00:00.000 --> ${formatTimestamp(seconds, '.')}\n${text}\n\n` };
    case 'verbose_json':
      return {
        contentType: 'application/json',
        body: JSON.stringify({
          task: task === 'translations' ? 'translate' : 'transcribe',
          language: task === 'translations' ? 'english' : (language ?? 'english'),
          duration: seconds,
          text,
          segments: [{ id: 0, seek: 0, start: 0, end: seconds, text, tokens: [1], temperature: 0, avg_logprob: -0.1, compression_ratio: 1, no_speech_prob: 0.01 }],
        }),
      };
    default:
      return { contentType: 'application/json', body: JSON.stringify({ text }) };
  }
}

function formatTimestamp(seconds: number, separator: string): string {
  const ms = Math.round(seconds * 1000);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}
