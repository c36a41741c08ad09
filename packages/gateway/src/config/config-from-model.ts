// `llmux --model provider/model`: a one-model config, served under the full name and under
// the bare model name (`openai/gpt-4o-mini` and `gpt-4o-mini`), as LiteLLM's CLI does.

import type { Deployment } from 'llmux';
import { parseConfig, type ParseConfigOptions, type ParsedConfig } from './parse-config.js';

export function configFromModel(model: string, env: NodeJS.ProcessEnv = process.env, options: ParseConfigOptions = { strict: true }): ParsedConfig {
  const names = [model];
  const slash = model.indexOf('/');
  const bare = slash === -1 ? '' : model.slice(slash + 1);
  if (bare !== '' && bare !== model) names.push(bare);
  const model_list: Deployment[] = names.map((name) => ({ model_name: name, litellm_params: { model } }));
  return parseConfig({ model_list }, `--model ${model}`, env, options);
}
