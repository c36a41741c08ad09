// Canonical image, file and audio parts → Gemini data parts: inline bytes (a data: URL, base64
// audio) become `inlineData`, a URL Gemini fetches itself (https, gs://, a Files API URI)
// becomes `fileData`. Gemini reads PDFs, images, audio and video from either form.

import { BadRequestError } from '../../errors/error-classes.js';
import type { FileContentPart, InputAudioContentPart } from '../../spec/index.js';
import type { GeminiPart } from './gemini-api.js';
import { guessMimeType } from './guess-mime-type.js';

const DATA_URL_PATTERN = /^data:([^;,]+);base64,(.*)$/s;
const FILE_URI_PATTERN = /^(?:https?|gs):\/\//;

/** OpenAI's input_audio formats → the audio types Gemini lists as supported. */
const AUDIO_MIME_TYPES: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mp3',
  aiff: 'audio/aiff',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
};

export function toGeminiImagePart(url: string, param: string): GeminiPart {
  const data = DATA_URL_PATTERN.exec(url);
  if (data !== null) return { inlineData: { mimeType: data[1] ?? '', data: data[2] ?? '' } };
  if (FILE_URI_PATTERN.test(url)) return { fileData: { mimeType: guessMimeType(url), fileUri: url } };
  throw new BadRequestError('image_url must be an http(s) or gs:// URL or a base64 data: URL', { param });
}

/**
 * `file_data` (a data: URL) inline; `file_id` as a URI Gemini fetches. The media type is the
 * part's `format` (LiteLLM's field) first, else the data URL's or the URI's extension. A URI
 * with neither goes without one: the Files API knows its files' types (Vertex answers a 400).
 */
export function toGeminiFilePart(file: FileContentPart['file'], param: string): GeminiPart {
  if (file.file_data !== undefined) {
    const data = DATA_URL_PATTERN.exec(file.file_data);
    if (data === null) throw new BadRequestError('file.file_data must be a base64 data: URL (data:<media type>;base64,<data>)', { param: `${param}.file.file_data` });
    return { inlineData: { mimeType: file.format ?? data[1] ?? '', data: data[2] ?? '' } };
  }
  if (file.file_id !== undefined) {
    if (!FILE_URI_PATTERN.test(file.file_id)) {
      throw new BadRequestError("file.file_id must be an https or gs:// URI for Gemini (an uploaded file's Files API URI, or a Cloud Storage object)", {
        param: `${param}.file.file_id`,
      });
    }
    const mimeType = file.format ?? guessMimeType(file.file_id, '');
    return { fileData: mimeType === '' ? { fileUri: file.file_id } : { mimeType, fileUri: file.file_id } };
  }
  throw new BadRequestError('a file part needs file.file_data or file.file_id', { param: `${param}.file` });
}

export function toGeminiAudioPart(audio: InputAudioContentPart['input_audio'], param: string): GeminiPart {
  const mimeType = AUDIO_MIME_TYPES[audio.format];
  if (mimeType === undefined) {
    throw new BadRequestError(`input_audio format "${audio.format}" is not one Gemini reads (${Object.keys(AUDIO_MIME_TYPES).join(', ')})`, {
      param: `${param}.input_audio.format`,
    });
  }
  return { inlineData: { mimeType, data: audio.data } };
}
