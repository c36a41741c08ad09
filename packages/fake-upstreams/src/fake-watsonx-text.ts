// watsonx.ai's text generation API for the fake: `POST /ml/v1/text/generation` answers
// `{model_id, created_at, results: [{generated_text, generated_token_count, input_token_count,
// stop_reason}]}`; `generation_stream` sends one such body per SSE event (`id:`, `event:
// message`), each with the next piece of text and `stop_reason: "not_finished"` until the last.

import type { FakeChatReply } from './fake-chat-reply.js';

/** watsonx's stop reasons for a neutral finish. */
function stopReason(reply: FakeChatReply): string {
  if (reply.finish === 'length') return 'max_tokens';
  return reply.stopSequence === undefined ? 'eos_token' : 'stop_sequence';
}

/** What a generation body must and must not carry; undefined when it is valid. */
export function checkFakeGenerationBody(body: Record<string, unknown>, deployment: string | undefined): string | undefined {
  for (const field of ['messages', 'model', 'prompt', 'stream']) if (field in body) return `Unrecognized field '${field}'`;
  if (typeof body['input'] !== 'string') return "Missing required field 'input'";
  if (deployment === undefined && typeof body['model_id'] !== 'string') return "Missing required field 'model_id'";
  const parameters = body['parameters'];
  if (parameters !== undefined && (typeof parameters !== 'object' || parameters === null || 'max_tokens' in parameters)) return "Field 'parameters' is invalid";
  return undefined;
}

export function createFakeGeneration(reply: FakeChatReply, model: string, input: string): Record<string, unknown> {
  const text = reply.content ?? '';
  return {
    model_id: model,
    created_at: new Date().toISOString(),
    results: [
      {
        generated_text: text,
        generated_token_count: reply.usage?.completionTokens ?? words(text).length,
        input_token_count: reply.usage?.promptTokens ?? words(input).length,
        stop_reason: stopReason(reply),
      },
    ],
  };
}

export function createFakeGenerationEvents(reply: FakeChatReply, model: string, input: string): Array<{ frame: string; content: boolean }> {
  const pieces = words(reply.content ?? '');
  const inputTokens = reply.usage?.promptTokens ?? words(input).length;
  const event = (index: number, text: string, generated: number, reason: string) =>
    `id: ${index}\nevent: message\ndata: ${JSON.stringify({
      model_id: model,
      created_at: new Date().toISOString(),
      results: [{ generated_text: text, generated_token_count: generated, input_token_count: inputTokens, stop_reason: reason }],
    })}\n\n`;
  const events = pieces.map((piece, index) => ({ frame: event(index + 1, piece, index + 1, 'not_finished'), content: true }));
  events.push({ frame: event(pieces.length + 1, '', reply.usage?.completionTokens ?? pieces.length, stopReason(reply)), content: false });
  return events;
}

function words(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}
