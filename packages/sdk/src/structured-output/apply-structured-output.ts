// Validates a reply against the zod schema given as `response_format` and sets
// `message.parsed`. A reply that is not JSON or does not match fails loudly, with the
// failing paths and the raw text, so a router may retry it.

import type { ZodType } from 'zod';
import { JSONSchemaValidationError } from '../errors/error-classes.js';
import type { ResponseMetadata } from '../response-metadata.js';
import type { ChatCompletion, ChatCompletionChoice } from '../spec/chat-completion.js';
import { describeIssues } from './describe-issues.js';

export function applyStructuredOutput(response: ChatCompletion, schema: ZodType, metadata: ResponseMetadata): void {
  for (const choice of response.choices) {
    const message = choice.message;
    const text = message.content;
    // Refusals and tool calls carry no structured reply to validate.
    if (text === null || text === undefined || (typeof message.refusal === 'string' && message.refusal !== '')) continue;
    if (text.trim() === '' && message.tool_calls !== undefined && message.tool_calls.length > 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw fail(`is not valid JSON (${(error as Error).message})`, choice, text, metadata, error);
    }
    const result = schema.safeParse(value);
    if (!result.success) throw fail(`does not match the response schema: ${describeIssues(result.error.issues)}`, choice, text, metadata, result.error);
    message.parsed = result.data;
  }
}

function fail(problem: string, choice: ChatCompletionChoice, text: string, metadata: ResponseMetadata, cause: unknown): JSONSchemaValidationError {
  const truncated = choice.finish_reason === 'length' ? ' (the reply was cut off at the token limit)' : '';
  return new JSONSchemaValidationError(`the reply of ${metadata.provider}/${metadata.model} (choice ${choice.index}) ${problem}${truncated}`, text, {
    provider: metadata.provider,
    model: metadata.model,
    cause,
  });
}
