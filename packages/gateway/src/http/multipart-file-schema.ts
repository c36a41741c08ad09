// A file part of a multipart body (read-multipart.ts): a text field where a file belongs is
// refused with OpenAI's 400 naming the field. A hook that copied the body (guardrails rewrite
// a structuredClone of it) hands back the bytes as a plain Uint8Array; the parse output is a
// Buffer view over the same memory again, as the SDK's encoders expect.

import type { UploadFile } from 'llmux';
import { z } from 'zod';

type ReadFile = Omit<UploadFile, 'data'> & { data: Uint8Array };

export const uploadFileSchema = z
  .custom<ReadFile>((value) => typeof value === 'object' && value !== null && (value as { data?: unknown }).data instanceof Uint8Array, 'expected a file upload')
  .transform((file): UploadFile => ({ ...file, data: Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength) }));
