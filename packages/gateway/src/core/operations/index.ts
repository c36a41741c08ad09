// The operations the gateway serves. The route table, the names in spend rows, callbacks
// and traces, and the dialects' error paths are all derived from this list: a new door
// (responses, completions, images, audio, rerank, moderations) is one more entry.

import type { Operation } from '../operation.js';
import { chatOperation } from './chat-operation.js';
import { countTokensOperation } from './count-tokens-operation.js';
import { embeddingsOperation } from './embeddings-operation.js';
import { messagesOperation } from './messages-operation.js';
import { responsesOperation } from './responses-operation.js';
import { imagesEditsOperation } from './images-edits-operation.js';
import { imagesGenerationsOperation } from './images-generations-operation.js';
import { audioTranscriptionsOperation, audioTranslationsOperation } from './audio-transcriptions-operation.js';
import { audioSpeechOperation } from './audio-speech-operation.js';
import { completionsOperation } from './completions-operation.js';
import { moderationsOperation } from './moderations-operation.js';
import { rerankOperation } from './rerank-operation.js';

export const OPERATIONS: readonly Operation[] = [
  chatOperation,
  embeddingsOperation,
  messagesOperation,
  responsesOperation,
  countTokensOperation,
  imagesGenerationsOperation,
  imagesEditsOperation,
  audioTranscriptionsOperation,
  audioTranslationsOperation,
  audioSpeechOperation,
  completionsOperation,
  moderationsOperation,
  rerankOperation,
];
