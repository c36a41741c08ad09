// What every OpenAI operation declares alike: POST at `/v1<path>` and at `<path>` (LiteLLM
// serves both), errors in OpenAI's shapes, and billed under the caller's key.

import { openAIChatDialect } from '../dialects/openai-chat-dialect.js';
import type { Operation } from '../operation.js';

export function openAIOperation(path: string, declaration: Omit<Operation, 'method' | 'paths' | 'dialect' | 'billed'>, otherPaths: readonly string[] = []): Operation {
  return { ...declaration, method: 'POST', paths: [`/v1${path}`, path, ...otherPaths], dialect: openAIChatDialect, billed: true };
}
