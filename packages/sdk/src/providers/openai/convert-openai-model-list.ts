// Wire `GET /models` body → canonical ModelList; servers that omit `created` or `owned_by`
// get zero and the provider id.

import type { ModelList } from '../../spec/index.js';
import type { OpenAIModelList } from './openai-api.js';

export function convertOpenAIModelList(wire: OpenAIModelList, provider: string): ModelList {
  return {
    object: 'list',
    data: wire.data.map((model) => ({ id: model.id, object: 'model', created: model.created ?? 0, owned_by: model.owned_by ?? provider })),
  };
}
