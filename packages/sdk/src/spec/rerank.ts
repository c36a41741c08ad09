// Canonical rerank request and response: Cohere's shape, which LiteLLM's `/rerank` and
// `litellm.rerank()` also use, so one type serves the SDK, the gateway and every reranker.

export interface RerankRequest {
  model: string;
  query: string;
  /** Texts to rank; an object document is ranked by its `text` field, or its JSON. */
  documents: Array<string | Record<string, unknown>>;
  /** Return only the best `top_n` results (default: all). */
  top_n?: number;
  /** Echo each ranked document back as `document: { text }`. */
  return_documents?: boolean;
  /** Longer documents are truncated to this many tokens by the provider. */
  max_tokens_per_doc?: number;
}

export interface RerankResponseResult {
  /** Position of the document in the request's `documents`. */
  index: number;
  relevance_score: number;
  document?: { text: string };
}

export interface RerankMeta {
  api_version?: { version: string; is_experimental?: boolean };
  billed_units?: { search_units?: number; input_tokens?: number; output_tokens?: number };
  tokens?: { input_tokens?: number; output_tokens?: number };
  warnings?: string[];
}

export interface RerankResponse {
  id: string;
  /** Most relevant first. */
  results: RerankResponseResult[];
  meta?: RerankMeta;
}
