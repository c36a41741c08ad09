// A file sent with a call (an image to edit, audio to transcribe): its bytes, name and media
// type. The gateway hands over the bytes it read from the client's upload as they are.

export interface UploadFile {
  data: Buffer;
  filename: string;
  /** The media type (`audio/wav`, `image/png`); `application/octet-stream` when unknown. */
  contentType: string;
}

export function isUploadFile(value: unknown): value is UploadFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as { data?: unknown }).data) && typeof (value as { filename?: unknown }).filename === 'string';
}
