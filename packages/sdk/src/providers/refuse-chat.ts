// Chat for providers that serve audio only (Deepgram, ElevenLabs): a 400 naming what the
// provider does offer, so a deployment pointed at /v1/chat/completions by mistake says why.

import { BadRequestError } from '../errors/error-classes.js';
import type { ProviderAdapter } from './provider-adapter.js';

export function refuseChat(provider: string, offers: string): Pick<ProviderAdapter, 'chat' | 'streamChat'> {
  const refuse = (): Promise<never> => Promise.reject(new BadRequestError(`provider "${provider}" serves ${offers} only, not chat completions`, { provider, param: 'model' }));
  return { chat: refuse, streamChat: refuse };
}
