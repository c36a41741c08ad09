// Many fake upstreams behind one test gateway (the conformance tests' set-up): the fakes it
// started, a Google service-account key file in a temp folder, and a gateway with one
// deployment per name; close() ends them all.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeGoogleTokenServer } from '@llmux/fake-upstreams';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

interface Closable {
  close(): Promise<void>;
}

export class FakeFleet {
  private readonly servers: Closable[] = [];
  private directory: string | undefined;
  private gateway: TestGateway | undefined;

  /** Keeps `server` to close with the fleet. */
  readonly started = <T extends Closable>(server: T): T => {
    this.servers.push(server);
    return server;
  };

  /** The path of a key file for a service account `tokenServer` knows, as vertex_credentials names one. */
  async serviceAccountFile(tokenServer: FakeGoogleTokenServer, projectId: string): Promise<string> {
    this.directory ??= await mkdtemp(join(tmpdir(), 'llmux-fleet-'));
    const path = join(this.directory, 'service-account.json');
    await writeFile(path, JSON.stringify(tokenServer.createServiceAccount({ projectId }).keyFile));
    return path;
  }

  /** A gateway with one deployment per model name, its litellm_params as given. */
  async startGateway(deployments: Record<string, Record<string, unknown>>, masterKey: string): Promise<TestGateway> {
    this.gateway = await startTestGateway({
      model_list: Object.entries(deployments).map(([model_name, litellm_params]) => ({ model_name, litellm_params })),
      general_settings: { master_key: masterKey },
    });
    return this.gateway;
  }

  async close(): Promise<void> {
    await this.gateway?.close();
    for (const server of this.servers.reverse()) await server.close();
    if (this.directory !== undefined) await rm(this.directory, { recursive: true, force: true });
  }
}
