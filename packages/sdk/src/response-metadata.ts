// What llmux knows about a call beyond the OpenAI body: which provider and model served it,
// its cost, and any warnings. Attached as a non-enumerable `llmux` property so that
// `JSON.stringify(response)` stays the exact OpenAI shape.

export interface ResponseMetadata {
  provider: string;
  /** The model id at the provider. */
  model: string;
  /** Cost in USD, or null when the price of this model is unknown. */
  cost: number | null;
  warnings: string[];
  /** Milliseconds from sending the call to the full reply (the end of a stream). */
  durationMs?: number;
}

export function attachMetadata<T extends object>(target: T, metadata: ResponseMetadata): T & { readonly llmux: ResponseMetadata } {
  Object.defineProperty(target, 'llmux', { value: metadata, enumerable: false, writable: true, configurable: true });
  return target as T & { readonly llmux: ResponseMetadata };
}

export function getMetadata(target: object): ResponseMetadata | undefined {
  return (target as { llmux?: ResponseMetadata }).llmux;
}
