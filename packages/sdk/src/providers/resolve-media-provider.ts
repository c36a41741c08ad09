// Finds the provider of a media call (`provider/model`) and checks that it offers the
// capability, so each media function starts the same way.

import type { CallOptions } from '../call-options.js';
import { BadRequestError } from '../errors/error-classes.js';
import { createCallContext } from '../split-call.js';
import type { MediaCapability, MediaSupport } from './media-support.js';
import type { ProviderCallContext } from './provider-adapter.js';
import { getDefaultProviderRegistry } from './provider-registry.js';

const CAPABILITY_NAMES: Readonly<Record<MediaCapability, string>> = {
  generateImage: 'image generation',
  editImage: 'image edits',
  transcribe: 'audio transcription',
  speak: 'text to speech',
};

export interface MediaProvider<Capability extends MediaCapability> {
  media: Required<Pick<MediaSupport, Capability>>;
  provider: string;
  model: string;
  context: ProviderCallContext;
}

export function resolveMediaProvider<Capability extends MediaCapability>(
  model: string,
  capability: Capability,
  options: CallOptions,
  settings: Record<string, unknown>,
): MediaProvider<Capability> {
  const registry = options.registry ?? getDefaultProviderRegistry();
  const { adapter, reference } = registry.resolve(model);
  const media = adapter.media;
  if (media?.[capability] === undefined) {
    throw new BadRequestError(`provider "${adapter.id}" does not offer ${CAPABILITY_NAMES[capability]}`, {
      provider: adapter.id,
      model: reference.model,
      param: 'model',
    });
  }
  const context = createCallContext(reference.provider, reference.model, options, settings, false);
  return { media: media as Required<Pick<MediaSupport, Capability>>, provider: reference.provider, model: reference.model, context };
}
