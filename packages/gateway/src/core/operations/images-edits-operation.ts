// POST /v1/images/edits: OpenAI's image edits, a multipart upload (prompt, image or image[],
// optional mask) read at the edge, forwarded as multipart to OpenAI-format providers.

import { imageEditAttempt } from 'llmux';
import { readMultipart } from '../../http/read-multipart.js';
import { serveImages } from './images-reply.js';
import { IMAGE_EDIT_FIELDS, IMAGE_EDIT_REQUEST } from './images-request-schemas.js';
import { openAIOperation } from './openai-operation.js';

export const imagesEditsOperation = openAIOperation('/images/edits', {
  names: { name: 'image_edit', callType: 'aimage_edit', traceName: 'image_edit' },
  request: IMAGE_EDIT_REQUEST,
  readRequest: readMultipart,
  serve: (state) => serveImages(state, IMAGE_EDIT_REQUEST.schema, IMAGE_EDIT_FIELDS, imageEditAttempt),
});
