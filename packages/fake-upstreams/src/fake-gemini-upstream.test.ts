// Proves the fake Gemini upstream is faithful: the official @google/genai client talks to it
// unchanged, for plain, streaming, function-call, embedding and error replies.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ApiError, FunctionCallingConfigMode, GoogleGenAI } from '@google/genai';
import { FAKE_THOUGHT_SIGNATURE, type FakeGeminiReply } from './fake-gemini-reply.js';
import { startFakeGeminiUpstream } from './fake-gemini-upstream.js';
import { googleErrorBody, retryInfo } from './fake-google-error.js';
import type { RecordedRequest } from './start-fake-server.js';
import { useFakeAndClient } from './__fixtures__/use-fake-and-client.js';

const API_KEY = 'AIzaFakeGeminiKey0123456789';
const MODEL = 'gemini-2.5-flash';

/** Tests pick the reply with a marker in the last user text. */
const REPLIES: Record<string, FakeGeminiReply> = {
  weather: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
  think: { reasoning: 'The user greets me.', content: 'Hi there, friend', usage: { promptTokens: 50, completionTokens: 12, cachedTokens: 30 } },
  'rate-limit': { error: { status: 429, body: googleErrorBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.', [retryInfo(7)]) } },
  overload: { content: 'one two three four', failAfterChunks: 2 },
};

function lastText(request: RecordedRequest): string {
  const body = request.json as { contents: Array<{ parts: Array<{ text?: string }> }> };
  return (body.contents.at(-1)?.parts ?? []).map((part) => part.text ?? '').join('');
}

describe('fake Gemini upstream, driven by @google/genai', () => {
  const suite = useFakeAndClient(
    () => startFakeGeminiUpstream({ apiKey: API_KEY, reply: (request) => REPLIES[lastText(request)] ?? { content: `Hello from ${MODEL}` } }),
    (fake) => new GoogleGenAI({ apiKey: API_KEY, httpOptions: { baseUrl: fake.url } }),
  );

  it('answers generateContent with text, a system instruction and usage', async () => {
    const response = await suite.client.models.generateContent({ model: MODEL, contents: 'hi', config: { systemInstruction: 'Be brief.', temperature: 0.2 } });
    assert.equal(response.text, `Hello from ${MODEL}`);
    assert.equal(response.candidates?.[0]?.finishReason, 'STOP');
    assert.equal(response.usageMetadata?.promptTokenCount, 10);
    assert.equal(response.modelVersion, MODEL);
    const recorded = suite.fake.requests.at(-1);
    assert.equal(recorded?.url, `/v1beta/models/${MODEL}:generateContent`);
    assert.equal(recorded?.headers['x-goog-api-key'], API_KEY);
    const body = recorded?.json as { systemInstruction: unknown; generationConfig: unknown };
    assert.deepEqual(body.systemInstruction, { parts: [{ text: 'Be brief.' }], role: 'user' });
    assert.deepEqual(body.generationConfig, { temperature: 0.2 });
  });

  it('reports thoughts, thinking tokens and cached tokens', async () => {
    const response = await suite.client.models.generateContent({ model: MODEL, contents: 'think', config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } } });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    assert.deepEqual(parts, [{ text: 'The user greets me.', thought: true }, { text: 'Hi there, friend' }]);
    assert.equal(response.text, 'Hi there, friend');
    assert.deepEqual(
      [
        response.usageMetadata?.promptTokenCount,
        response.usageMetadata?.cachedContentTokenCount,
        response.usageMetadata?.candidatesTokenCount,
        response.usageMetadata?.thoughtsTokenCount,
      ],
      [50, 30, 8, 4],
    );
  });

  it('answers with a function call the client can read', async () => {
    const response = await suite.client.models.generateContent({
      model: MODEL,
      contents: 'weather',
      config: {
        tools: [{ functionDeclarations: [{ name: 'get_weather', parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } } } }] }],
        toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: ['get_weather'] } },
      },
    });
    assert.deepEqual(response.functionCalls, [{ name: 'get_weather', args: { city: 'Paris' } }]);
    assert.equal(response.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature, FAKE_THOUGHT_SIGNATURE);
  });

  it('streams with alt=sse in CRLF-framed chunks the client reassembles', async () => {
    const stream = await suite.client.models.generateContentStream({ model: MODEL, contents: 'think' });
    const texts: string[] = [];
    let finishReason: string | undefined;
    let usage: number | undefined;
    for await (const chunk of stream) {
      for (const part of chunk.candidates?.[0]?.content?.parts ?? []) if (part.thought !== true && part.text) texts.push(part.text);
      finishReason = chunk.candidates?.[0]?.finishReason ?? finishReason;
      usage = chunk.usageMetadata?.candidatesTokenCount ?? usage;
    }
    assert.equal(texts.join(''), 'Hi there, friend');
    assert.ok(texts.length > 1, 'streamed in several chunks');
    assert.equal(finishReason, 'STOP');
    assert.equal(usage, 8);
    assert.equal(suite.fake.requests.at(-1)?.url, `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`);
  });

  it('sends a mid-stream error as a Google error event', async () => {
    const stream = await suite.client.models.generateContentStream({ model: MODEL, contents: 'overload' });
    const texts: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) texts.push(chunk.text ?? '');
      })(),
      /overloaded/,
    );
    assert.deepEqual(texts, ['one ', 'two ']);
  });

  it('embeds a batch of texts', async () => {
    const response = await suite.client.models.embedContent({ model: 'gemini-embedding-001', contents: ['a', 'b'], config: { outputDimensionality: 4 } });
    assert.equal(response.embeddings?.length, 2);
    assert.equal(response.embeddings?.[0]?.values?.length, 4);
    assert.equal(suite.fake.requests.at(-1)?.url, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
  });

  it('refuses a wrong key, and passes error bodies through', async () => {
    const wrong = new GoogleGenAI({ apiKey: 'AIzaWrong', httpOptions: { baseUrl: suite.fake.url } });
    await assert.rejects(wrong.models.generateContent({ model: MODEL, contents: 'hi' }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 400);
      assert.match(error.message, /API_KEY_INVALID/);
      return true;
    });
    await assert.rejects(suite.client.models.generateContent({ model: MODEL, contents: 'rate-limit' }), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 429);
      assert.match(error.message, /RESOURCE_EXHAUSTED/);
      return true;
    });
  });

  it('rejects fields the real API does not know', async () => {
    const response = await fetch(`${suite.fake.url}/v1beta/models/${MODEL}:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], messages: [] }),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { status: string; message: string } };
    assert.equal(body.error.status, 'INVALID_ARGUMENT');
    assert.match(body.error.message, /Unknown name "messages"/);
  });
  it("takes the files, audio, search tool, topK and thinkingConfig Google's client sends, and refuses malformed ones", async () => {
    const pdf = Buffer.from('%PDF-1.4 fake').toString('base64');
    const response = await suite.client.models.generateContent({
      model: MODEL,
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'summarise' },
            { inlineData: { mimeType: 'application/pdf', data: pdf } },
            { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
            { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
          ],
        },
      ],
      config: { topK: 40, thinkingConfig: { thinkingBudget: 2048, includeThoughts: true }, tools: [{ googleSearch: {} }] },
    });
    assert.equal(response.text, `Hello from ${MODEL}`);
    const body = suite.fake.requests.at(-1)?.json as { tools: unknown; generationConfig: unknown };
    assert.deepEqual(body.tools, [{ googleSearch: {} }]);
    assert.deepEqual(body.generationConfig, { topK: 40, thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } });

    const refused = async (parts: Array<Record<string, unknown>>, message: RegExp) =>
      assert.rejects(
        suite.client.models.generateContent({ model: MODEL, contents: [{ role: 'user', parts }] }),
        (error: unknown) => error instanceof ApiError && error.status === 400 && message.test(error.message),
      );
    await refused([{ inlineData: { mimeType: 'application/pdf', data: 'not base64!' } }], /Base64 decoding failed/);
    await refused([{ inlineData: { data: pdf } }], /mime_type/);
    await refused([{ fileData: { mimeType: 'application/pdf' } }], /file_uri is required/);
  });
});
