// Azure OpenAI deployments behind the gateway, end to end with the official `openai` client:
// a fake Azure resource and a fake Entra ID token endpoint on port 0, keys from
// os.environ/ references, exactly as a LiteLLM config would name them.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  azureContentFilterError,
  startFakeAzureUpstream,
  startFakeEntraTokenEndpoint,
  type FakeChatReply,
  type FakeEntraServer,
  type FakeServer,
  type RecordedRequest,
} from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { FakeFleet } from './helpers/fake-fleet.js';

const MASTER_KEY = 'sk-master-azure';
const AZURE_KEY = 'azure-upstream-secret-4242';
const ENTRA = { tenantId: 'tenant-gw', clientId: 'client-gw', clientSecret: 'client-secret-gw-777' };

function replyFor(request: RecordedRequest): FakeChatReply {
  const text = JSON.stringify(request.json);
  if (text.includes('blocked words')) return { error: azureContentFilterError() };
  return { content: 'Hello from Azure deployment', usage: { promptTokens: 9, completionTokens: 4 } };
}

describe('gateway with Azure OpenAI deployments', () => {
  const fleet = new FakeFleet();
  let entra: FakeEntraServer;
  let azure: FakeServer;
  let client: OpenAI;

  before(async () => {
    entra = fleet.started(await startFakeEntraTokenEndpoint(ENTRA));
    azure = fleet.started(
      await startFakeAzureUpstream({ apiKey: AZURE_KEY, token: (token) => entra.isIssued(token), reply: replyFor, models: { 'prod-gpt': 'gpt-4o-2024-08-06' } }),
    );
    const env = { ...process.env, LLMUX_E2E_AZURE_KEY: AZURE_KEY, LLMUX_E2E_AZURE_SECRET: ENTRA.clientSecret };
    await fleet.startGateway(
      {
        'azure-gpt': { model: 'azure/prod-gpt', api_base: azure.url, api_key: 'os.environ/LLMUX_E2E_AZURE_KEY', api_version: '2024-10-21' },
        'azure-entra': {
          model: 'azure/prod-gpt',
          api_base: azure.url,
          tenant_id: ENTRA.tenantId,
          client_id: ENTRA.clientId,
          client_secret: 'os.environ/LLMUX_E2E_AZURE_SECRET',
          azure_authority_host: entra.url,
        },
        'azure-embed': { model: 'azure/prod-embedder', api_base: azure.url, api_key: 'os.environ/LLMUX_E2E_AZURE_KEY' },
      },
      MASTER_KEY,
      env,
    );
    client = fleet.openAIClient(MASTER_KEY);
  });
  after(() => fleet.close());

  it('chats with an Azure deployment, sending api-key to the deployment URL', async () => {
    const completion = await client.chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from Azure deployment');
    assert.equal(completion.model, 'gpt-4o-2024-08-06');
    assert.equal(completion.usage?.total_tokens, 13);
    // Azure's content-filter fields are not in the openai client's types.
    assert.equal((completion as unknown as Record<string, unknown>)['prompt_filter_results'], undefined);
    const sent = azure.requests.at(-1);
    assert.equal(sent?.url, '/openai/deployments/prod-gpt/chat/completions?api-version=2024-10-21');
    assert.equal(sent?.headers['api-key'], AZURE_KEY);
  });

  it('streams well-formed chunks only, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'azure-gpt',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(
      chunks.every((chunk) => chunk.id !== '' && chunk.object === 'chat.completion.chunk' && chunk.created > 0),
      'no empty prompt-filter chunk',
    );
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello from Azure deployment');
    assert.equal(chunks.at(-1)?.usage?.total_tokens, 13);
  });

  it('authenticates with Entra ID client credentials, one token for several calls', async () => {
    for (let round = 0; round < 2; round += 1) {
      const completion = await client.chat.completions.create({ model: 'azure-entra', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(completion.choices[0]?.message.content, 'Hello from Azure deployment');
    }
    assert.equal(entra.issued.length, 1);
    assert.equal(azure.requests.at(-1)?.headers.authorization, `Bearer ${entra.issued[0]}`);
    assert.equal(azure.requests.at(-1)?.headers['api-key'], undefined);
  });

  it("returns a blocked prompt as a 400 ContentPolicyViolationError with Azure's code, content_filter", async () => {
    const error = await client.chat.completions.create({ model: 'azure-gpt', messages: [{ role: 'user', content: 'blocked words' }] }).then(
      () => assert.fail('expected an error'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.code, 'content_filter');
    assert.ok(!error.message.includes(AZURE_KEY));
  });

  it('embeds through an Azure embeddings deployment', async () => {
    const result = await client.embeddings.create({ model: 'azure-embed', input: ['alpha', 'beta'] });
    assert.equal(result.data.length, 2);
    assert.ok(Array.isArray(result.data[0]?.embedding) && result.data[0].embedding.length === 8);
    assert.match(azure.requests.at(-1)?.url ?? '', /^\/openai\/deployments\/prod-embedder\/embeddings\?api-version=/);
  });
});
