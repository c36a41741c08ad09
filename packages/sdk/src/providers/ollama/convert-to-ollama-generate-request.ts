// Canonical request → Ollama `/api/generate` body, for `ollama/<model>`. Generate takes one
// prompt, which Ollama wraps in the model's chat template as a single user turn: system
// messages become `system`, one user message is the prompt as it is, and a longer
// conversation is written out as a labelled transcript inside that turn.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ChatCompletionRequest } from '../../spec/index.js';
import type { OllamaGenerateRequestBody } from './ollama-api.js';
import { joinText, toUserMessage } from './convert-to-ollama-messages.js';
import { convertToOllamaOptions } from './convert-to-ollama-options.js';

export function convertToOllamaGenerateRequest(request: ChatCompletionRequest, options: { stream: boolean; warnings: string[] }): OllamaGenerateRequestBody {
  const system: string[] = [];
  const turns: Array<{ label: 'User' | 'Assistant' | 'Tool result'; text: string }> = [];
  const images: string[] = [];
  request.messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(joinText(message.content));
        break;
      case 'user': {
        const user = toUserMessage(message.content, index);
        images.push(...(user.images ?? []));
        turns.push({ label: 'User', text: user.content });
        break;
      }
      case 'assistant':
        if (message.tool_calls !== undefined && message.tool_calls.length > 0) {
          throw new BadRequestError('ollama/ (/api/generate) cannot replay tool calls; use ollama_chat/ for tools', {
            param: `messages[${index}].tool_calls`,
          });
        }
        turns.push({ label: 'Assistant', text: joinText(message.content) });
        break;
      case 'tool':
        turns.push({ label: 'Tool result', text: joinText(message.content) });
        break;
      default: {
        const exhaustive: never = message;
        throw new BadRequestError(`unknown message role in ${JSON.stringify(exhaustive)}`, { param: `messages[${index}].role` });
      }
    }
  });

  const only = turns.length === 1 ? turns[0] : undefined;
  let prompt = '';
  if (only?.label === 'User') prompt = only.text;
  else if (turns.length > 0) prompt = `${turns.map((turn) => `### ${turn.label}:\n${turn.text}`).join('\n\n')}\n\n### Assistant:\n`;
  const body: OllamaGenerateRequestBody = { model: request.model, prompt, stream: options.stream };
  if (system.length > 0) body.system = system.join('\n\n');
  if (images.length > 0) body.images = images;
  return { ...body, ...convertToOllamaOptions(request, options.warnings) };
}
