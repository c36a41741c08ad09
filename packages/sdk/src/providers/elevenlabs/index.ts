// ElevenLabs (`elevenlabs/<model_id>`, e.g. `elevenlabs/eleven_multilingual_v2`): text to
// speech through `POST /v1/text-to-speech/{voice_id}/stream`, the OpenAI `voice` being the
// ElevenLabs voice id, the key in `xi-api-key`; the audio is handed on as it arrives.

import type { ProviderAdapter } from '../provider-adapter.js';
import { refuseChat } from '../refuse-chat.js';
import { speakWithElevenLabs } from './speak-with-elevenlabs.js';

export function createElevenLabsProvider(): ProviderAdapter {
  return { id: 'elevenlabs', supportedParams: new Set(), ...refuseChat('elevenlabs', 'text to speech'), media: { speak: speakWithElevenLabs } };
}
