// OpenAI's Files and Batch APIs, where a provider serves them (OpenAI, Azure): uploads, the
// file's content as bytes, and batch jobs. Ids are the provider's own; the gateway maps them.

import type { UploadFile } from '../upload-file.js';
import type { ProviderCallContext } from './provider-adapter.js';

/** A File object as OpenAI answers it (`id`, `object: 'file'`, `bytes`, `filename`, `purpose`, ...). */
export type FileObject = Record<string, unknown> & { id: string; object: string };

/** A Batch object (`id`, `object: 'batch'`, `status`, `input_file_id`, `output_file_id`, ...). */
export type BatchObject = Record<string, unknown> & { id: string; object: string; status: string };

export interface CreateFileRequest {
  file: UploadFile;
  purpose: string;
}

export interface CreateBatchRequest {
  input_file_id: string;
  endpoint: string;
  completion_window: string;
  metadata?: Record<string, string> | null;
}

export interface FileContent {
  data: Buffer;
  contentType: string;
}

export interface BatchSupport {
  createFile(request: CreateFileRequest, context: ProviderCallContext): Promise<FileObject>;
  retrieveFile(fileId: string, context: ProviderCallContext): Promise<FileObject>;
  fileContent(fileId: string, context: ProviderCallContext): Promise<FileContent>;
  deleteFile(fileId: string, context: ProviderCallContext): Promise<Record<string, unknown>>;
  createBatch(request: CreateBatchRequest, context: ProviderCallContext): Promise<BatchObject>;
  retrieveBatch(batchId: string, context: ProviderCallContext): Promise<BatchObject>;
  cancelBatch(batchId: string, context: ProviderCallContext): Promise<BatchObject>;
}
