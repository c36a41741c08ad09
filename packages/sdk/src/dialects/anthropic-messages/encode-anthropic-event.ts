// One Anthropic stream event as an SSE frame: the event name is the JSON's `type`, as
// Anthropic sends it and as @anthropic-ai/sdk checks.

export function encodeAnthropicEvent(event: { type: string; [field: string]: unknown }): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
