// POST /v1/images/edits: OpenAI's image edits, a multipart upload (prompt, image or image[],
// optional mask) read at the edge, forwarded as multipart to OpenAI-format providers.

import { imageEditAttempt } from 'llmux';
import { readMultipart } from '../../http/read-multipart.js';
import { openAIChatDialect } from '../dialects/openai-chat-dialect.js';
import type { Operation } from '../operation.js';
import { serveImages } from './images-reply.js';
import { IMAGE_EDIT_FIELDS, IMAGE_EDIT_REQUEST } from './images-request-schemas.js';

export const imagesEditsOperation: Operation = {
  names: { name: 'image_edit', callType: 'aimage_edit', traceName: 'image_edit' },
  method: 'POST',
  paths: ['/v1/images/edits', '/images/edits'],
  dialect: openAIChatDialect,
  request: IMAGE_EDIT_REQUEST,
  readRequest: readMultipart,
  billed: true,
  serve: (state) => serveImages(state, IMAGE_EDIT_REQUEST.schema, IMAGE_EDIT_FIELDS, imageEditAttempt),
};
