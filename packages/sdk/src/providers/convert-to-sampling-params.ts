// Canonical sampling settings → a provider's names for them. Most providers take the same
// settings under their own names (Cohere's `p` and `k`, Gemini's `topP`, Ollama's
// `num_predict`); each declares its names, in its wire order, and this copies the values
// the caller set (null counts as unset).

import type { ChatCompletionRequest } from '../spec/index.js';

interface SamplingValues {
  temperature: number;
  top_p: number;
  top_k: number;
  /** max_completion_tokens, else max_tokens. */
  max_tokens: number;
  /** A single stop string goes as a one-item list. */
  stop: string[];
  n: number;
  seed: number;
  presence_penalty: number;
  frequency_penalty: number;
}

/** The fields of the provider's body that can hold a value of type Value. */
type FieldsTaking<Target, Value> = { [Field in keyof Target]-?: Value extends Target[Field] ? Field : never }[keyof Target] & string;

/** A provider's field for each canonical setting it takes, in the order it sends them. */
export type SamplingParamNames<Target> = { readonly [Key in keyof SamplingValues]?: FieldsTaking<Target, SamplingValues[Key]> };

/** The settings the caller set, under the provider's names; Target is the body (or the part) they go in. */
export function convertToSamplingParams<Target extends object>(request: ChatCompletionRequest, names: SamplingParamNames<Target>): Partial<Target> {
  const values = readSamplingValues(request);
  const params: Record<string, number | string[]> = {};
  for (const [key, name] of Object.entries(names) as Array<[keyof SamplingValues, string]>) {
    const value = values[key];
    if (value !== undefined) params[name] = value;
  }
  // Each name is a field of Target that takes its setting's type (SamplingParamNames checks it).
  return params as Partial<Target>;
}

function readSamplingValues(request: ChatCompletionRequest): { [Key in keyof SamplingValues]: SamplingValues[Key] | undefined } {
  const stop = request.stop ?? undefined;
  return {
    temperature: request.temperature ?? undefined,
    top_p: request.top_p ?? undefined,
    top_k: request.top_k ?? undefined,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    stop: typeof stop === 'string' ? [stop] : stop,
    n: request.n ?? undefined,
    seed: request.seed ?? undefined,
    presence_penalty: request.presence_penalty ?? undefined,
    frequency_penalty: request.frequency_penalty ?? undefined,
  };
}
