// The bodies of /v1/audio/transcriptions and /translations (multipart: numbers arrive as
// text) and /v1/audio/speech (JSON), minimally validated; the fields listed are the ones
// forwarded to the SDK.

import { z } from 'zod';
import { uploadFileSchema } from '../../http/multipart-file-schema.js';
import type { RequestShape } from '../operation.js';
import { mediaFields } from './audio-images-fields.js';

const transcriptionSchema = z.looseObject({
  model: z.string().min(1),
  file: uploadFileSchema,
  language: z.string().optional(),
  prompt: z.string().optional(),
  response_format: z.enum(['json', 'text', 'srt', 'verbose_json', 'vtt']).optional(),
  temperature: z.coerce.number().min(0).max(1).optional(),
  timestamp_granularities: z.array(z.enum(['word', 'segment'])).optional(),
  include: z.array(z.string()).optional(),
  // Streamed transcripts (gpt-4o-transcribe's SSE) are not served: refused, not answered whole.
  stream: z.union([z.literal(false), z.literal('false')], { message: 'streaming is not supported on this route' }).optional(),
});

/** OpenAI caps the text to speak at 4096 characters. */
const MAX_SPEECH_INPUT = 4096;

const speechSchema = z.looseObject({
  model: z.string().min(1),
  input: z.string().min(1).max(MAX_SPEECH_INPUT),
  voice: z.string().min(1),
  response_format: z.enum(['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm']).optional(),
  speed: z.number().min(0.25).max(4).optional(),
  instructions: z.string().optional(),
  stream_format: z.enum(['audio', 'sse']).optional(),
});

export const TRANSCRIPTION_REQUEST: RequestShape = { schema: transcriptionSchema };
export const TRANSCRIPTION_FIELDS = mediaFields(Object.keys(transcriptionSchema.shape).filter((name) => name !== 'stream'));
export const SPEECH_REQUEST: RequestShape = { schema: speechSchema };
export const SPEECH_FIELDS = mediaFields(Object.keys(speechSchema.shape));
