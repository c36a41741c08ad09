// `provider/model` → its two parts, as LiteLLM splits them: at the first slash, so
// `openrouter/anthropic/claude-x` is provider `openrouter` and model `anthropic/claude-x`.
// No provider part (no slash, or a leading one): provider '' and the whole string as model.

export interface ProviderModel {
  provider: string;
  model: string;
}

export function splitProviderModel(model: string): ProviderModel {
  const slash = model.indexOf('/');
  return slash > 0 ? { provider: model.slice(0, slash), model: model.slice(slash + 1) } : { provider: '', model };
}
