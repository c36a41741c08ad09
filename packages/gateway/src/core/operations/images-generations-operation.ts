// POST /v1/images/generations: OpenAI's image generation, JSON in and out, on any provider
// the SDK makes images with (imageGeneration()).

import { imageGenerationAttempt } from 'llmux';
import { serveImages } from './images-reply.js';
import { IMAGE_GENERATION_FIELDS, IMAGE_GENERATION_REQUEST } from './images-request-schemas.js';
import { openAIOperation } from './openai-operation.js';

export const imagesGenerationsOperation = openAIOperation('/images/generations', {
  names: { name: 'image_generation', callType: 'aimage_generation', traceName: 'image_generation' },
  request: IMAGE_GENERATION_REQUEST,
  serve: (state) => serveImages(state, IMAGE_GENERATION_REQUEST.schema, IMAGE_GENERATION_FIELDS, imageGenerationAttempt),
});
