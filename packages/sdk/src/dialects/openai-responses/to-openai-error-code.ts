// An error's HTTP status → the code a failed Response carries in `error.code` (OpenAI's
// values: server_error, rate_limit_exceeded, invalid_prompt).

export function toOpenAIErrorCode(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 400 && status < 500) return 'invalid_prompt';
  return 'server_error';
}
