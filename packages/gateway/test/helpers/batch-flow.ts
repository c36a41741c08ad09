// The client side of a batch, as the batch tests drive it: an upload of chat lines, and a
// batch run to its end and its output read (which is when the gateway bills it). The fakes
// finish a job on the second look, as a real provider finishes one eventually.

import type OpenAI from 'openai';
import { toFile } from 'openai';

export interface BatchFileOptions {
  /** Body fields every line carries besides model and messages. */
  extra?: Record<string, unknown>;
  /** The line's custom_id (default `req-<index>`). */
  customId?: (index: number) => string;
}

/** A JSONL batch upload: one chat line per prompt, for `model`. */
export function batchFile(model: string, prompts: readonly string[], options: BatchFileOptions = {}): Promise<File> {
  const customId = options.customId ?? ((index: number) => `req-${index}`);
  const lines = prompts.map((prompt, index) =>
    JSON.stringify({ custom_id: customId(index), method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content: prompt }], ...options.extra } }),
  );
  return toFile(Buffer.from(lines.join('\n')), 'batch.jsonl');
}

/** Uploads `file`, runs a batch over it to its end and reads the output. */
export async function runBatchToOutput(client: OpenAI, file: File): Promise<{ batch: OpenAI.Batch; done: OpenAI.Batch; output: string }> {
  const uploaded = await client.files.create({ file, purpose: 'batch' });
  const batch = await client.batches.create({ input_file_id: uploaded.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
  await client.batches.retrieve(batch.id);
  const done = await client.batches.retrieve(batch.id);
  const output = await (await client.files.content(done.output_file_id ?? '')).text();
  return { batch, done, output };
}
