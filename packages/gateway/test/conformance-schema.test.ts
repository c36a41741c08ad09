// LiteLLM drop-in conformance, issue #18: every provider's answers, as a client reads them from
// the gateway, validate against OpenAI's published schema (fixtures/openai-openapi, taken from
// openai/openai-openapi). One gateway fronts a fake of each provider; for each one a plain chat
// reply, a tool-call reply, every chunk of a text and a tool-call stream, and an embedding where
// the provider has one, are read over plain HTTP and checked with Ajv against
// CreateChatCompletionResponse, CreateChatCompletionStreamResponse and CreateEmbeddingResponse.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startFakeAnthropicUpstream,
  startFakeAzureUpstream,
  startFakeBedrockUpstream,
  startFakeCohereUpstream,
  startFakeGeminiUpstream,
  startFakeGoogleTokenServer,
  startFakeOllamaUpstream,
  startFakeOpenAIUpstream,
  startFakeSageMakerUpstream,
  startFakeVertexUpstream,
  startFakeWatsonxUpstream,
  type FakeGeminiReply,
  type RecordedRequest,
} from '@llmux/fake-upstreams';
import { httpRequest, type RawResponse } from './helpers/http-request.js';
import { assertOpenAISchema } from './helpers/openai-schema.js';
import { FakeFleet } from './helpers/fake-fleet.js';
import { overrideProcessEnv } from './helpers/process-env-override.js';
import type { TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-conformance';
const UPSTREAM_KEY = 'upstream-key-conformance';
const REGION = 'us-east-1';
const AWS = { accessKeyId: 'AKIAFAKECONFORMANCE1', secretAccessKey: 'fake-conformance-secret-00000000000000000' };
const PROJECT = 'conformance-project';
const TOOL = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };

/** One provider behind the gateway: its chat deployment, and its embedding deployment if it has one. */
interface ProviderRow {
  provider: string;
  chat: string;
  embedding?: string;
  /** False where the provider's API takes no tools (the gateway refuses them with a 400). */
  tools?: false;
  /** An OpenAI-format deployment the gateway passes through: the bytes are the upstream's, but for the schema's few edits. */
  passthrough?: true;
}

const ROWS: ProviderRow[] = [
  { provider: 'openai', chat: 'openai-chat', embedding: 'openai-embed' },
  { provider: 'azure', chat: 'azure-chat', embedding: 'azure-embed' },
  { provider: 'anthropic', chat: 'anthropic-chat' },
  { provider: 'bedrock converse', chat: 'bedrock-chat', embedding: 'bedrock-embed' },
  { provider: 'bedrock invoke (Claude)', chat: 'bedrock-invoke-chat' },
  { provider: 'vertex gemini', chat: 'vertex-gemini-chat', embedding: 'vertex-embed' },
  { provider: 'vertex anthropic', chat: 'vertex-claude-chat' },
  { provider: 'gemini', chat: 'gemini-chat', embedding: 'gemini-embed' },
  { provider: 'cohere', chat: 'cohere-chat', embedding: 'cohere-embed' },
  { provider: 'ollama_chat', chat: 'ollama-chat', embedding: 'ollama-embed' },
  { provider: 'ollama (generate)', chat: 'ollama-generate', tools: false },
  { provider: 'sagemaker_chat', chat: 'sagemaker-chat' },
  { provider: 'sagemaker (TGI generate)', chat: 'sagemaker-generate', tools: false },
  { provider: 'watsonx', chat: 'watsonx-chat' },
  { provider: 'deepseek (OpenAI-compatible)', chat: 'deepseek-chat' },
  { provider: 'groq (OpenAI-compatible)', chat: 'groq-chat' },
  { provider: 'openai with Azure v1 bytes (passed through)', chat: 'azure-v1-passthrough', passthrough: true },
];

/** Every fake answers the same: a tool call when asked about the weather, text otherwise. */
function replyFor(request: RecordedRequest): FakeGeminiReply {
  if (request.text.includes('weather?'))
    return { toolCalls: [{ id: 'call_conformance_1', name: 'get_weather', arguments: '{"city":"Paris"}' }], usage: { promptTokens: 20, completionTokens: 8 } };
  return { content: 'Hello from a conformant gateway.', usage: { promptTokens: 12, completionTokens: 6 } };
}

function chatBody(model: string, ask: 'hi' | 'weather?', stream: boolean): Record<string, unknown> {
  return {
    model,
    max_tokens: 64,
    messages: [{ role: 'user', content: ask }],
    ...(ask === 'weather?' ? { tools: [TOOL] } : {}),
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

/** The `data:` payloads of an OpenAI SSE body, asserting it ends with `data: [DONE]`. */
function sseChunks(response: RawResponse): unknown[] {
  assert.equal(response.status, 200, response.text);
  const payloads = response.text.split(/\r?\n\r?\n/).flatMap((event) =>
    event
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice('data:'.length).trim()),
  );
  assert.equal(payloads.at(-1), '[DONE]', `the stream ends with [DONE]: ${response.text.slice(-200)}`);
  return payloads.slice(0, -1).map((payload) => JSON.parse(payload) as unknown);
}

describe('OpenAI schema conformance of every provider through the gateway', () => {
  const fleet = new FakeFleet();
  const started = fleet.started;
  let gateway: TestGateway;

  const post = (path: string, body: unknown): Promise<RawResponse> =>
    httpRequest(`${gateway.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    const openai = started(await startFakeOpenAIUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor }));
    const deepseek = started(await startFakeOpenAIUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor, reasoningField: 'reasoning_content' }));
    const groq = started(await startFakeOpenAIUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor, reasoningField: 'reasoning' }));
    const azure = started(await startFakeAzureUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor, models: { 'prod-gpt': 'gpt-4o-2024-08-06' } }));
    const azureV1 = started(await startFakeAzureUpstream({ token: UPSTREAM_KEY, reply: replyFor, models: { 'prod-gpt': 'gpt-4o-2024-08-06' } }));
    const anthropic = started(await startFakeAnthropicUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor }));
    const bedrock = started(await startFakeBedrockUpstream({ ...AWS, region: REGION, reply: replyFor }));
    const gemini = started(await startFakeGeminiUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor }));
    const cohere = started(await startFakeCohereUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor }));
    const ollama = started(await startFakeOllamaUpstream({ reply: replyFor }));
    const sagemaker = started(await startFakeSageMakerUpstream({ ...AWS, region: REGION, reply: replyFor }));
    const watsonx = started(await startFakeWatsonxUpstream({ apiKeys: [UPSTREAM_KEY], project: PROJECT, reply: replyFor }));
    const tokenServer = started(await startFakeGoogleTokenServer());
    const vertex = started(await startFakeVertexUpstream({ tokens: tokenServer.issued, project: PROJECT, reply: replyFor }));
    const keyPath = await fleet.serviceAccountFile(tokenServer, PROJECT);

    const aws = { aws_access_key_id: AWS.accessKeyId, aws_secret_access_key: AWS.secretAccessKey, aws_region_name: REGION };
    const vertexParams = { api_base: vertex.url, vertex_project: PROJECT, vertex_location: 'us-east5', vertex_credentials: keyPath };
    const key = { api_key: UPSTREAM_KEY };
    const deployments: Record<string, Record<string, unknown>> = {
      'openai-chat': { model: 'openai/gpt-4o-mini', api_base: `${openai.url}/v1`, ...key },
      'openai-embed': { model: 'openai/text-embedding-3-small', api_base: `${openai.url}/v1`, ...key },
      'azure-chat': { model: 'azure/prod-gpt', api_base: azure.url, api_version: '2024-10-21', ...key },
      'azure-embed': { model: 'azure/prod-embedder', api_base: azure.url, api_version: '2024-10-21', ...key },
      'anthropic-chat': { model: 'anthropic/claude-sonnet-4-5', api_base: anthropic.url, ...key },
      'bedrock-chat': { model: 'bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0', aws_bedrock_runtime_endpoint: bedrock.url, ...aws },
      'bedrock-invoke-chat': { model: 'bedrock/invoke/anthropic.claude-3-5-haiku-20241022-v1:0', aws_bedrock_runtime_endpoint: bedrock.url, ...aws },
      'bedrock-embed': { model: 'bedrock/amazon.titan-embed-text-v2:0', aws_bedrock_runtime_endpoint: bedrock.url, ...aws },
      'vertex-gemini-chat': { model: 'vertex_ai/gemini-2.5-flash', ...vertexParams },
      'vertex-claude-chat': { model: 'vertex_ai/claude-sonnet-4-5@20250929', ...vertexParams },
      'vertex-embed': { model: 'vertex_ai/text-embedding-005', ...vertexParams },
      'gemini-chat': { model: 'gemini/gemini-2.5-flash', api_base: gemini.url, ...key },
      'gemini-embed': { model: 'gemini/gemini-embedding-001', api_base: gemini.url, ...key },
      'cohere-chat': { model: 'cohere/command-a-03-2025', api_base: cohere.url, ...key },
      'cohere-embed': { model: 'cohere/embed-v4.0', api_base: cohere.url, ...key },
      'ollama-chat': { model: 'ollama_chat/llama3.2', api_base: ollama.url },
      'ollama-generate': { model: 'ollama/llama3.2', api_base: ollama.url },
      'ollama-embed': { model: 'ollama/nomic-embed-text', api_base: ollama.url },
      'sagemaker-chat': { model: 'sagemaker_chat/tgi-endpoint', api_base: sagemaker.url, ...aws },
      'sagemaker-generate': { model: 'sagemaker/tgi-endpoint', api_base: sagemaker.url, ...aws },
      'watsonx-chat': { model: 'watsonx/ibm/granite-3-8b-instruct', api_base: watsonx.url, project_id: PROJECT, ...key },
      'deepseek-chat': { model: 'deepseek/deepseek-chat', api_base: `${deepseek.url}/v1`, ...key },
      'groq-chat': { model: 'groq/llama-3.3-70b-versatile', api_base: `${groq.url}/v1`, ...key },
      // Azure's v1 API spoken as plain OpenAI: passed through, with Azure's empty-object first chunk and null fingerprints.
      'azure-v1-passthrough': { model: 'openai/prod-gpt', api_base: `${azureV1.url}/openai/v1`, ...key },
    };
    // The watsonx adapter reads its IAM endpoint from the process environment, as LiteLLM does.
    started(overrideProcessEnv('WATSONX_IAM_URL', `${watsonx.url}/identity/token`));
    gateway = await fleet.startGateway(deployments, MASTER_KEY);
  });
  after(() => fleet.close());

  for (const row of ROWS) {
    describe(row.provider, () => {
      it('a plain chat reply is a CreateChatCompletionResponse', async () => {
        const response = await post('/v1/chat/completions', chatBody(row.chat, 'hi', false));
        assert.equal(response.status, 200, response.text);
        assertOpenAISchema('CreateChatCompletionResponse', response.json, `${row.provider} chat reply`);
        const body = response.json as { choices: Array<{ message: { content: string } }> };
        assert.equal(body.choices[0]?.message.content, 'Hello from a conformant gateway.');
      });

      it('every chunk of a text stream is a CreateChatCompletionStreamResponse', async () => {
        const chunks = sseChunks(await post('/v1/chat/completions', chatBody(row.chat, 'hi', true)));
        chunks.forEach((chunk, index) => assertOpenAISchema('CreateChatCompletionStreamResponse', chunk, `${row.provider} stream chunk ${index}`));
        const text = chunks.map((chunk) => (chunk as { choices: Array<{ delta: { content?: string | null } }> }).choices[0]?.delta.content ?? '').join('');
        assert.equal(text, 'Hello from a conformant gateway.');
        assert.ok(
          chunks.some((chunk) => (chunk as { usage?: unknown }).usage !== undefined && (chunk as { usage?: unknown }).usage !== null),
          'include_usage gives a usage chunk',
        );
        if (row.passthrough === true)
          assert.ok(
            chunks.some((chunk) => 'prompt_filter_results' in (chunk as object)),
            "the upstream's own members are passed through",
          );
      });

      if (row.tools !== false) {
        it('a tool-call reply is a CreateChatCompletionResponse', async () => {
          const response = await post('/v1/chat/completions', chatBody(row.chat, 'weather?', false));
          assert.equal(response.status, 200, response.text);
          assertOpenAISchema('CreateChatCompletionResponse', response.json, `${row.provider} tool-call reply`);
          const body = response.json as { choices: Array<{ finish_reason: string; message: { tool_calls?: Array<{ function: { name: string } }> } }> };
          assert.equal(body.choices[0]?.message.tool_calls?.[0]?.function.name, 'get_weather');
          assert.equal(body.choices[0]?.finish_reason, 'tool_calls');
        });

        it('every chunk of a tool-call stream is a CreateChatCompletionStreamResponse', async () => {
          const chunks = sseChunks(await post('/v1/chat/completions', chatBody(row.chat, 'weather?', true)));
          chunks.forEach((chunk, index) => assertOpenAISchema('CreateChatCompletionStreamResponse', chunk, `${row.provider} tool stream chunk ${index}`));
          const names = chunks.flatMap((chunk) =>
            (chunk as { choices: Array<{ delta: { tool_calls?: Array<{ function?: { name?: string } }> } }> }).choices.flatMap((choice) => choice.delta.tool_calls ?? []),
          );
          assert.equal(names.map((call) => call.function?.name ?? '').join(''), 'get_weather');
        });
      }

      const embedding = row.embedding;
      if (embedding !== undefined) {
        it('an embedding is a CreateEmbeddingResponse', async () => {
          const response = await post('/v1/embeddings', { model: embedding, input: ['first text', 'second text'] });
          assert.equal(response.status, 200, response.text);
          assertOpenAISchema('CreateEmbeddingResponse', response.json, `${row.provider} embedding`);
          assert.equal((response.json as { data: unknown[] }).data.length, 2);
        });
      }
    });
  }
});
