// What a provider offers beyond chat and embeddings: images, speech to text, text to speech.
// Each is optional; a call to a provider without it is refused with a 400 naming the provider.

import type { ImageEditRequest } from '../image-edit.js';
import type { ImageGenerationRequest, ImagesResponse } from '../image-generation.js';
import type { SpeechAudio, SpeechRequest } from '../speech.js';
import type { TranscriptionRequest, TranscriptionResponse, TranscriptionTask } from '../transcription.js';
import type { ProviderCallContext } from './provider-adapter.js';

export interface MediaSupport {
  generateImage?(request: ImageGenerationRequest, context: ProviderCallContext): Promise<ImagesResponse>;
  editImage?(request: ImageEditRequest, context: ProviderCallContext): Promise<ImagesResponse>;
  /** Speech to text in its language (`transcriptions`) or in English (`translations`). */
  transcribe?(request: TranscriptionRequest, task: TranscriptionTask, context: ProviderCallContext): Promise<TranscriptionResponse>;
  /** Resolves once the upstream accepted the call; the audio is read as it arrives. */
  speak?(request: SpeechRequest, context: ProviderCallContext): Promise<SpeechAudio>;
}

export type MediaCapability = keyof MediaSupport;
