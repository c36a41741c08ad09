// Deployments from `/model/info` (`{data:[{model_name, litellm_params, model_info}]}`).

import { asRecord, readList, readNumber, readString } from './read-fields.js';
import type { ModelRow } from './records.js';

export function readModelList(json: unknown): ModelRow[] {
  return readList(json, 'data').map((item) => {
    const record = asRecord(item);
    const params = asRecord(record.litellm_params);
    const info = asRecord(record.model_info);
    const model = readString(params.model);
    return {
      modelName: readString(record.model_name) ?? '(unnamed)',
      model,
      provider: readString(info.litellm_provider) ?? readString(params.custom_llm_provider) ?? providerOf(model),
      deploymentId: readString(info.id),
      apiBase: readString(params.api_base),
      inputCostPerToken: readNumber(info.input_cost_per_token) ?? readNumber(params.input_cost_per_token),
      outputCostPerToken: readNumber(info.output_cost_per_token) ?? readNumber(params.output_cost_per_token),
      maxTokens: readNumber(info.max_input_tokens) ?? readNumber(info.max_tokens),
    };
  });
}

function providerOf(model: string | null): string | null {
  const slash = model?.indexOf('/') ?? -1;
  return model !== null && slash > 0 ? model.slice(0, slash) : null;
}
