// The length of an audio upload in seconds, read from the file's own headers by
// music-metadata (WAV, MP3, FLAC, OGG, M4A, WebM): the caller's word is not a price input.
// Null when the file is not audio the library can read.

import { parseBuffer } from 'music-metadata';
import type { UploadFile } from './upload-file.js';

export async function readTranscriptionDuration(file: UploadFile): Promise<number | null> {
  try {
    const mimeType = file.contentType === 'application/octet-stream' ? undefined : file.contentType;
    const metadata = await parseBuffer(file.data, { mimeType, size: file.data.length, path: file.filename }, { duration: true, skipCovers: true });
    const seconds = metadata.format.duration;
    return seconds === undefined || !Number.isFinite(seconds) || seconds < 0 ? null : seconds;
  } catch {
    return null;
  }
}
