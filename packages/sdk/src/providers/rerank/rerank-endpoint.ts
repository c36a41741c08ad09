// Where an OpenAI-format provider reranks, and in which of the rerank wire formats in use:
//   cohere — Cohere's v1 shape, which Jina, Together and Infinity serve: `documents`,
//            `top_n`, `return_documents` in; `results[{index, relevance_score, document}]` out;
//   voyage — Voyage's: `top_k` in; `data[{index, relevance_score, document}]` out;
//   tei    — Hugging Face Text Embeddings Inference: `texts`, `return_text` in; `[{index, score, text}]` out.

export type RerankWire = 'cohere' | 'voyage' | 'tei';

export interface RerankEndpoint {
  /** Path after the row's base URL, as `/rerank`. */
  readonly path: string;
  readonly wire: RerankWire;
}
