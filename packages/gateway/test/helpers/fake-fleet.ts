// Many fake upstreams behind one test gateway (the conformance and provider tests' set-up):
// the fakes it started, a Google service-account key file in a temp folder, and a gateway with
// one deployment per name; close() ends them all, the gateway first.

import type { FakeGoogleTokenServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { writeServiceAccountFile } from './service-account-file.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

interface Closable {
  close(): Promise<void>;
}

export class FakeFleet {
  private readonly servers: Closable[] = [];
  private gateway: TestGateway | undefined;

  /** Keeps `server` to close with the fleet. */
  readonly started = <T extends Closable>(server: T): T => {
    this.servers.push(server);
    return server;
  };

  /** The path of a key file for a service account `tokenServer` knows, as vertex_credentials names one. */
  async serviceAccountFile(tokenServer: FakeGoogleTokenServer, projectId: string): Promise<string> {
    const file = this.started(await writeServiceAccountFile(tokenServer.createServiceAccount({ projectId }).keyFile));
    return file.path;
  }

  /** A gateway with one deployment per model name, its litellm_params as given; `env` resolves their os.environ/ references. */
  async startGateway(deployments: Record<string, Record<string, unknown>>, masterKey: string, env?: NodeJS.ProcessEnv): Promise<TestGateway> {
    this.gateway = await startTestGateway(
      {
        model_list: Object.entries(deployments).map(([model_name, litellm_params]) => ({ model_name, litellm_params })),
        general_settings: { master_key: masterKey },
      },
      env,
    );
    return this.gateway;
  }

  /** The official openai client on the fleet's gateway with `key`, without retries: a test sees the first answer. */
  openAIClient(key: string): OpenAI {
    if (this.gateway === undefined) throw new Error('the fleet has no gateway yet');
    return new OpenAI({ apiKey: key, baseURL: `${this.gateway.url}/v1`, maxRetries: 0 });
  }

  async close(): Promise<void> {
    await this.gateway?.close();
    for (const server of this.servers.reverse()) await server.close();
  }
}
