// ConverseStream events → canonical chunks. Content blocks are tracked by index so that each
// delta lands in the right field; tool calls get their own 0-based index, as in OpenAI, and
// so do reasoning blocks, whose text, signature and redacted content stream as
// thinking_blocks fragments (see ThinkingBlockDelta); the JSON tool of response_format
// emulation streams as plain content. `metadata` (usage) may come before or after
// `messageStop`, so the usage chunk is sent once the stream ends; a stream that ends
// without `messageStop` is an error, never a shorter answer.

import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import type { ChatCompletionChunk, ChatCompletionChunkDelta, FinishReason } from '../../spec/index.js';
import { JSON_TOOL_NAME } from '../anthropic/convert-to-anthropic-tools.js';
import { decodeAwsEventJson, type AwsEvent } from '../aws/read-aws-events.js';
import { bedrockStreamEventSchemas, type BedrockStreamEventType, type BedrockUsage } from './bedrock-api.js';
import { convertBedrockUsage } from './convert-bedrock-usage.js';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';
import { createChunk } from '../create-chunk.js';

export interface BedrockStreamOptions {
  id: string;
  model: string;
  created: number;
  jsonMode: boolean;
  provider: string;
}

type BlockState = { kind: 'json' } | { kind: 'tool'; toolIndex: number } | { kind: 'thinking'; thinkingIndex: number };

export async function* convertBedrockStream(events: AsyncIterable<AwsEvent>, options: BedrockStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  const blocks = new Map<number, BlockState>();
  let usage: BedrockUsage | undefined;
  let toolCount = 0;
  let thinkingCount = 0;
  let jsonToolUsed = false;
  let stopped = false;
  const chunk = (delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk => createChunk(options, delta, finishReason);

  for await (const raw of events) {
    if (!Object.hasOwn(bedrockStreamEventSchemas, raw.type)) continue;
    const event = parseEvent(raw, raw.type as BedrockStreamEventType, options);
    switch (event.type) {
      case 'messageStart':
        yield chunk({ role: 'assistant', content: '' });
        break;
      case 'contentBlockStart': {
        const toolUse = event.data.start?.toolUse;
        if (toolUse === null || toolUse === undefined) break;
        if (options.jsonMode && toolUse.name === JSON_TOOL_NAME) {
          blocks.set(event.data.contentBlockIndex, { kind: 'json' });
          jsonToolUsed = true;
          break;
        }
        const toolIndex = toolCount++;
        blocks.set(event.data.contentBlockIndex, { kind: 'tool', toolIndex });
        yield chunk({ tool_calls: [{ index: toolIndex, id: toolUse.toolUseId, type: 'function', function: { name: toolUse.name, arguments: '' } }] });
        break;
      }
      case 'contentBlockDelta': {
        const { delta } = event.data;
        const block = blocks.get(event.data.contentBlockIndex);
        if (typeof delta.text === 'string' && delta.text !== '') yield chunk({ content: delta.text });
        else if (typeof delta.toolUse?.input === 'string' && delta.toolUse.input !== '') {
          if (block?.kind === 'json') yield chunk({ content: delta.toolUse.input });
          else if (block?.kind === 'tool') yield chunk({ tool_calls: [{ index: block.toolIndex, function: { arguments: delta.toolUse.input } }] });
        } else if (delta.reasoningContent !== null && delta.reasoningContent !== undefined) {
          // Reasoning blocks have no start event: the first delta that carries something gives them their place.
          const thinkingIndex = block?.kind === 'thinking' ? block.thinkingIndex : thinkingCount;
          const reasoning = toReasoningDelta(thinkingIndex, delta.reasoningContent);
          if (reasoning === undefined) break;
          if (block?.kind !== 'thinking') {
            blocks.set(event.data.contentBlockIndex, { kind: 'thinking', thinkingIndex });
            thinkingCount += 1;
          }
          yield chunk(reasoning);
        }
        break;
      }
      case 'messageStop': {
        stopped = true;
        let finishReason = mapBedrockFinishReason(event.data.stopReason);
        if (jsonToolUsed && toolCount === 0 && finishReason === 'tool_calls') finishReason = 'stop';
        yield chunk({}, finishReason ?? 'stop');
        break;
      }
      case 'metadata':
        usage = event.data.usage ?? usage;
        break;
      case 'contentBlockStop':
        break;
      default: {
        const exhaustive: never = event;
        throw new Error(`unhandled stream event ${JSON.stringify(exhaustive)}`);
      }
    }
  }
  if (!stopped) {
    throw new APIConnectionError(`${options.provider} stream ended early, before messageStop`, { provider: options.provider, model: options.model });
  }
  if (usage !== undefined) {
    yield { id: options.id, object: 'chat.completion.chunk', created: options.created, model: options.model, choices: [], usage: convertBedrockUsage(usage) };
  }
}

type ReasoningDelta = NonNullable<ReturnType<Schemas['contentBlockDelta']['parse']>['delta']['reasoningContent']>;

/** One reasoning delta: text (also as reasoning_content), the block's signature, or its redacted content. */
function toReasoningDelta(index: number, reasoning: ReasoningDelta): ChatCompletionChunkDelta | undefined {
  const { text, signature, redactedContent } = reasoning;
  if (typeof text === 'string' && text !== '') return { reasoning_content: text, thinking_blocks: [{ index, type: 'thinking', thinking: text, signature: '' }] };
  if (typeof signature === 'string' && signature !== '') return { thinking_blocks: [{ index, type: 'thinking', thinking: '', signature }] };
  if (typeof redactedContent === 'string') return { thinking_blocks: [{ index, type: 'redacted_thinking', data: redactedContent }] };
  return undefined;
}

type Schemas = typeof bedrockStreamEventSchemas;
type ParsedEvent = { [Type in BedrockStreamEventType]: { type: Type; data: ReturnType<Schemas[Type]['parse']> } }[BedrockStreamEventType];

function parseEvent(raw: AwsEvent, type: BedrockStreamEventType, options: BedrockStreamOptions): ParsedEvent {
  const parsed = bedrockStreamEventSchemas[type].safeParse(decodeAwsEventJson(raw));
  if (!parsed.success) {
    throw new BadGatewayError(`${options.provider} sent a malformed ${type} event`, { provider: options.provider, model: options.model });
  }
  return { type, data: parsed.data } as ParsedEvent;
}
