// Per-deployment prices from config (`litellm_params`), in LiteLLM's field names and units:
// USD per token (or per second of compute, for endpoints billed by time, such as
// SageMaker). Any price given here replaces the catalog's price for that component.

export interface PriceOverrides {
  input_cost_per_token?: number;
  output_cost_per_token?: number;
  cache_read_input_token_cost?: number;
  cache_creation_input_token_cost?: number;
  /** USD per second of the call, for deployments billed by time; replaces token prices. */
  input_cost_per_second?: number;
  output_cost_per_second?: number;
  /** USD per search unit (one query over up to 100 documents), for rerankers; LiteLLM's name. */
  input_cost_per_query?: number;
  /**
   * LiteLLM's `base_model`: the catalog model whose prices apply, for deployments named after
   * anything (Azure's `my-gpt4o-deployment`). `azure/gpt-4o` names the provider too.
   */
  base_model?: string;
}

/** The override fields, for code that copies them from config onto a call. */
export const PRICE_OVERRIDE_FIELDS = [
  'input_cost_per_token',
  'output_cost_per_token',
  'cache_read_input_token_cost',
  'cache_creation_input_token_cost',
  'input_cost_per_second',
  'output_cost_per_second',
  'input_cost_per_query',
  'base_model',
] as const satisfies ReadonlyArray<keyof PriceOverrides>;

export function hasPerSecondPrice(overrides: PriceOverrides): boolean {
  return overrides.input_cost_per_second !== undefined || overrides.output_cost_per_second !== undefined;
}

export function hasOverrides(overrides: PriceOverrides): boolean {
  return (
    overrides.input_cost_per_token !== undefined ||
    overrides.output_cost_per_token !== undefined ||
    overrides.cache_read_input_token_cost !== undefined ||
    overrides.cache_creation_input_token_cost !== undefined ||
    hasPerSecondPrice(overrides)
  );
}
