// A gateway with a master key in front of the fake OpenAI media upstream, serving each media
// model group twice: through OpenAI (`openai/...`) and through Azure OpenAI (`azure/...`,
// the deployment named after its model), plus helpers for keys and spend rows.

import { startFakeOpenAIMediaUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { generateKey, managementClient, type ManagementClient } from './management-client.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';
import { waitForSpendRows, type SpendRow } from './wait-for-spend-rows.js';

const MEDIA_MASTER_KEY = 'sk-master-media';
export const MEDIA_UPSTREAM_KEY = 'sk-upstream-media';
export const MEDIA_AZURE_KEY = 'azure-media-key';
const MEDIA_GROQ_KEY = 'gsk-media';
/** The gateway's request size limit, small so a test can pass it cheaply. */
export const MEDIA_MAX_REQUEST_MB = 2;

export interface MediaGateway {
  gateway: TestGateway;
  upstream: FakeServer;
  admin: ManagementClient;
  client(key?: string): OpenAI;
  /** A new virtual key with the given /key/generate settings. */
  newKey(settings?: Record<string, unknown>): Promise<string>;
  spendRows(key: string, count: number): Promise<SpendRow[]>;
  close(): Promise<void>;
}

/** Model group → upstream model, each served by OpenAI and by an Azure deployment (`azure-<group>`). */
export interface MediaGatewayOptions {
  speechPauseMs?: number;
  /** More deployments (other providers), given the fake OpenAI media upstream's URL. */
  more?: (upstreamUrl: string) => Array<{ model_name: string; litellm_params: Record<string, unknown> }>;
  /** The fakes the test started for `more`, closed with the gateway. */
  upstreams?: ReadonlyArray<{ close(): Promise<void> }>;
}

export async function startMediaGateway(models: Readonly<Record<string, string>>, options: MediaGatewayOptions = {}): Promise<MediaGateway> {
  const { speechPauseMs } = options;
  const upstream = await startFakeOpenAIMediaUpstream({
    apiKey: MEDIA_UPSTREAM_KEY,
    azureApiKey: MEDIA_AZURE_KEY,
    groqApiKey: MEDIA_GROQ_KEY,
    ...(speechPauseMs === undefined ? {} : { speechPauseMs }),
  });
  const model_list: Array<{ model_name: string; litellm_params: Record<string, unknown> }> = Object.entries(models).flatMap(([group, model]) => [
    { model_name: group, litellm_params: { model: `openai/${model}`, api_base: `${upstream.url}/v1`, api_key: MEDIA_UPSTREAM_KEY } },
    { model_name: `azure-${group}`, litellm_params: { model: `azure/${model}`, api_base: upstream.url, api_key: MEDIA_AZURE_KEY, api_version: '2025-04-01-preview' } },
  ]);
  model_list.push(...(options.more?.(upstream.url) ?? []));
  const gateway = await startTestGateway({ model_list, general_settings: { master_key: MEDIA_MASTER_KEY, max_request_size_mb: MEDIA_MAX_REQUEST_MB } });
  const admin = managementClient(gateway.url, MEDIA_MASTER_KEY);
  return {
    gateway,
    upstream,
    admin,
    client: (key = MEDIA_MASTER_KEY) => new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 }),
    newKey: (settings) => generateKey(admin, settings),
    spendRows: (key, count) => waitForSpendRows(admin, key, count),
    close: async () => {
      await gateway.close();
      await upstream.close();
      for (const more of options.upstreams ?? []) await more.close();
    },
  };
}
