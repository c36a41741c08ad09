// llmux SDK: one OpenAI-format API over every LLM provider.

export { completion, completeCall, COMPLETION_BODY_KEYS, type CompletionParams, type CompletionRequest, type CompletionResponse } from './completion.js';
export { CompletionStream } from './completion-stream.js';
export { embedding, embedCall, EMBEDDING_BODY_KEYS, type EmbeddingParams, type EmbeddingResult } from './embedding.js';
export { rerank, rerankAttempt, rerankCall, RERANK_BODY_KEYS, type RerankParams, type RerankResult } from './rerank.js';
export { rerankCost, searchUnits } from './cost/rerank-cost.js';
export {
  textCompletion,
  textCompletionAttempt,
  textCompletionCall,
  TEXT_COMPLETION_BODY_KEYS,
  type TextCompletionParams,
  type TextCompletionResult,
  type TextCompletionStream,
} from './text-completion.js';
export { moderation, moderationAttempt, moderationCall, MODERATION_BODY_KEYS, type ModerationParams, type ModerationResult } from './moderation.js';
export { MODERATION_CATEGORIES, MODERATION_PROMPT } from './moderation-bridge.js';
export { responses, RESPONSES_BODY_KEYS, type ResponsesEventStream, type ResponsesParams, type ResponsesResult } from './responses.js';
export type { ResponsesStreamEvent } from './parse-responses-events.js';
export {
  imageGeneration,
  imageGenerationAttempt,
  imageGenerationCall,
  IMAGE_GENERATION_BODY_KEYS,
  type ImageGenerationParams,
  type ImageGenerationRequest,
  type ImagesResponse,
  type ImagesResult,
} from './image-generation.js';
export { imageEdit, imageEditAttempt, imageEditCall, IMAGE_EDIT_BODY_KEYS, type ImageEditParams, type ImageEditRequest } from './image-edit.js';
export {
  transcription,
  translation,
  transcriptionAttempt,
  translationAttempt,
  transcriptionCall,
  TRANSCRIPTION_BODY_KEYS,
  TEXT_TRANSCRIPTION_FORMATS,
  type TranscriptionParams,
  type TranscriptionRequest,
  type TranscriptionResponse,
  type TranscriptionResult,
  type TranscriptionTask,
} from './transcription.js';
export {
  speech,
  speechAttempt,
  speechCall,
  SPEECH_BODY_KEYS,
  type SpeechAudio,
  type SpeechParams,
  type SpeechRequest,
  type SpeechResult,
  type SpeechSettlement,
  type SpeechUsage,
} from './speech.js';
export type { UploadFile } from './upload-file.js';
export { isUploadFile } from './upload-file.js';
export type { MediaSupport } from './providers/media-support.js';
export { nativeCall, nativeCallSplit, speaksNatively } from './native/native-call.js';
export type { Dialect } from './native/dialect.js';
export type { NativeJsonReply, NativeReply, NativeRequest, NativeStreamEndListener, NativeStreamReply, NativeSupport } from './native/native-support.js';
export { tokenCounter, type TokenCounterParams } from './token-counter/token-counter.js';
export { completionCost, type CompletionCostParams } from './cost/completion-cost.js';
export { computeCost } from './cost/compute-cost.js';
export { isDeploymentPriced } from './cost/check-deployment-price.js';
export { clearPriceCache } from './cost/resolve-catalog-price.js';
export type { PriceOverrides } from './cost/price-overrides.js';
export type { CallOptions } from './call-options.js';
export { getMetadata, type ResponseMetadata } from './response-metadata.js';
export * from './errors/index.js';
export type * from './spec/index.js';
export { CHAT_PARAMETER_NAMES, PROVIDER_PARAMETER_NAMES } from './spec/index.js';
export { ProviderRegistry, getDefaultProviderRegistry } from './providers/provider-registry.js';
export { splitProviderModel, type ProviderModel } from './providers/split-provider-model.js';
export type { ProviderAdapter, ProviderCallContext } from './providers/provider-adapter.js';
export { describeProviders, type ProviderDescription } from './providers/describe-providers.js';
export { UNSERVED_PROVIDERS } from './providers/unserved-providers.js';
// SigV4 signing around an HTTP send, for the gateway's AWS-hosted guardrails (Bedrock ApplyGuardrail).
export { createAwsSend, type AwsSigning } from './providers/aws/create-aws-send.js';
export type { AwsAuth, AwsCredentials } from './providers/aws/resolve-aws-auth.js';
export { HttpClient, getSharedHttpClient, encodeSseData, SSE_DONE, redactSecrets, maskSecret, maskKeysInText } from './http/index.js';
export * from './router/index.js';
export { isJsonObject, nullishBoolean, nullishInteger, nullishNumber, nullishString } from './json/json-value-checks.js';
export * from './dialects/index.js';
export {
  createFile,
  retrieveFile,
  fileContent,
  deleteFile,
  createBatch,
  retrieveBatch,
  cancelBatch,
  createFileAttempt,
  retrieveFileAttempt,
  fileContentAttempt,
  deleteFileAttempt,
  createBatchAttempt,
  retrieveBatchAttempt,
  cancelBatchAttempt,
  BATCH_BODY_KEYS,
  type FileResult,
  type BatchResult,
  type DeletedFileResult,
  type FileContentResult,
  type CreateFileParams,
  type CreateBatchParams,
  type FileIdParams,
  type BatchIdParams,
} from './batch.js';
export { parseBatchInput, priceBatchOutput, rewriteBatchModels, MAX_BATCH_LINES, type BatchInputLine, type BatchOutputUsage } from './batch-lines.js';
export type { BatchSupport, BatchObject, FileObject, FileContent, CreateBatchRequest, CreateFileRequest } from './providers/batch-support.js';
