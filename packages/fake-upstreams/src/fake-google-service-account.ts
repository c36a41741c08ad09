// A throwaway Google service account for tests: a fresh RSA key pair, and the key file a
// real account would download, pointed at a fake token endpoint.

import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export interface FakeServiceAccountKeyFile {
  type: 'service_account';
  project_id?: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  token_uri: string;
}

export interface FakeServiceAccount {
  /** The JSON key file, as `gcloud iam service-accounts keys create` writes it. */
  keyFile: FakeServiceAccountKeyFile;
  publicKey: KeyObject;
}

export function createFakeServiceAccount(options: { tokenUri: string; projectId?: string; clientEmail?: string }): FakeServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const id = randomBytes(6).toString('hex');
  return {
    keyFile: {
      type: 'service_account',
      ...(options.projectId === undefined ? {} : { project_id: options.projectId }),
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: options.clientEmail ?? `llmux-test-${id}@fake-project.iam.gserviceaccount.com`,
      client_id: String(BigInt(`0x${id}`)),
      token_uri: options.tokenUri,
    },
    publicKey,
  };
}
