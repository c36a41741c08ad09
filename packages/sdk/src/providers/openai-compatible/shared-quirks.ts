// Quirks several rows declare alike, named once.

/** Providers that only know the older spelling of the output-length limit. */
export const MAX_TOKENS_ONLY = { max_completion_tokens: 'max_tokens' } as const;
