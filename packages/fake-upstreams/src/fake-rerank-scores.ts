// How the fake rerankers score: by the words a document shares with the query, strictly
// between 0 and 1, most relevant first (a stable sort keeps request order among equals).
// Tokens are counted as words, as the fake token counter elsewhere does.

export interface FakeRanked {
  index: number;
  score: number;
}

export function rankFakeDocuments(query: string, documents: readonly string[]): FakeRanked[] {
  const queryWords = new Set(words(query));
  const ranked = documents.map((document, index) => {
    const overlap = words(document).filter((word) => queryWords.has(word)).length;
    return { index, score: Number(((overlap + 0.1) / (overlap + 1.1)).toFixed(6)) };
  });
  return ranked.sort((a, b) => b.score - a.score);
}

/** The tokens a rerank call reads: the query once for each document, and the document. */
export function countFakeRerankTokens(query: string, documents: readonly string[]): number {
  const queryTokens = words(query).length;
  return documents.reduce((sum, document) => sum + queryTokens + words(document).length, 0);
}

/** A document as the rerank APIs take it: a string, or an object ranked by its `text`. */
export function fakeDocumentText(document: unknown): string | undefined {
  if (typeof document === 'string') return document;
  if (typeof document === 'object' && document !== null && typeof (document as { text?: unknown }).text === 'string') return (document as { text: string }).text;
  return undefined;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}
