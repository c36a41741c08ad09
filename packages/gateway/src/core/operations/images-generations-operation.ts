// POST /v1/images/generations: OpenAI's image generation, JSON in and out, on any provider
// the SDK makes images with (imageGeneration()).

import { imageGenerationAttempt } from 'llmux';
import { openAIChatDialect } from '../dialects/openai-chat-dialect.js';
import type { Operation } from '../operation.js';
import { serveImages } from './images-reply.js';
import { IMAGE_GENERATION_FIELDS, IMAGE_GENERATION_REQUEST } from './images-request-schemas.js';

export const imagesGenerationsOperation: Operation = {
  names: { name: 'image_generation', callType: 'aimage_generation', traceName: 'image_generation' },
  method: 'POST',
  paths: ['/v1/images/generations', '/images/generations'],
  dialect: openAIChatDialect,
  request: IMAGE_GENERATION_REQUEST,
  billed: true,
  serve: (state) => serveImages(state, IMAGE_GENERATION_REQUEST.schema, IMAGE_GENERATION_FIELDS, imageGenerationAttempt),
};
