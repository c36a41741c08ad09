// useFakeAndClient for the fakes AWS's own Bedrock runtime client drives: the client signs
// with the suite's region and credentials and is destroyed before the fake closes.

import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { FakeServer } from '../start-fake-server.js';
import { useFakeAndClient, type FakeAndClient } from './use-fake-and-client.js';

interface Signing {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** The client for a fake at `url`. It speaks HTTP/2 by default; the fakes are HTTP/1.1, which the SDK's own HTTP/1.1 handler reaches. */
export function createBedrockRuntimeClient({ region, credentials }: Signing, url: string): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ region, endpoint: url, credentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
}

export function useFakeBedrockRuntime(signing: Signing, start: () => Promise<FakeServer>): FakeAndClient<FakeServer, BedrockRuntimeClient> {
  return useFakeAndClient(
    start,
    (fake) => createBedrockRuntimeClient(signing, fake.url),
    (client) => client.destroy(),
  );
}
