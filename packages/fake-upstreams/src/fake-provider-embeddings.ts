// The embeddings replies of Jina, Voyage and Mistral, built on the fake OpenAI's deterministic
// vectors: each provider's own parameter names (Jina `embedding_type`, Voyage and Mistral
// `output_dimension`), its usage fields, and its refusal of fields it does not take.

import { createFakeOpenAIEmbeddings } from './fake-openai-embeddings.js';

interface Built {
  data: Array<{ object: string; index: number; embedding: number[] | string }>;
  usage: { prompt_tokens: number; total_tokens: number };
}

const DIMENSIONS = 8;

function build(body: Record<string, unknown>, dimensions: unknown, base64: boolean): Built {
  return createFakeOpenAIEmbeddings({ model: String(body['model']), input: body['input'], dimensions, encoding_format: base64 ? 'base64' : undefined }, DIMENSIONS) as Built;
}

/** A refusal (the provider's words) or the reply. */
export type FakeEmbeddingAnswer = { refused: string } | { reply: Record<string, unknown> };

function extraFields(body: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(body).filter((key) => !allowed.includes(key));
}

/** Jina `/v1/embeddings`: `embedding_type` float or base64, `dimensions`, `task`; usage in total and prompt tokens. */
export function createFakeJinaEmbeddings(body: Record<string, unknown>): FakeEmbeddingAnswer {
  const extra = extraFields(body, ['model', 'input', 'task', 'dimensions', 'embedding_type', 'normalized', 'late_chunking', 'truncate']);
  if (extra.length > 0) return { refused: `Extra inputs are not permitted: ${extra.join(', ')}` };
  const built = build(body, body['dimensions'], body['embedding_type'] === 'base64');
  return { reply: { model: body['model'], object: 'list', usage: { total_tokens: built.usage.total_tokens, prompt_tokens: built.usage.prompt_tokens }, data: built.data } };
}

/** Voyage `/v1/embeddings`: `output_dimension`, `encoding_format` null or base64, `input_type`; usage in total tokens only. */
export function createFakeVoyageEmbeddings(body: Record<string, unknown>): FakeEmbeddingAnswer {
  const extra = extraFields(body, ['model', 'input', 'input_type', 'truncation', 'output_dimension', 'output_dtype', 'encoding_format']);
  if (extra.length > 0) return { refused: `Unrecognized request argument supplied: ${extra.join(', ')}` };
  if (body['encoding_format'] !== undefined && body['encoding_format'] !== null && body['encoding_format'] !== 'base64')
    return { refused: "encoding_format must be null or 'base64'" };
  const built = build(body, body['output_dimension'], body['encoding_format'] === 'base64');
  return { reply: { object: 'list', data: built.data, model: body['model'], usage: { total_tokens: built.usage.total_tokens } } };
}

/** Mistral `/v1/embeddings`: `output_dimension`, `encoding_format` float or base64; 422 for any other field. */
export function createFakeMistralEmbeddings(body: Record<string, unknown>, id: string): FakeEmbeddingAnswer {
  const extra = extraFields(body, ['model', 'input', 'output_dimension', 'output_dtype', 'encoding_format']);
  if (extra.length > 0) return { refused: `Extra inputs are not permitted: ${extra.join(', ')}` };
  const built = build(body, body['output_dimension'], body['encoding_format'] === 'base64');
  return {
    reply: {
      id,
      object: 'list',
      data: built.data,
      model: body['model'],
      usage: { prompt_tokens: built.usage.prompt_tokens, total_tokens: built.usage.total_tokens, completion_tokens: 0 },
    },
  };
}
