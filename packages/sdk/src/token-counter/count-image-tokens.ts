// OpenAI's published cost of an image input (GPT-4o family): 85 base tokens, plus 170 per
// 512-px tile at high detail after scaling to fit 2048×2048 and then to 768 px on the
// short side. Only data URLs reveal their size; a remote image counts as low detail.

import type { ImageContentPart } from '../spec/chat-message.js';
import { readImageSize } from './read-image-size.js';

const BASE_TOKENS = 85;
const TOKENS_PER_TILE = 170;
const TILE_SIZE = 512;
const MAX_SIDE = 2048;
const SHORT_SIDE = 768;

export function countImageTokens(part: ImageContentPart): number {
  if (part.image_url.detail === 'low') return BASE_TOKENS;
  const size = readImageSize(part.image_url.url);
  if (size === undefined) return BASE_TOKENS;
  let { width, height } = size;
  const fit = Math.min(1, MAX_SIDE / Math.max(width, height));
  width *= fit;
  height *= fit;
  const shrink = Math.min(1, SHORT_SIDE / Math.min(width, height));
  width *= shrink;
  height *= shrink;
  const tiles = Math.ceil(width / TILE_SIZE) * Math.ceil(height / TILE_SIZE);
  return BASE_TOKENS + TOKENS_PER_TILE * tiles;
}
