// `llmux --model provider/model`: a one-model config, served under the full name and under
// the bare model name (`openai/gpt-4o-mini` and `gpt-4o-mini`), as LiteLLM's CLI does.

import { splitProviderModel, type Deployment } from 'llmux';
import { parseConfig, type ParseConfigOptions, type ParsedConfig } from './parse-config.js';

export function configFromModel(model: string, env: NodeJS.ProcessEnv = process.env, options: ParseConfigOptions = { strict: true }): ParsedConfig {
  const names = [model];
  // `--model openai/gpt-4o` also answers to `gpt-4o`.
  const split = splitProviderModel(model);
  if (split.provider !== '' && split.model !== '') names.push(split.model);
  const model_list: Deployment[] = names.map((name) => ({ model_name: name, litellm_params: { model } }));
  return parseConfig({ model_list }, `--model ${model}`, env, options);
}
