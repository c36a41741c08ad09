// Renders Bedrock InvokeModel answers: Claude's Messages API message (and its stream, each
// event base64-wrapped in a `chunk` frame, the last carrying Bedrock's invocation metrics)
// and the Titan and Cohere embedding bodies.

import type { FakeChatReply } from './fake-chat-reply.js';
import { createFakeAnthropicMessage, toAnthropicUsage } from './fake-anthropic-message.js';
import { createFakeAnthropicEvents } from './fake-anthropic-stream.js';
import { awsEventFrame, type FakeAwsFrame } from './fake-aws-event-stream.js';
import { createFakeOpenAIEmbeddings } from './fake-openai-embeddings.js';
import { fakeTokenCount } from './fake-token-count.js';

/** Bedrock's message ids keep Anthropic's prefix with its own marker. */
function bedrockMessageId(served: number): string {
  return `msg_bdrk_fake${String(served).padStart(6, '0')}`;
}

export function createFakeInvokeMessage(reply: FakeChatReply, model: string, served: number): Record<string, unknown> {
  return createFakeAnthropicMessage(bedrockMessageId(served), model, reply);
}

export function createFakeInvokeFrames(reply: FakeChatReply, model: string, served: number): FakeAwsFrame[] {
  const usage = toAnthropicUsage(reply);
  return (
    createFakeAnthropicEvents(bedrockMessageId(served), model, reply)
      .map((event) => ({ data: JSON.parse(event.frame.slice(event.frame.indexOf('data: ') + 6)) as Record<string, unknown>, content: event.content }))
      // Bedrock relays Claude's events but not its keep-alive pings.
      .filter(({ data }) => data['type'] !== 'ping')
      .map(({ data, content }) => {
        const event =
          data['type'] === 'message_stop'
            ? {
                ...data,
                'amazon-bedrock-invocationMetrics': {
                  inputTokenCount: usage.input_tokens,
                  outputTokenCount: usage.output_tokens,
                  invocationLatency: 321,
                  firstByteLatency: 123,
                },
              }
            : data;
        return awsEventFrame('chunk', { bytes: Buffer.from(JSON.stringify(event)).toString('base64') }, content);
      })
  );
}

export interface FakeEmbeddingAnswer {
  body: unknown;
  inputTokens: number;
}

/** Titan: one `{inputText}` → `{embedding, inputTextTokenCount}`. */
export function createFakeTitanEmbedding(body: Record<string, unknown>, defaultDimensions: number): FakeEmbeddingAnswer | string {
  const text = body['inputText'];
  if (typeof text !== 'string') return 'Malformed input request: #: required key [inputText] not found, please reformat your input and try again.';
  const dimensions = typeof body['dimensions'] === 'number' ? body['dimensions'] : defaultDimensions;
  const embedding = vectors([text], dimensions)[0] ?? [];
  const inputTokens = fakeTokenCount(text);
  return { body: { embedding, embeddingsByType: { float: embedding }, inputTextTokenCount: inputTokens }, inputTokens };
}

/** Cohere: `{texts, input_type}` → `{id, texts, embeddings, response_type}`. */
export function createFakeCohereEmbeddings(body: Record<string, unknown>, dimensions: number, served: number, modelId = ''): FakeEmbeddingAnswer | string {
  const texts = body['texts'];
  if (!Array.isArray(texts) || !texts.every((text): text is string => typeof text === 'string')) {
    return 'Malformed input request: #: required key [texts] not found, please reformat your input and try again.';
  }
  if (typeof body['input_type'] !== 'string') return 'Malformed input request: #: required key [input_type] not found, please reformat your input and try again.';
  if (texts.length > 96) return 'Malformed input request: #/texts: expected maximum item count: 96, found: ' + String(texts.length);
  // Embed v4 takes an output size and answers by type (`{float: [...]}`).
  if (modelId.includes('embed-v4')) {
    const size = typeof body['output_dimension'] === 'number' ? body['output_dimension'] : 1536;
    return {
      body: { id: `fake-cohere-${served}`, texts, embeddings: { float: vectors(texts, size) }, response_type: 'embeddings_by_type' },
      inputTokens: texts.reduce((sum, text) => sum + fakeTokenCount(text), 0),
    };
  }
  const embeddings = vectors(texts, dimensions);
  return {
    body: { id: `fake-cohere-${served}`, texts, embeddings, response_type: 'embeddings_floats' },
    inputTokens: texts.reduce((sum, text) => sum + fakeTokenCount(text), 0),
  };
}

function vectors(texts: string[], dimensions: number): number[][] {
  const list = createFakeOpenAIEmbeddings({ model: 'fake', input: texts, dimensions }, dimensions) as { data: Array<{ embedding: number[] }> };
  return list.data.map((item) => item.embedding);
}
