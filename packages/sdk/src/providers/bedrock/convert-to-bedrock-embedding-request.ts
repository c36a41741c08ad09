// Canonical embeddings request → InvokeModel bodies. Titan embeds one text per call
// (`{inputText}`); Cohere embeds up to 96 texts per call (`{texts, input_type}`); Nova
// multimodal embeds one text per call (`{taskType, singleEmbeddingParams}`). Which family a
// model belongs to is data, matched on its id.

import { BadRequestError } from '../../errors/error-classes.js';
import type { EmbeddingRequest } from '../../spec/index.js';

export type BedrockEmbeddingFamily = 'titan' | 'cohere' | 'nova';

const FAMILIES: ReadonlyArray<readonly [idPart: string, family: BedrockEmbeddingFamily]> = [
  ['amazon.titan-embed-text', 'titan'],
  ['amazon.titan-embed-g1-text', 'titan'],
  ['cohere.embed', 'cohere'],
  ['amazon.nova-2-multimodal-embeddings', 'nova'],
];

/** Nova's default output size; it takes 256, 384, 1024 or 3072. */
const NOVA_DEFAULT_DIMENSION = 3072;

/** Cohere's limit on texts per call. */
const COHERE_BATCH_SIZE = 96;

export interface BedrockEmbeddingRequests {
  family: BedrockEmbeddingFamily;
  /** One InvokeModel body per call, in input order. */
  bodies: Array<Record<string, unknown>>;
}

export function convertToBedrockEmbeddingRequests(
  request: EmbeddingRequest,
  options: { modelId: string; settings: Readonly<Record<string, unknown>>; warnings: string[] },
): BedrockEmbeddingRequests {
  const { modelId, settings, warnings } = options;
  const family = FAMILIES.find(([idPart]) => modelId.includes(idPart))?.[1];
  if (family === undefined) {
    throw new BadRequestError(`Bedrock model "${modelId}" is not a supported embedding model (amazon.titan-embed-text-*, cohere.embed-*, amazon.nova-2-multimodal-embeddings-*)`, {
      param: 'model',
      model: modelId,
    });
  }
  const texts = toTexts(request.input);
  switch (family) {
    case 'titan': {
      // Only Titan v2 takes an output size.
      const dimensions = request.dimensions !== undefined && modelId.includes('titan-embed-text-v2') ? { dimensions: request.dimensions } : {};
      if (request.dimensions !== undefined && !('dimensions' in dimensions)) warnings.push(`dropped parameter "dimensions": not supported by ${modelId}`);
      return { family, bodies: texts.map((inputText) => ({ inputText, ...dimensions })) };
    }
    case 'cohere': {
      const extra: Record<string, unknown> = { input_type: typeof settings['input_type'] === 'string' ? settings['input_type'] : 'search_document' };
      if (typeof settings['truncate'] === 'string') extra['truncate'] = settings['truncate'];
      // Cohere Embed v4 takes an output size; earlier models have a fixed one.
      if (request.dimensions !== undefined && modelId.includes('embed-v4')) extra['output_dimension'] = request.dimensions;
      else if (request.dimensions !== undefined) warnings.push(`dropped parameter "dimensions": not supported by ${modelId}`);
      const bodies: Array<Record<string, unknown>> = [];
      for (let start = 0; start < texts.length; start += COHERE_BATCH_SIZE) bodies.push({ texts: texts.slice(start, start + COHERE_BATCH_SIZE), ...extra });
      return { family, bodies };
    }
    case 'nova': {
      // LiteLLM's input_type setting, in Nova's words (GENERIC_INDEX, GENERIC_RETRIEVAL, TEXT_RETRIEVAL, ...).
      const purpose = typeof settings['input_type'] === 'string' ? settings['input_type'] : 'GENERIC_INDEX';
      const embeddingDimension = request.dimensions ?? NOVA_DEFAULT_DIMENSION;
      return {
        family,
        bodies: texts.map((value) => ({
          taskType: 'SINGLE_EMBEDDING',
          singleEmbeddingParams: { embeddingPurpose: purpose, embeddingDimension, text: { truncationMode: 'END', value } },
        })),
      };
    }
    default: {
      const exhaustive: never = family;
      throw new Error(`unknown embedding family ${String(exhaustive)}`);
    }
  }
}

function toTexts(input: EmbeddingRequest['input']): string[] {
  const list: unknown[] = Array.isArray(input) ? input : [input];
  if (list.length === 0 || !list.every((item): item is string => typeof item === 'string')) {
    throw new BadRequestError('Bedrock embedding models take text input: a string or a non-empty array of strings', { param: 'input' });
  }
  return list;
}
