// Cohere `/v2/embed` and `/v2/rerank` answers: deterministic embeddings (the same vectors
// as the fake Ollama server) and a word-overlap relevance score, so tests can predict them.

import { fakeTokenCount } from './fake-token-count.js';
import { fakeEmbeddingVector } from './fake-vector.js';

export function createFakeCohereEmbed(id: string, texts: string[], dimensions: number): Record<string, unknown> {
  const tokens = texts.reduce((sum, text) => sum + fakeTokenCount(text), 0);
  return {
    id,
    texts,
    embeddings: { float: texts.map((text) => fakeEmbeddingVector(text, dimensions)) },
    meta: { api_version: { version: '2' }, billed_units: { input_tokens: tokens } },
    response_type: 'embeddings_by_type',
  };
}

export function createFakeCohereRerank(id: string, query: string, documents: string[], topN: number | undefined): Record<string, unknown> {
  const queryWords = new Set(words(query));
  const scored = documents.map((document, index) => {
    const overlap = words(document).filter((word) => queryWords.has(word)).length;
    // Strictly between 0 and 1, higher for more shared words, as relevance scores are.
    return { index, relevance_score: Number(((overlap + 0.1) / (overlap + 1.1)).toFixed(6)) };
  });
  // A stable sort keeps request order among equal scores.
  scored.sort((a, b) => b.relevance_score - a.relevance_score);
  return {
    id,
    results: topN === undefined ? scored : scored.slice(0, topN),
    meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } },
  };
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}
