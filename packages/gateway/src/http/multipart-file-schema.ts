// A file part of a multipart body (read-multipart.ts): a text field where a file belongs is
// refused with OpenAI's 400 naming the field.

import type { UploadFile } from 'llmux';
import { z } from 'zod';

export const uploadFileSchema = z.custom<UploadFile>(
  (value) => typeof value === 'object' && value !== null && Buffer.isBuffer((value as { data?: unknown }).data),
  'expected a file upload',
);
