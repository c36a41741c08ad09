// A prediction's server-sent events → canonical chunks: `output` events carry text (several
// data lines are one piece with newlines), `done` ends the reply (its data names a cancel),
// `error` ends it with the model's error. A stream cut before `done` is an error, never a
// quietly short answer.

import { APIConnectionError, BadGatewayError, InternalServerError } from '../../errors/error-classes.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import type { SseEventHandler } from '../../http/read-sse-stream.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import { createChunk } from '../create-chunk.js';

export interface ReplicateStreamContext {
  id: string;
  model: string;
  provider: string;
  created: number;
  secrets: ReadonlyArray<string | undefined>;
}

export class ReplicateChunkReader implements SseEventHandler<ChatCompletionChunk> {
  private started = false;
  private done = false;

  constructor(private readonly context: ReplicateStreamContext) {}

  onEvent(event: string | undefined, data: string, emit: (chunk: ChatCompletionChunk) => void): void {
    if (this.done) return;
    const names = { provider: this.context.provider, model: this.context.model };
    switch (event) {
      case 'output':
        emit(this.chunk(this.started ? { content: data } : { role: 'assistant', content: data }, null));
        this.started = true;
        return;
      case 'done': {
        this.done = true;
        const reason = readReason(data);
        if (reason === 'canceled' || reason === 'aborted') throw new BadGatewayError(`replicate prediction ${this.context.id} ${reason}`, names);
        emit(this.chunk(this.started ? {} : { role: 'assistant', content: '' }, 'stop'));
        return;
      }
      case 'error':
        throw new InternalServerError(redactSecrets(`replicate prediction ${this.context.id} failed: ${readDetail(data)}`, this.context.secrets), names);
      default:
        // Keep-alives and events llmux does not use (logs).
        return;
    }
  }

  onEnd(): void {
    if (!this.done)
      throw new APIConnectionError(`replicate stream ended early: the connection closed before the prediction was done`, {
        provider: this.context.provider,
        model: this.context.model,
      });
  }

  private chunk(delta: ChatCompletionChunk['choices'][number]['delta'], finish: 'stop' | null): ChatCompletionChunk {
    return createChunk(this.context, delta, finish);
  }
}

function readReason(data: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' && parsed !== null && 'reason' in parsed && typeof parsed.reason === 'string' ? parsed.reason : undefined;
  } catch {
    return undefined;
  }
}

function readDetail(data: string): string {
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' && parsed !== null && 'detail' in parsed && typeof parsed.detail === 'string' ? parsed.detail : data;
  } catch {
    return data;
  }
}
