// The new providers end to end: a config of deployments on rows that build their address
// from settings (Cloudflare's account, Azure AI's api_version, Databricks' workspace), a
// gateway-style vendor (DeepInfra), watsonx.ai with its IAM exchange and a Vertex AI partner
// model, loaded under strict config checks, called with the official `openai` client.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startBasePathFront,
  startFakeGoogleTokenServer,
  startFakeOpenAIUpstream,
  startFakeVertexOpenAPIUpstream,
  startFakeWatsonxUpstream,
  type FakeGoogleTokenServer,
  type FakeServer,
  type FakeWatsonxServer,
} from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { parseConfig } from '../src/index.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-providers';
const IBM_KEY = 'ibm-cloud-key-providers-0001';

describe('new providers through the gateway with the openai client', () => {
  let openai: FakeServer;
  let front: FakeServer;
  let watsonx: FakeWatsonxServer;
  let tokenServer: FakeGoogleTokenServer;
  let vertex: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;
  let document: Record<string, unknown>;

  before(async () => {
    openai = await startFakeOpenAIUpstream();
    front = await startBasePathFront(() => openai);
    watsonx = await startFakeWatsonxUpstream({ apiKeys: [IBM_KEY], project: 'wx-project' });
    tokenServer = await startFakeGoogleTokenServer();
    vertex = await startFakeVertexOpenAPIUpstream({ tokens: tokenServer.issued, project: 'gcp-project' });
    const account = tokenServer.createServiceAccount();
    document = {
      model_list: [
        { model_name: 'deepinfra-llama', litellm_params: { model: 'deepinfra/meta-llama/Llama-3.3-70B-Instruct', api_base: `${front.url}/v1/openai`, api_key: 'di-key' } },
        {
          model_name: 'cf-llama',
          litellm_params: {
            model: 'cloudflare/@cf/meta/llama-3.1-8b-instruct',
            api_base: `${front.url}/client/v4/accounts/{account_id}/ai/v1`,
            api_key: 'cf-key',
            cloudflare_account_id: 'acct-9',
          },
        },
        {
          model_name: 'foundry',
          litellm_params: { model: 'azure_ai/Llama-3.3-70B-Instruct', api_base: `${front.url}/models`, api_key: 'az-key', api_version: '2024-05-01-preview' },
        },
        { model_name: 'dbrx', litellm_params: { model: 'databricks/databricks-meta-llama-3-3-70b-instruct', api_base: `${front.url}/serving-endpoints`, api_key: 'dapi-key' } },
        { model_name: 'granite', litellm_params: { model: 'watsonx/ibm/granite-3-8b-instruct', api_base: watsonx.url, api_key: IBM_KEY, project_id: 'wx-project' } },
        {
          model_name: 'maas-llama',
          litellm_params: {
            model: 'vertex_ai/meta/llama-3.3-70b-instruct-maas',
            api_base: vertex.url,
            vertex_project: 'gcp-project',
            vertex_location: 'us-central1',
            vertex_credentials: JSON.stringify(account.keyFile),
          },
        },
      ],
      general_settings: { master_key: MASTER_KEY },
    };
    // The SDK's adapters read provider variables from the process environment.
    process.env['WATSONX_IAM_URL'] = `${watsonx.url}/identity/token`;
    gateway = await startTestGateway(structuredClone(document));
    client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  const savedIam = process.env['WATSONX_IAM_URL'];
  after(async () => {
    if (savedIam === undefined) delete process.env['WATSONX_IAM_URL'];
    else process.env['WATSONX_IAM_URL'] = savedIam;
    await gateway.close();
    await Promise.all([front.close(), openai.close(), watsonx.close(), vertex.close(), tokenServer.close()]);
  });

  it('loads the config under strict checks, settings such as cloudflare_account_id and project_id included', () => {
    assert.doesNotThrow(() => parseConfig(structuredClone(document), 'providers config', { ...process.env }, { strict: true }));
  });

  it('reaches each OpenAI-compatible row at its own path with its key', async () => {
    const cases: Array<[model: string, path: string, key: string]> = [
      ['deepinfra-llama', '/v1/openai/chat/completions', 'di-key'],
      ['cf-llama', '/client/v4/accounts/acct-9/ai/v1/chat/completions', 'cf-key'],
      ['foundry', '/models/chat/completions?api-version=2024-05-01-preview', 'az-key'],
      ['dbrx', '/serving-endpoints/chat/completions', 'dapi-key'],
    ];
    for (const [model, path, key] of cases) {
      const completion = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
      assert.match(completion.choices[0]?.message.content ?? '', /^Hello from /, model);
      const sent = front.requests.at(-1);
      assert.equal(sent?.url, path, model);
      assert.equal(sent?.headers.authorization, `Bearer ${key}`, model);
    }
  });

  it('streams from a row, and from watsonx.ai after its IAM exchange', async () => {
    for (const model of ['cf-llama', 'granite']) {
      const stream = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      assert.match(text, /^Hello from /, model);
    }
    assert.equal(watsonx.requests.at(-1)?.url, '/ml/v1/text/chat_stream?version=2024-03-13');
    assert.equal(watsonx.requests.filter((request) => request.url === '/identity/token').length, 1);
  });

  it('answers from a Vertex AI partner model through its OpenAI-compatible endpoint', async () => {
    const completion = await client.chat.completions.create({ model: 'maas-llama', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from meta/llama-3.3-70b-instruct-maas');
    assert.equal(vertex.requests.at(-1)?.url, '/v1/projects/gcp-project/locations/us-central1/endpoints/openapi/chat/completions');
  });
});
