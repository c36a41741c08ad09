// OpenAI's speech as server-sent events (`stream_format: "sse"`), which llmux asks for when a
// model is billed by tokens: only the event stream reports them (`speech.audio.done`'s usage).
// Each `speech.audio.delta` is decoded and handed on as it arrives, so a client that asked for
// plain audio gets the bytes it would have got; one that asked for events gets the events.

import { Readable } from 'node:stream';
import { decodeSse } from '../../http/decode-sse.js';
import type { SpeechAudio, SpeechUsage } from '../../speech.js';

/** OpenAI's media type for each response_format. */
const SPEECH_TYPES: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

interface SpeechEvent {
  type?: string;
  audio?: string;
  usage?: { input_tokens?: number; output_tokens?: number };
}

export function readOpenAISpeechEvents(body: Readable, options: { format: string | undefined; passEvents: boolean }): SpeechAudio {
  const counted: SpeechCounts = { audioBytes: 0 };
  const audio = Readable.from(speechChunks(body, options.passEvents, counted), { objectMode: false });
  // Destroying the stream (the client hung up) releases the upstream connection too.
  audio.once('close', () => body.destroy());
  const contentType = options.passEvents ? 'text/event-stream' : (SPEECH_TYPES[options.format ?? 'mp3'] ?? 'application/octet-stream');
  return { audio, contentType, tokens: () => counted.usage, audioBytes: () => counted.audioBytes };
}

/** The usage at the end, and the audio bytes handed on before it (an estimate's base if the stream is cut). */
interface SpeechCounts {
  usage?: SpeechUsage;
  audioBytes: number;
}

async function* speechChunks(body: Readable, passEvents: boolean, counted: SpeechCounts): AsyncGenerator<Buffer> {
  for await (const event of decodeSse(body)) {
    if (passEvents) yield Buffer.from(`data: ${event.data}\n\n`);
    const parsed = JSON.parse(event.data) as SpeechEvent;
    if (parsed.type === 'speech.audio.delta' && typeof parsed.audio === 'string') {
      // Counted as the audio it carries, whether the client gets the audio or the event.
      counted.audioBytes += Buffer.byteLength(parsed.audio, 'base64');
      if (!passEvents) yield Buffer.from(parsed.audio, 'base64');
    }
    if (parsed.type === 'speech.audio.done' && parsed.usage !== undefined) {
      counted.usage = { input_tokens: parsed.usage.input_tokens ?? 0, output_tokens: parsed.usage.output_tokens ?? 0 };
    }
  }
}
