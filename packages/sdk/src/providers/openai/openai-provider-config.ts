// What one OpenAI-format provider is, as data: where it lives, how it authenticates, which
// parameters it rejects, and the quirks the generic adapter applies on its behalf. Every row
// of providers/openai-compatible/ is one of these; generic code reads the fields and never
// the provider's name.

import type { ChatParameterName, ToolChoice } from '../../spec/index.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { RerankEndpoint } from '../rerank/rerank-endpoint.js';
import type { MediaCapability } from '../media-support.js';

export interface OpenAIProviderConfig {
  /** LiteLLM's provider prefix, as in `deepseek/deepseek-chat`. */
  readonly id: string;
  /** Base URL before `/chat/completions`; undefined when only the caller knows the server. */
  readonly apiBase: string | undefined;
  /** Environment variables holding the API key, in order of preference. */
  readonly apiKeyEnv: readonly string[];
  /** Environment variables that override the base URL, in order of preference. */
  readonly apiBaseEnv: readonly string[];
  /**
   * `required`: a call without a key fails before it is sent. `optional`: local servers
   * that need none. `required-for-default-base`: required for the provider's own URL only,
   * so that `openai/<model>` with an api_base reaches vLLM, LM Studio or llama.cpp keyless.
   */
  readonly apiKey: 'required' | 'optional' | 'required-for-default-base';
  /** OpenAI parameters the provider rejects; all others are sent as they are. */
  readonly unsupportedParams?: readonly ChatParameterName[];
  /** Header carrying the key; `Authorization: Bearer <key>` unless declared. */
  readonly authHeader?: { readonly name: string; readonly prefix: string };
  /** Headers sent only when a call setting or an environment variable supplies a value. */
  readonly optionalHeaders?: readonly OptionalHeader[];
  /** Whether the provider serves `POST /embeddings`. */
  readonly embeddings: boolean;
  /**
   * Embedding parameters it spells differently, `{ dimensions: 'output_dimension' }` (Voyage,
   * Mistral), or does not take (`null`: dropped with a warning).
   */
  readonly embeddingParams?: Readonly<Record<string, string | null>>;
  /** Whether it serves OpenAI's Responses API at `POST /responses` (such calls pass through). */
  readonly responses?: boolean;
  /**
   * Which models it serves OpenAI's legacy `POST /completions` for: `true` all, a pattern the
   * matching model ids (OpenAI: its instruct and base models; its chat models answer 404
   * there). Other models' text completions are bridged to chat.
   */
  readonly completions?: true | RegExp;
  /** Whether it serves `POST /moderations` (else moderation is bridged to a chat model). */
  readonly moderations?: boolean;
  /** Whether it serves OpenAI's Files and Batch APIs (`/files`, `/batches`). */
  readonly batches?: boolean;
  /**
   * The media operations its OpenAI-format paths serve (`/images/generations`, `/images/edits`,
   * `/audio/transcriptions` and `/audio/translations`, `/audio/speech`), from its docs. Absent:
   * none, and such a call is refused before it is sent, naming the provider and the operation.
   */
  readonly media?: readonly MediaCapability[];
  /**
   * Whether its `/audio/speech` takes `stream_format: "sse"` and ends the events with
   * `speech.audio.done` carrying the call's token usage (OpenAI). Token-priced TTS on a row
   * without it is passed on as sent and its cost stays unknown.
   */
  readonly speechUsageEvents?: boolean;
  /** Its rerank endpoint, when it has one (Together, Jina, Voyage, Infinity, TEI servers). */
  readonly rerank?: RerankEndpoint;
  readonly quirks?: OpenAIQuirks;
  /**
   * Placeholders in apiBase, written `{name}`, each filled per call from a setting or an
   * environment variable (Cloudflare's account id, Snowflake's account). Read only when set.
   */
  readonly baseUrlVariables?: readonly BaseUrlVariable[];
  /** Query parameter that carries the call's api_version (Azure AI versions its API by query). */
  readonly apiVersionQuery?: string;
  /** Headers sent on every call, after the key (Snowflake names the kind of token it is given). */
  readonly fixedHeaders?: Readonly<Record<string, string>>;
  /**
   * Where this row's URL and variables come from (LiteLLM's source file, the provider's
   * docs), so that a changed default can be checked at its origin.
   */
  readonly source?: string;
  /**
   * Replaces `apiBase + path` and the key header, for providers whose URL carries more than
   * a base (a deployment, a query string) or whose credential is fetched (an OAuth token).
   * When set, apiBase, apiBaseEnv, apiKeyEnv, apiKey and authHeader are not read.
   */
  readonly endpoint?: OpenAIEndpointResolver;
}

/** Where one call goes and how it authenticates. */
export interface OpenAIEndpoint {
  /** Absolute URL, query string included. */
  readonly url: string;
  /** Credential headers; applied after extra_headers, so a stray header cannot replace them. */
  readonly headers: Readonly<Record<string, string>>;
  /** Values to scrub from any error message (keys, tokens, client secrets). */
  readonly secrets: ReadonlyArray<string | undefined>;
}

/** `path` is the OpenAI path: `/chat/completions`, `/embeddings`, `/models`. */
export type OpenAIEndpointResolver = (path: string, context: ProviderCallContext) => OpenAIEndpoint | Promise<OpenAIEndpoint>;

export interface BaseUrlVariable {
  /** The placeholder's name inside `{}` in apiBase. */
  readonly name: string;
  /** Call setting (`litellm_params` key) that supplies the value. */
  readonly setting: string;
  readonly env: readonly string[];
}

interface OptionalHeader {
  readonly header: string;
  /** Name of a call setting (`litellm_params` key) that supplies the value. */
  readonly setting?: string;
  readonly env?: readonly string[];
}

/** Deviations from OpenAI's wire format that a provider declares, all off by default. */
export interface OpenAIQuirks {
  /** Another field carrying reasoning text in messages and deltas (Groq: `reasoning`). */
  readonly reasoningField?: 'reasoning';
  /**
   * Rewrites a tool-call id into the only form the provider accepts. Ids in the outgoing
   * request are rewritten; rewritten ids coming back are restored to the caller's.
   */
  readonly toolCallId?: (id: string) => string;
  /** Parameters the provider spells differently: `{ max_completion_tokens: 'max_tokens' }`. */
  readonly renameParams?: Readonly<Partial<Record<ChatParameterName, string>>>;
  /** The provider rejects `stream_options` and reports usage in every stream anyway. */
  readonly omitStreamOptions?: boolean;
  /** Send `reasoning_content` of earlier assistant turns back (other providers reject it). */
  readonly sendReasoningContent?: boolean;
  /** Rewrites `tool_choice` into the provider's vocabulary. */
  readonly toolChoice?: (choice: ToolChoice) => unknown;
  /**
   * Its reasoning models write their reasoning inline, as a `<think>…</think>` block at the start
   * of the content (DeepSeek-R1, QwQ, Qwen3 served without a reasoning parser): the block is moved
   * to `reasoning_content` in replies and streams (providers/split-think-tags.ts), as LiteLLM does.
   */
  readonly thinkTags?: boolean;
}
