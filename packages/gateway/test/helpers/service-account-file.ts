// A Vertex AI deployment names its service account by a key file's path (vertex_credentials):
// the tests write the throwaway account a fake Google token server made into a temp folder of
// its own, removed when the test is done with it.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServiceAccountFile {
  path: string;
  /** Removes the file and its folder. */
  close(): Promise<void>;
}

export async function writeServiceAccountFile(keyFile: unknown): Promise<ServiceAccountFile> {
  const directory = await mkdtemp(join(tmpdir(), 'llmux-service-account-'));
  const path = join(directory, 'service-account.json');
  await writeFile(path, JSON.stringify(keyFile));
  return { path, close: () => rm(directory, { recursive: true, force: true }) };
}
