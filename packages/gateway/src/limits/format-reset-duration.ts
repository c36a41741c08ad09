// OpenAI's `x-ratelimit-reset-*` values: the time until a limit is back to its full amount,
// written as Go prints a duration ("12ms", "1s", "1.5s", "6m0s"), since that is what OpenAI
// sends and what clients that parse it (go-openai's ResetTime, ruby chronic_duration) expect.

export function formatResetDuration(milliseconds: number): string {
  const ms = Math.max(0, Math.ceil(milliseconds));
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  // Seconds with up to three decimals and no trailing zeros, as Go writes them.
  const seconds = String((ms % 60_000) / 1000);
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
