// Renders a FakeGeminiReply as the chunks of `streamGenerateContent?alt=sse`: each chunk a
// whole GenerateContentResponse holding one delta, the last carrying finishReason and the
// full usage. Framed as Google frames it: `data: <json>\r\n\r\n`, no [DONE].

import {
  createFakeGeminiResponse,
  toGeminiCandidate,
  toGeminiFinishReason,
  toGeminiParts,
  toGeminiUsage,
  type FakeGeminiFlavor,
  type FakeGeminiPart,
  type FakeGeminiReply,
} from './fake-gemini-reply.js';

export interface FakeGeminiChunk {
  body: Record<string, unknown>;
  /** Carries a part: counts toward failAfterChunks / dropAfterChunks. */
  content: boolean;
}

export interface FakeGeminiStreamOptions {
  model: string;
  responseId: string;
  candidateCount: number;
  flavor: FakeGeminiFlavor;
}

export function frameGeminiEvent(body: unknown): string {
  return `data: ${JSON.stringify(body)}\r\n\r\n`;
}

export function createFakeGeminiChunks(reply: FakeGeminiReply, options: FakeGeminiStreamOptions): FakeGeminiChunk[] {
  if (reply.promptBlockReason !== undefined) return [{ body: createFakeGeminiResponse(reply, options), content: false }];
  const envelope = { modelVersion: options.model, responseId: options.responseId };
  const pieces = toGeminiParts(reply).flatMap(splitPart);
  const usage = toGeminiUsage(reply, options.flavor);
  // Chunks before the last report the prompt so far (AI Studio) or only the traffic type (Vertex).
  const partialUsage = options.flavor === 'vertex' ? { trafficType: 'ON_DEMAND' } : { promptTokenCount: usage['promptTokenCount'], totalTokenCount: usage['promptTokenCount'] };
  const finishReason = toGeminiFinishReason(reply);
  const last = Math.max(pieces.length - 1, 0);
  const chunks: FakeGeminiChunk[] = [];
  for (let at = 0; at <= last; at += 1) {
    const piece = pieces[at];
    // A reply with no parts still ends with a chunk; Gemini sends an empty text part there.
    const parts: FakeGeminiPart[] = piece !== undefined ? [piece] : finishReason === 'SAFETY' ? [] : [{ text: '' }];
    const final = at === last;
    const candidates = Array.from({ length: options.candidateCount }, (_, index) => toGeminiCandidate(parts, index, final ? finishReason : undefined, options.flavor));
    chunks.push({ body: { candidates, usageMetadata: final ? usage : partialUsage, ...envelope }, content: piece !== undefined });
  }
  return chunks;
}

/** Text streams word by word; a function call always arrives whole. */
function splitPart(part: FakeGeminiPart): FakeGeminiPart[] {
  if (!('text' in part)) return [part];
  const words = part.text.match(/\s*\S+\s*/g) ?? [part.text];
  return words.map((text) => (part.thought === true ? { text, thought: true } : { text }));
}
