// Whether llmux can price a deployment's calls: a price in its config, its `base_model`'s
// catalog row, or its own model's. Read once per deployment (at start, by /model/info and by
// `reject_unpriced`), never per call: a deployment priced at $0 by omission would let every
// budget be bypassed, so it is flagged instead.

import { splitProviderModel } from '../providers/split-provider-model.js';
import type { Deployment } from '../router/deployment.js';
import { resolveCatalogPrice } from './resolve-catalog-price.js';
import { IMAGE_PRICES, SPEECH_PRICES_PER_CHARACTER, TRANSCRIPTION_PRICES_PER_SECOND } from './media-prices.js';
import { PRICE_OVERRIDE_FIELDS } from './price-overrides.js';

/** Media modes the token catalog does not carry, with the table that prices them. */
const MEDIA_TABLES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  image_generation: IMAGE_PRICES,
  audio_transcription: TRANSCRIPTION_PRICES_PER_SECOND,
  audio_speech: SPEECH_PRICES_PER_CHARACTER,
};

/** Modes whose calls cost nothing at the providers llmux serves them from (OpenAI moderation). */
const FREE_MODES = new Set(['moderation']);

/**
 * false when no price is known for the deployment's calls; undefined when it cannot be told
 * before a call (a wildcard deployment serves models named by the caller).
 */
export function isDeploymentPriced(deployment: Pick<Deployment, 'litellm_params' | 'model_info'>): boolean | undefined {
  const params = deployment.litellm_params;
  const info = deployment.model_info ?? {};
  if (hasPriceField(params) || hasPriceField(info)) return true;
  const mode = typeof info['mode'] === 'string' ? info['mode'] : undefined;
  if (mode !== undefined && FREE_MODES.has(mode)) return true;
  const baseModel = info['base_model'] ?? params['base_model'];
  const own = splitProviderModel(params.model);
  const { provider, model } =
    typeof baseModel === 'string' && baseModel.includes('/')
      ? splitProviderModel(baseModel)
      : { provider: own.provider, model: typeof baseModel === 'string' ? baseModel : own.model };
  if (model.includes('*')) return undefined;
  if (resolveCatalogPrice(provider, model) !== null) return true;
  const table = mode === undefined ? undefined : MEDIA_TABLES[mode];
  return table !== undefined && table[model] !== undefined;
}

function hasPriceField(fields: Readonly<Record<string, unknown>>): boolean {
  return PRICE_OVERRIDE_FIELDS.some((field) => field !== 'base_model' && typeof fields[field] === 'number');
}
