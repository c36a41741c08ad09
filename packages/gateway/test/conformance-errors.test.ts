// LiteLLM drop-in conformance, issue #18: error identity. Fakes answer with each provider's
// real error bodies (sources beside each); through the gateway, a content-policy refusal is
// LiteLLM's ContentPolicyViolationError (status 400) carrying the provider's code (Azure
// `content_filter`) or `content_policy_violation`, and a prompt too long for the model is
// LiteLLM's ContextWindowExceededError (400, `context_length_exceeded`). Every error body
// validates against OpenAI's ErrorResponse schema.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  googleErrorBody,
  startFakeAnthropicUpstream,
  startFakeAzureUpstream,
  startFakeBedrockUpstream,
  startFakeCohereUpstream,
  startFakeGeminiUpstream,
  startFakeGoogleTokenServer,
  startFakeOpenAIUpstream,
  startFakeVertexUpstream,
  type FakeGeminiReply,
  type RecordedRequest,
} from '@llmux/fake-upstreams';
import { errorOf, httpRequest, type RawResponse } from './helpers/http-request.js';
import { assertOpenAISchema } from './helpers/openai-schema.js';
import { FakeFleet } from './helpers/fake-fleet.js';
import type { TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-conformance-errors';
const UPSTREAM_KEY = 'upstream-key-conformance-errors';
const REGION = 'us-east-1';
const AWS = { accessKeyId: 'AKIAFAKECONFERRORS01', secretAccessKey: 'fake-conformance-errors-secret-0000000000' };
const PROJECT = 'conformance-errors-project';

// OpenAI's context-window refusal, as its API words it (code context_length_exceeded).
const OPENAI_CONTEXT = {
  error: {
    message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens. Please reduce the length of the messages.",
    type: 'invalid_request_error',
    param: 'messages',
    code: 'context_length_exceeded',
  },
};
// OpenAI's safety-system refusal (code content_policy_violation).
const OPENAI_POLICY = {
  error: {
    code: 'content_policy_violation',
    message: 'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
    param: null,
    type: 'invalid_request_error',
  },
};
// Azure OpenAI's content filter on the prompt: Microsoft Learn, "Content filtering" (content-filter.md), with its innererror.
const AZURE_POLICY = {
  error: {
    message:
      'The response was filtered due to the prompt triggering Azure Content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=21298766',
    type: null,
    param: 'prompt',
    code: 'content_filter',
    status: 400,
    innererror: {
      code: 'ResponsibleAIPolicyViolation',
      content_filter_result: {
        hate: { filtered: true, severity: 'high' },
        'self-harm': { filtered: true, severity: 'high' },
        sexual: { filtered: false, severity: 'safe' },
        violence: { filtered: true, severity: 'medium' },
      },
    },
  },
};
// Anthropic (and Claude on Vertex): a prompt over the window is an invalid_request_error.
const ANTHROPIC_CONTEXT = { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 208310 tokens > 200000 maximum' } };
// Gemini (AI Studio and Vertex): INVALID_ARGUMENT with the token counts.
const GEMINI_CONTEXT = googleErrorBody(400, 'INVALID_ARGUMENT', 'The input token count (1135450) exceeds the maximum number of tokens allowed (1048576).');
// Bedrock: a ValidationException, named in x-amzn-errortype.
const BEDROCK_CONTEXT = {
  status: 400,
  body: { message: 'Input is too long for requested model.' },
  headers: { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
};
// Cohere v2: a flat message.
const COHERE_CONTEXT = { message: 'too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 5000' };

/** The fakes' answers: the error each provider sends for a prompt over the window ("too long") or against its policy ("policy"). */
function errorReply(errors: { context: { status: number; body: unknown; headers?: Record<string, string> }; policy?: FakeGeminiReply }) {
  return (request: RecordedRequest): FakeGeminiReply => {
    if (request.text.includes('too long')) return { error: errors.context };
    if (request.text.includes('policy') && errors.policy !== undefined) return errors.policy;
    if (request.text.includes('cut short')) return { content: 'one two three four', failAfterChunks: 2 };
    return { content: 'fine' };
  };
}

interface ErrorRow {
  provider: string;
  model: string;
  /** The code a content-policy refusal carries; undefined where the provider refuses with no error (a 200 with a refusal finish). */
  policyCode?: string;
  /** The fake renders a mid-stream failure in the provider's own way. */
  midStream?: true;
}

const ROWS: ErrorRow[] = [
  { provider: 'openai', model: 'openai-chat', policyCode: 'content_policy_violation', midStream: true },
  { provider: 'azure', model: 'azure-chat', policyCode: 'content_filter' },
  { provider: 'anthropic', model: 'anthropic-chat', midStream: true },
  { provider: 'bedrock converse', model: 'bedrock-chat', midStream: true },
  { provider: 'gemini', model: 'gemini-chat', policyCode: 'content_policy_violation', midStream: true },
  { provider: 'vertex gemini', model: 'vertex-gemini-chat', policyCode: 'content_policy_violation' },
  { provider: 'vertex anthropic', model: 'vertex-claude-chat' },
  { provider: 'cohere', model: 'cohere-chat' },
];

describe('error identity through the gateway, as LiteLLM names errors', () => {
  const fleet = new FakeFleet();
  const started = fleet.started;
  let gateway: TestGateway;

  const chat = (model: string, content: string, stream = false): Promise<RawResponse> =>
    httpRequest(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, max_tokens: 32, messages: [{ role: 'user', content }], ...(stream ? { stream: true } : {}) }),
    });

  before(async () => {
    const openAIErrors = { context: { status: 400, body: OPENAI_CONTEXT }, policy: { error: { status: 400, body: OPENAI_POLICY } } };
    const openai = started(await startFakeOpenAIUpstream({ apiKey: UPSTREAM_KEY, reply: errorReply(openAIErrors) }));
    const azure = started(
      await startFakeAzureUpstream({
        apiKey: UPSTREAM_KEY,
        reply: errorReply({ context: { status: 400, body: { error: { ...OPENAI_CONTEXT.error, status: 400 } } }, policy: { error: { status: 400, body: AZURE_POLICY } } }),
      }),
    );
    const anthropic = started(await startFakeAnthropicUpstream({ apiKey: UPSTREAM_KEY, reply: errorReply({ context: { status: 400, body: ANTHROPIC_CONTEXT } }) }));
    const bedrock = started(await startFakeBedrockUpstream({ ...AWS, region: REGION, reply: errorReply({ context: BEDROCK_CONTEXT }) }));
    const geminiErrors = { context: { status: 400, body: GEMINI_CONTEXT }, policy: { promptBlockReason: 'SAFETY' } };
    const gemini = started(await startFakeGeminiUpstream({ apiKey: UPSTREAM_KEY, reply: errorReply(geminiErrors) }));
    const cohere = started(await startFakeCohereUpstream({ apiKey: UPSTREAM_KEY, reply: errorReply({ context: { status: 400, body: COHERE_CONTEXT } }) }));
    const tokenServer = started(await startFakeGoogleTokenServer());
    const vertex = started(
      await startFakeVertexUpstream({
        tokens: tokenServer.issued,
        project: PROJECT,
        reply: (request) =>
          (request.url.includes('/publishers/anthropic/') ? errorReply({ context: { status: 400, body: ANTHROPIC_CONTEXT } }) : errorReply(geminiErrors))(request),
      }),
    );
    const keyPath = await fleet.serviceAccountFile(tokenServer, PROJECT);
    const vertexParams = { api_base: vertex.url, vertex_project: PROJECT, vertex_location: 'us-east5', vertex_credentials: keyPath };
    const key = { api_key: UPSTREAM_KEY };
    const deployments: Record<string, Record<string, unknown>> = {
      'openai-chat': { model: 'openai/gpt-4o-mini', api_base: `${openai.url}/v1`, ...key },
      'azure-chat': { model: 'azure/prod-gpt', api_base: azure.url, api_version: '2024-10-21', ...key },
      'anthropic-chat': { model: 'anthropic/claude-sonnet-4-5', api_base: anthropic.url, ...key },
      'bedrock-chat': {
        model: 'bedrock/us.anthropic.claude-3-5-haiku-20241022-v1:0',
        aws_bedrock_runtime_endpoint: bedrock.url,
        aws_access_key_id: AWS.accessKeyId,
        aws_secret_access_key: AWS.secretAccessKey,
        aws_region_name: REGION,
      },
      'gemini-chat': { model: 'gemini/gemini-2.5-flash', api_base: gemini.url, ...key },
      'vertex-gemini-chat': { model: 'vertex_ai/gemini-2.5-flash', ...vertexParams },
      'vertex-claude-chat': { model: 'vertex_ai/claude-sonnet-4-5@20250929', ...vertexParams },
      'cohere-chat': { model: 'cohere/command-a-03-2025', api_base: cohere.url, ...key },
    };
    gateway = await fleet.startGateway(deployments, MASTER_KEY);
  });
  after(async () => {
    await fleet.close();
  });

  for (const row of ROWS) {
    describe(row.provider, () => {
      it('ContextWindowExceededError: a prompt over the window is a 400 with code context_length_exceeded', async () => {
        for (const stream of [false, true]) {
          const response = await chat(row.model, 'this prompt is too long', stream);
          assert.equal(response.status, 400, `${stream ? 'stream' : 'chat'}: ${response.text}`);
          assertOpenAISchema('ErrorResponse', response.json, `${row.provider} context-window error`);
          const error = errorOf(response);
          assert.equal(error.code, 'context_length_exceeded');
          assert.equal(error.type, 'invalid_request_error');
          assert.ok(error.message.length > 0);
        }
      });

      if (row.midStream === true) {
        it("a stream the provider fails midway ends with an error event in OpenAI's ErrorResponse shape", async () => {
          const response = await chat(row.model, 'this stream is cut short', true);
          assert.equal(response.status, 200, response.text);
          const events = response.text.split('\n\n').filter((event) => event.startsWith('data: {'));
          const failure = events.map((event) => JSON.parse(event.slice('data: '.length)) as Record<string, unknown>).find((payload) => 'error' in payload);
          assert.ok(failure !== undefined, response.text);
          assertOpenAISchema('ErrorResponse', failure, `${row.provider} mid-stream error event`);
        });
      }

      const policyCode = row.policyCode;
      if (policyCode !== undefined) {
        it(`ContentPolicyViolationError: a refused prompt is a 400 with code ${policyCode}`, async () => {
          for (const stream of [false, true]) {
            const response = await chat(row.model, 'against the policy', stream);
            assert.equal(response.status, 400, `${stream ? 'stream' : 'chat'}: ${response.text}`);
            assertOpenAISchema('ErrorResponse', response.json, `${row.provider} content-policy error`);
            const error = errorOf(response);
            assert.equal(error.code, policyCode);
            assert.equal(error.type, 'invalid_request_error');
          }
        });
      }
    });
  }
});
