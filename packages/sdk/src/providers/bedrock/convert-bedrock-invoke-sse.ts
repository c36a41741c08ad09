// InvokeModelWithResponseStream for Claude → Anthropic's SSE bytes. Each `chunk` frame holds
// one Messages API event as base64 JSON; it is framed as Anthropic frames it
// (`event: <type>\ndata: <json>\n\n`), the JSON kept byte for byte (Bedrock's
// invocation metrics on message_stop included).

import { BadGatewayError } from '../../errors/error-classes.js';
import type { AwsEvent } from '../aws/read-aws-events.js';
import { convertBedrockInvokeChunks } from './bedrock-invoke-stream.js';

/** Claude's events name their type first; the whole JSON is parsed only when one does not. */
const LEADING_TYPE = /^\s*\{\s*"type"\s*:\s*"([A-Za-z0-9_]+)"/;

export async function* convertBedrockInvokeSse(events: AsyncIterable<AwsEvent>, options: { provider: string; model: string }): AsyncGenerator<Buffer> {
  for await (const event of convertBedrockInvokeChunks(events, options)) {
    yield Buffer.from(`event: ${eventType(event.data, options)}\ndata: ${event.data}\n\n`);
  }
}

function eventType(data: string, options: { provider: string; model: string }): string {
  const leading = LEADING_TYPE.exec(data)?.[1];
  if (leading !== undefined) return leading;
  let type: unknown;
  try {
    type = (JSON.parse(data) as { type?: unknown } | null)?.type;
  } catch {
    type = undefined;
  }
  if (typeof type === 'string' && /^[A-Za-z0-9_]+$/.test(type)) return type;
  throw new BadGatewayError(`${options.provider} sent a stream event without a type`, options);
}
