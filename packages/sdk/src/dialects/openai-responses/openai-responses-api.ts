// OpenAI Responses API wire types (`POST /v1/responses`): the request fields the translation
// reads, and the Response object and output items llmux writes back. Lenient: unknown fields pass.

export interface ResponsesInputText {
  type: 'input_text';
  text: string;
}
export interface ResponsesInputImage {
  type: 'input_image';
  image_url?: string | null;
  file_id?: string | null;
  detail?: 'auto' | 'low' | 'high' | null;
}
export interface ResponsesOutputTextPart {
  type: 'output_text';
  text: string;
  annotations?: unknown[];
}
export interface ResponsesRefusalPart {
  type: 'refusal';
  refusal: string;
}
export type ResponsesContentPart = ResponsesInputText | ResponsesInputImage | ResponsesOutputTextPart | ResponsesRefusalPart | { type: string; [key: string]: unknown };

export interface ResponsesMessageItem {
  type?: 'message';
  role: 'user' | 'assistant' | 'system' | 'developer';
  content: string | ResponsesContentPart[];
  id?: string;
  status?: string;
}

export interface ResponsesFunctionCallItem {
  type: 'function_call';
  call_id: string;
  name: string;
  arguments: string;
  id?: string;
  status?: string;
}
export interface ResponsesFunctionCallOutputItem {
  type: 'function_call_output';
  call_id: string;
  output: string | ResponsesContentPart[];
  id?: string;
  status?: string;
}
export interface ResponsesReasoningItem {
  type: 'reasoning';
  id?: string;
  summary?: { type: string; text: string }[];
  content?: { type: string; text: string }[];
  encrypted_content?: string | null;
}

export type ResponsesInputItem =
  ResponsesMessageItem | ResponsesFunctionCallItem | ResponsesFunctionCallOutputItem | ResponsesReasoningItem | { type: string; [key: string]: unknown };

export interface ResponsesFunctionTool {
  type: 'function';
  name: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}

export type ResponsesToolChoice = 'none' | 'auto' | 'required' | { type: string; name?: string; [key: string]: unknown };

export interface ResponsesTextFormat {
  type: string;
  name?: string;
  description?: string;
  schema?: Record<string, unknown>;
  strict?: boolean | null;
}

export interface ResponsesRequest {
  model: string;
  input?: string | ResponsesInputItem[];
  instructions?: string | null;
  tools?: (ResponsesFunctionTool | { type: string; [key: string]: unknown })[] | null;
  tool_choice?: ResponsesToolChoice | null;
  parallel_tool_calls?: boolean | null;
  text?: { format?: ResponsesTextFormat | null; [key: string]: unknown } | null;
  max_output_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  reasoning?: { effort?: string | null; summary?: string | null; [key: string]: unknown } | null;
  stream?: boolean | null;
  store?: boolean | null;
  user?: string | null;
  metadata?: Record<string, string> | null;
  [key: string]: unknown;
}

export type ResponsesOutputItem =
  | { type: 'message'; id: string; status: 'completed' | 'in_progress' | 'incomplete'; role: 'assistant'; content: (ResponsesOutputTextPart | ResponsesRefusalPart)[] }
  | { type: 'function_call'; id: string; call_id: string; name: string; arguments: string; status: 'completed' | 'in_progress' | 'incomplete' }
  | { type: 'reasoning'; id: string; summary: { type: 'summary_text'; text: string }[] };

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type ResponsesStatus = 'completed' | 'incomplete' | 'in_progress' | 'failed';

export interface ResponsesResponse {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponsesStatus;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  model: string;
  output: ResponsesOutputItem[];
  output_text: string;
  usage: ResponsesUsage | null;
  [key: string]: unknown;
}
