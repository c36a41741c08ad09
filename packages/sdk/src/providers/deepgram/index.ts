// Deepgram (`deepgram/<model>`, e.g. `deepgram/nova-3`): speech to text through its
// pre-recorded API, `POST /v1/listen`, the audio file as the raw request body (no multipart,
// no copy: the upload's bytes as the gateway read them) and the key as `Token <key>`.

import type { ProviderAdapter } from '../provider-adapter.js';
import { refuseChat } from '../refuse-chat.js';
import { transcribeWithDeepgram } from './transcribe-with-deepgram.js';

export function createDeepgramProvider(): ProviderAdapter {
  return { id: 'deepgram', supportedParams: new Set(), ...refuseChat('deepgram', 'speech to text'), media: { transcribe: transcribeWithDeepgram } };
}
