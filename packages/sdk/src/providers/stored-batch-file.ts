// The File object answered for a batch input a provider without a Files API keeps in its own
// bucket (Bedrock in S3, Vertex AI in Cloud Storage): the caller's name and size, processed
// at once, since the records were converted on upload.

import type { UploadFile } from '../upload-file.js';
import { nowSeconds } from './now-seconds.js';
import type { FileObject } from './batch-support.js';

export function storedBatchInputFile(id: string, file: UploadFile): FileObject {
  return {
    id,
    object: 'file',
    bytes: file.data.length,
    created_at: nowSeconds(),
    filename: file.filename,
    purpose: 'batch',
    status: 'processed',
    expires_at: null,
    status_details: null,
  };
}
