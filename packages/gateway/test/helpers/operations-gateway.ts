// A gateway with a master key in front of the fake upstreams a test started, serving the
// model list it gives, plus helpers for keys, spend rows and plain HTTP calls.

import OpenAI from 'openai';
import { generateKey, managementClient, type ManagementClient } from './management-client.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';
import { waitForSpendRows, type SpendRow } from './wait-for-spend-rows.js';

export const OPERATIONS_MASTER_KEY = 'sk-master-operations';

export interface Deployment {
  model_name: string;
  litellm_params: Record<string, unknown>;
  model_info?: Record<string, unknown>;
}

export interface OperationsGateway {
  gateway: TestGateway;
  admin: ManagementClient;
  client(key?: string): OpenAI;
  /** POST a JSON body to a gateway path; the reply's status, headers and parsed body. */
  post(path: string, body: unknown, key?: string): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }>;
  /** A new virtual key with the given /key/generate settings. */
  newKey(settings?: Record<string, unknown>): Promise<string>;
  spendRows(key: string, count: number): Promise<SpendRow[]>;
  close(): Promise<void>;
}

/** What the gateway closes after itself: the fakes a test started, a token server, a key file. */
interface Closable {
  close(): Promise<void>;
}

export async function startOperationsGateway(modelList: Deployment[], upstreams: Closable[]): Promise<OperationsGateway> {
  const gateway = await startTestGateway({ model_list: modelList, general_settings: { master_key: OPERATIONS_MASTER_KEY } });
  const admin = managementClient(gateway.url, OPERATIONS_MASTER_KEY);
  return {
    gateway,
    admin,
    client: (key = OPERATIONS_MASTER_KEY) => new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 }),
    post: async (path, body, key = OPERATIONS_MASTER_KEY) => {
      const response = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
    },
    newKey: (settings) => generateKey(admin, settings),
    spendRows: (key, count) => waitForSpendRows(admin, key, count),
    close: async () => {
      await gateway.close();
      await Promise.all(upstreams.map((upstream) => upstream.close()));
    },
  };
}
