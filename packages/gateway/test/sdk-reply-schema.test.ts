// The SDK's own replies against OpenAI's published schema (issue #18): `completion()` from
// `llmux`, called directly (no gateway between), for every native provider against its fake,
// returns a CreateChatCompletionResponse (with `choices[].logprobs` and `message.refusal`
// present, null when the provider has none) and streams CreateChatCompletionStreamResponse
// chunks. It lives beside the gateway's schema test because the schema fixture and its
// validator (fixtures/openai-openapi, ajv) are the gateway's.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startFakeAnthropicUpstream,
  startFakeBedrockUpstream,
  startFakeCohereUpstream,
  startFakeGeminiUpstream,
  startFakeGoogleTokenServer,
  startFakeOllamaUpstream,
  startFakeOpenAIUpstream,
  startFakeReplicateUpstream,
  startFakeSageMakerUpstream,
  startFakeVertexUpstream,
  startFakeWatsonxUpstream,
  type FakeGeminiReply,
  type RecordedRequest,
} from '@llmux/fake-upstreams';
import { completion, HttpClient, type CompletionParams } from 'llmux';
import { assertOpenAISchema } from './helpers/openai-schema.js';
import { FakeFleet } from './helpers/fake-fleet.js';
import { overrideProcessEnv } from './helpers/process-env-override.js';

const UPSTREAM_KEY = 'upstream-key-sdk-schema';
const REGION = 'us-east-1';
const AWS = { accessKeyId: 'AKIAFAKESDKSCHEMA001', secretAccessKey: 'fake-sdk-schema-secret-000000000000000000' };
const PROJECT = 'sdk-schema-project';
const TOOL = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } } as const;

/** Every fake answers the same: a tool call when asked about the weather, text otherwise. */
function replyFor(request: RecordedRequest): FakeGeminiReply {
  if (request.text.includes('weather?'))
    return { toolCalls: [{ id: 'call_schema_1', name: 'get_weather', arguments: '{"city":"Paris"}' }], usage: { promptTokens: 20, completionTokens: 8 } };
  return { content: 'Hello from the SDK.', usage: { promptTokens: 12, completionTokens: 6 } };
}

/** One native provider: the deployment's parameters for completion(), and whether its API takes tools. */
interface ProviderRow {
  provider: string;
  params: () => Partial<CompletionParams>;
  tools?: false;
}

describe("completion() replies and chunks conform to OpenAI's schema for every native provider", () => {
  const fleet = new FakeFleet();
  const started = fleet.started;
  const http = new HttpClient();
  const urls = new Map<string, string>();
  let keyPath = '';

  const aws = () => ({ aws_access_key_id: AWS.accessKeyId, aws_secret_access_key: AWS.secretAccessKey, aws_region_name: REGION });
  const url = (name: string) => urls.get(name) ?? '';
  const vertex = () => ({ api_base: url('vertex'), vertex_project: PROJECT, vertex_location: 'us-east5', vertex_credentials: keyPath });
  const ROWS: ProviderRow[] = [
    { provider: 'openai', params: () => ({ model: 'openai/gpt-4o-mini', api_base: `${url('openai')}/v1`, api_key: UPSTREAM_KEY }) },
    { provider: 'anthropic', params: () => ({ model: 'anthropic/claude-sonnet-4-5', api_base: url('anthropic'), api_key: UPSTREAM_KEY }) },
    { provider: 'bedrock converse', params: () => ({ model: 'bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0', aws_bedrock_runtime_endpoint: url('bedrock'), ...aws() }) },
    {
      provider: 'bedrock invoke (Claude)',
      params: () => ({ model: 'bedrock/invoke/anthropic.claude-3-5-haiku-20241022-v1:0', aws_bedrock_runtime_endpoint: url('bedrock'), ...aws() }),
    },
    { provider: 'vertex gemini', params: () => ({ model: 'vertex_ai/gemini-2.5-flash', ...vertex() }) },
    { provider: 'vertex anthropic', params: () => ({ model: 'vertex_ai/claude-sonnet-4-5@20250929', ...vertex() }) },
    { provider: 'gemini', params: () => ({ model: 'gemini/gemini-2.5-flash', api_base: url('gemini'), api_key: UPSTREAM_KEY }) },
    { provider: 'cohere', params: () => ({ model: 'cohere/command-a-03-2025', api_base: url('cohere'), api_key: UPSTREAM_KEY }) },
    { provider: 'ollama_chat', params: () => ({ model: 'ollama_chat/llama3.2', api_base: url('ollama') }) },
    { provider: 'ollama (generate)', params: () => ({ model: 'ollama/llama3.2', api_base: url('ollama') }), tools: false },
    { provider: 'sagemaker_chat', params: () => ({ model: 'sagemaker_chat/tgi-endpoint', api_base: url('sagemaker'), ...aws() }) },
    { provider: 'sagemaker (TGI generate)', params: () => ({ model: 'sagemaker/tgi-endpoint', api_base: url('sagemaker'), ...aws() }), tools: false },
    { provider: 'watsonx', params: () => ({ model: 'watsonx/ibm/granite-3-8b-instruct', api_base: url('watsonx'), project_id: PROJECT, api_key: UPSTREAM_KEY }) },
    { provider: 'replicate', params: () => ({ model: 'replicate/meta/meta-llama-3-8b-instruct', api_base: `${url('replicate')}/v1`, api_key: UPSTREAM_KEY }), tools: false },
  ];

  before(async () => {
    urls.set('openai', started(await startFakeOpenAIUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor })).url);
    urls.set('anthropic', started(await startFakeAnthropicUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor })).url);
    urls.set('bedrock', started(await startFakeBedrockUpstream({ ...AWS, region: REGION, reply: replyFor })).url);
    urls.set('gemini', started(await startFakeGeminiUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor })).url);
    urls.set('cohere', started(await startFakeCohereUpstream({ apiKey: UPSTREAM_KEY, reply: replyFor })).url);
    urls.set('ollama', started(await startFakeOllamaUpstream({ reply: replyFor })).url);
    urls.set('sagemaker', started(await startFakeSageMakerUpstream({ ...AWS, region: REGION, reply: replyFor })).url);
    const watsonx = started(await startFakeWatsonxUpstream({ apiKeys: [UPSTREAM_KEY], project: PROJECT, reply: replyFor }));
    urls.set('watsonx', watsonx.url);
    urls.set('replicate', started(await startFakeReplicateUpstream({ apiToken: UPSTREAM_KEY, reply: replyFor })).url);
    const tokenServer = started(await startFakeGoogleTokenServer());
    urls.set('vertex', started(await startFakeVertexUpstream({ tokens: tokenServer.issued, project: PROJECT, reply: replyFor })).url);
    keyPath = await fleet.serviceAccountFile(tokenServer, PROJECT);
    // The watsonx adapter reads its IAM endpoint from the process environment, as LiteLLM does.
    started(overrideProcessEnv('WATSONX_IAM_URL', `${watsonx.url}/identity/token`));
  });
  after(async () => {
    await http.close();
    await fleet.close();
  });

  const call = (row: ProviderRow, ask: 'hi' | 'weather?') =>
    ({ ...row.params(), http_client: http, max_tokens: 64, messages: [{ role: 'user', content: ask }], ...(ask === 'weather?' ? { tools: [TOOL] } : {}) }) as CompletionParams;

  for (const row of ROWS) {
    describe(row.provider, () => {
      it('a plain reply is a CreateChatCompletionResponse, with logprobs and refusal null', async () => {
        const reply = await completion({ ...call(row, 'hi'), stream: false });
        assertOpenAISchema('CreateChatCompletionResponse', reply, `${row.provider} completion()`);
        assert.equal(reply.choices[0]?.message.content, 'Hello from the SDK.');
        assert.equal(reply.choices[0]?.logprobs, null);
        assert.equal(reply.choices[0]?.message.refusal, null);
      });

      it('every chunk of a stream is a CreateChatCompletionStreamResponse', async () => {
        const stream = await completion({ ...call(row, 'hi'), stream: true, stream_options: { include_usage: true } });
        let text = '';
        let index = 0;
        for await (const chunk of stream) {
          assertOpenAISchema('CreateChatCompletionStreamResponse', chunk, `${row.provider} chunk ${index}`);
          text += chunk.choices[0]?.delta.content ?? '';
          index += 1;
        }
        assert.equal(text, 'Hello from the SDK.');
      });

      if (row.tools !== false) {
        it('a tool-call reply and its stream conform too', async () => {
          const reply = await completion({ ...call(row, 'weather?'), stream: false });
          assertOpenAISchema('CreateChatCompletionResponse', reply, `${row.provider} tool-call completion()`);
          assert.equal(reply.choices[0]?.message.tool_calls?.[0]?.function.name, 'get_weather');
          const stream = await completion({ ...call(row, 'weather?'), stream: true });
          let index = 0;
          for await (const chunk of stream) assertOpenAISchema('CreateChatCompletionStreamResponse', chunk, `${row.provider} tool chunk ${index++}`);
          assert.ok(index > 0);
        });
      }
    });
  }
});
