// LiteLLM's provider parameters and content parts through /v1/chat/completions to Gemini
// (AI Studio and Vertex AI), Cohere and Ollama, with the official `openai` client: what each
// fake received, in the provider's own wire form. The Gemini fakes refuse malformed parts,
// thinking configs and tools as Google does, so a wrong mapping fails here.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startFakeCohereUpstream,
  startFakeGeminiUpstream,
  startFakeGoogleTokenServer,
  startFakeOllamaUpstream,
  startFakeVertexUpstream,
  type FakeServer,
} from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { FakeFleet } from './helpers/fake-fleet.js';
import type { TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-gemini-params';
const UPSTREAM_KEY = 'upstream-key-gemini-params';
const PROJECT = 'params-project';
const PDF = Buffer.from('%PDF-1.4 a one-page fake document').toString('base64');
const WAV = Buffer.from('RIFF fake wave data').toString('base64');

/** The parts LiteLLM's users send for a document, a stored document and a recording. */
const DOCUMENT_PARTS = [
  { type: 'text', text: 'Summarise the report and the recording.' },
  { type: 'file', file: { file_data: `data:application/pdf;base64,${PDF}`, filename: 'report.pdf' } },
  { type: 'file', file: { file_id: 'gs://reports-bucket/q3.pdf' } },
  { type: 'input_audio', input_audio: { data: WAV, format: 'wav' } },
] as unknown as OpenAI.ChatCompletionContentPart[]; // `file_id` as a gs:// URI is LiteLLM's form; the openai types say only "a file id"

const GEMINI_PARTS = [
  { text: 'Summarise the report and the recording.' },
  { inlineData: { mimeType: 'application/pdf', data: PDF } },
  { fileData: { mimeType: 'application/pdf', fileUri: 'gs://reports-bucket/q3.pdf' } },
  { inlineData: { mimeType: 'audio/wav', data: WAV } },
];

/** LiteLLM's parameters that the openai client's types do not name: sent at the top level, as the client sends any extra field. */
type WithProviderParams = OpenAI.ChatCompletionCreateParamsNonStreaming & { top_k?: number; thinking?: { type: 'enabled'; budget_tokens: number } | { type: 'disabled' } };

interface GeminiBody {
  contents: Array<{ role: string; parts: unknown[] }>;
  generationConfig?: Record<string, unknown>;
  tools?: unknown[];
}

describe('provider parameters and content parts reach Gemini, Vertex Gemini, Cohere and Ollama (LiteLLM drop-in)', () => {
  const fleet = new FakeFleet();
  let gemini: FakeServer;
  let vertex: FakeServer;
  let cohere: FakeServer;
  let ollama: FakeServer;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    gemini = fleet.started(await startFakeGeminiUpstream({ apiKey: UPSTREAM_KEY }));
    cohere = fleet.started(await startFakeCohereUpstream({ apiKey: UPSTREAM_KEY }));
    ollama = fleet.started(await startFakeOllamaUpstream());
    const tokenServer = fleet.started(await startFakeGoogleTokenServer());
    vertex = fleet.started(await startFakeVertexUpstream({ tokens: tokenServer.issued, project: PROJECT }));
    const keyPath = await fleet.serviceAccountFile(tokenServer, PROJECT);
    gateway = await fleet.startGateway(
      {
        'gemini-chat': { model: 'gemini/gemini-2.5-flash', api_base: gemini.url, api_key: UPSTREAM_KEY },
        'vertex-gemini-chat': { model: 'vertex_ai/gemini-2.5-flash', api_base: vertex.url, vertex_project: PROJECT, vertex_location: 'us-central1', vertex_credentials: keyPath },
        'cohere-chat': { model: 'cohere/command-a-reasoning-08-2025', api_base: cohere.url, api_key: UPSTREAM_KEY },
        'ollama-chat': { model: 'ollama_chat/qwen3', api_base: ollama.url },
      },
      MASTER_KEY,
    );
    client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(() => fleet.close());

  const lastGeminiBody = (fake: FakeServer) => fake.requests.at(-1)?.json as GeminiBody;

  for (const [label, model, fake] of [
    ['gemini', 'gemini-chat', () => gemini],
    ['vertex_ai gemini', 'vertex-gemini-chat', () => vertex],
  ] as const) {
    it(`${label}: file (PDF inline and gs://) and input_audio parts arrive as inlineData/fileData`, async () => {
      const reply = await client.chat.completions.create({ model, messages: [{ role: 'user', content: DOCUMENT_PARTS }] });
      assert.equal(reply.choices[0]?.finish_reason, 'stop');
      assert.deepEqual(lastGeminiBody(fake()).contents, [{ role: 'user', parts: GEMINI_PARTS }]);
    });

    it(`${label}: top_k, thinking and web_search_options become topK, thinkingConfig and the googleSearch tool`, async () => {
      const params: WithProviderParams = {
        model,
        messages: [{ role: 'user', content: 'Who won yesterday?' }],
        top_k: 32,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        web_search_options: {},
      };
      const { response } = await client.chat.completions.create(params).withResponse();
      assert.equal(response.headers.get('x-llmux-warnings'), null);
      const body = lastGeminiBody(fake());
      assert.deepEqual(body.generationConfig, { topK: 32, thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } });
      assert.deepEqual(body.tools, [{ googleSearch: {} }]);
    });
  }

  it('gemini: reasoning_effort still maps to a thinking budget, and thinking wins over it with a warning', async () => {
    await client.chat.completions.create({ model: 'gemini-chat', messages: [{ role: 'user', content: 'hi' }], reasoning_effort: 'low' });
    assert.deepEqual(lastGeminiBody(gemini).generationConfig, { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } });
    const params: WithProviderParams = { model: 'gemini-chat', messages: [{ role: 'user', content: 'hi' }], reasoning_effort: 'low', thinking: { type: 'disabled' } };
    const { response } = await client.chat.completions.create(params).withResponse();
    assert.deepEqual(lastGeminiBody(gemini).generationConfig, { thinkingConfig: { thinkingBudget: 0 } });
    assert.match(response.headers.get('x-llmux-warnings') ?? '', /reasoning_effort ignored/);
  });

  it('gemini: cache_control is not sent and the client is told so (no context cache is created)', async () => {
    const content = [{ type: 'text', text: 'A long shared prefix.', cache_control: { type: 'ephemeral' } }] as unknown as OpenAI.ChatCompletionContentPartText[]; // cache_control is LiteLLM's field, not in the openai types
    const { response } = await client.chat.completions
      .create({
        model: 'gemini-chat',
        messages: [
          { role: 'system', content },
          { role: 'user', content: 'hi' },
        ],
      })
      .withResponse();
    assert.equal(response.status, 200);
    assert.equal(JSON.stringify(gemini.requests.at(-1)?.json).includes('cache_control'), false);
    assert.match(response.headers.get('x-llmux-warnings') ?? '', /cache_control ignored: Gemini/);
  });

  it('gemini: a file_id that is not a URI is a 400 naming the part, and nothing is sent', async () => {
    const before = gemini.requests.length;
    const content = [{ type: 'file', file: { file_id: 'file-abc123' } }] as OpenAI.ChatCompletionContentPart[];
    await assert.rejects(
      client.chat.completions.create({ model: 'gemini-chat', messages: [{ role: 'user', content }] }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && (error.param ?? '') === 'messages[0].content[0].file.file_id',
    );
    assert.equal(gemini.requests.length, before);
  });

  it('cohere: top_k arrives as k and thinking as Cohere thinking', async () => {
    const params: WithProviderParams = { model: 'cohere-chat', messages: [{ role: 'user', content: 'hi' }], top_k: 50, thinking: { type: 'enabled', budget_tokens: 4000 } };
    await client.chat.completions.create(params);
    const body = cohere.requests.at(-1)?.json as Record<string, unknown>;
    assert.equal(body['k'], 50);
    assert.deepEqual(body['thinking'], { type: 'enabled', token_budget: 4000 });
  });

  it('ollama: top_k arrives in options', async () => {
    const params: WithProviderParams = { model: 'ollama-chat', messages: [{ role: 'user', content: 'hi' }], top_k: 10 };
    await client.chat.completions.create(params);
    const body = ollama.requests.at(-1)?.json as { options?: Record<string, unknown> };
    assert.equal(body.options?.['top_k'], 10);
  });
});
