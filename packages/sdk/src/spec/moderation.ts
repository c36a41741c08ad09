// OpenAI's Moderations API (`POST /v1/moderations`): is this text (or image) harmful, by
// category, with a score for each.

export type ModerationInput = string | string[] | Array<{ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }>;

export interface ModerationRequest {
  model: string;
  input: ModerationInput;
}

export interface ModerationResult {
  flagged: boolean;
  categories: Record<string, boolean>;
  category_scores: Record<string, number>;
  /** omni-moderation models: which input types each category was judged on. */
  category_applied_input_types?: Record<string, string[]>;
}

export interface ModerationResponse {
  id: string;
  model: string;
  results: ModerationResult[];
}
