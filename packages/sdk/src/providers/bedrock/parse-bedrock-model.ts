// `bedrock/<model-id>`, `bedrock/converse/<model-id>` and `bedrock/invoke/<model-id>`, as in
// LiteLLM: the route prefix picks the API, the rest is the model id, inference-profile id
// (`us.anthropic.claude-…`) or ARN, which goes into the URL path encoded.

import { BadRequestError } from '../../errors/error-classes.js';

type BedrockRoute = 'converse' | 'invoke';

export interface BedrockModel {
  route: BedrockRoute;
  /** The id as Bedrock knows it. */
  modelId: string;
  /** The id encoded for a path segment, as the AWS SDK encodes it (`:` and `/` too). */
  pathId: string;
}

const ROUTE_PREFIXES: ReadonlyArray<readonly [prefix: string, route: BedrockRoute]> = [
  ['converse/', 'converse'],
  ['invoke/', 'invoke'],
];

export function parseBedrockModel(model: string): BedrockModel {
  let route: BedrockRoute = 'converse';
  let modelId = model;
  for (const [prefix, prefixRoute] of ROUTE_PREFIXES) {
    if (model.startsWith(prefix)) {
      route = prefixRoute;
      modelId = model.slice(prefix.length);
      break;
    }
  }
  if (modelId === '') throw new BadRequestError(`bedrock model "${model}" names no model id`, { param: 'model', provider: 'bedrock', model });
  return { route, modelId, pathId: encodePathSegment(modelId) };
}

/** Claude models: thinking is requested in Anthropic's own terms, and InvokeModel takes the Messages body. */
export function isAnthropicModel(modelId: string): boolean {
  return modelId.includes('anthropic.');
}

/** encodeURIComponent plus the characters it leaves alone that RFC 3986 reserves. */
function encodePathSegment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
