// OpenAI-style server-sent events encoding: `data: <json>\n\n`, ending in `data: [DONE]`.

export const SSE_DONE = 'data: [DONE]\n\n';

export function encodeSseData(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}
