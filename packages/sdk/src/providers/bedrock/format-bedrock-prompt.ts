// Chat turns → the single prompt string the prompt-only InvokeModel families read (Llama,
// Mistral, Titan Text, DeepSeek-R1), each in the template its model was tuned on, as
// AWS's model cards and LiteLLM's prompt factory write them. Such models have no tool or
// image fields, so tool turns and images are a 400 naming the Converse route that has them.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ChatMessage } from '../../spec/index.js';

export interface PromptTurn {
  role: 'system' | 'user' | 'assistant';
  text: string;
}

export type PromptTemplate = (turns: PromptTurn[]) => string;

export function toPromptTurns(messages: ChatMessage[], modelId: string): PromptTurn[] {
  return messages.map((message, index): PromptTurn => {
    const refuse = (what: string): never => {
      throw new BadRequestError(`Bedrock InvokeModel for "${modelId}" takes no ${what}; use bedrock/converse/${modelId}`, { param: `messages[${index}]` });
    };
    if (message.role === 'tool') return refuse('tool results');
    if (message.role === 'assistant' && (message.tool_calls?.length ?? 0) > 0) return refuse('tool calls');
    const content = message.content ?? '';
    const text = typeof content === 'string' ? content : content.map((part) => (part.type === 'text' ? part.text : refuse('images'))).join('');
    return { role: message.role === 'developer' ? 'system' : message.role, text };
  });
}

/** Llama 3 and later: header-delimited turns, ending with an open assistant header. */
export const llama3Prompt: PromptTemplate = (turns) =>
  `<|begin_of_text|>${turns.map((turn) => `<|start_header_id|>${turn.role}<|end_header_id|>\n\n${turn.text}<|eot_id|>`).join('')}<|start_header_id|>assistant<|end_header_id|>\n\n`;

/** Mistral and Llama 2: `[INST]` blocks, the system text leading the first one. */
export const instPrompt: PromptTemplate = (turns) => {
  const system = systemText(turns);
  let prompt = '<s>';
  let pendingSystem = system === '' ? '' : `${system}\n\n`;
  for (const turn of turns) {
    if (turn.role === 'user') {
      prompt += `[INST] ${pendingSystem}${turn.text} [/INST]`;
      pendingSystem = '';
    } else if (turn.role === 'assistant') prompt += ` ${turn.text}</s>`;
  }
  return prompt;
};

/** Titan Text: the conversational `User:` / `Bot:` form AWS documents, ending on `Bot:`. */
export const titanPrompt: PromptTemplate = (turns) => {
  const system = systemText(turns);
  const lines = turns.filter((turn) => turn.role !== 'system').map((turn) => `${turn.role === 'user' ? 'User' : 'Bot'}: ${turn.text}`);
  return `${system === '' ? '' : `${system}\n\n`}${lines.join('\n')}\nBot:`;
};

/** DeepSeek-R1: its sentence markers, the reply opened inside a `<think>` block as AWS's example does. */
export const deepSeekPrompt: PromptTemplate = (turns) => {
  const body = turns
    .filter((turn) => turn.role !== 'system')
    .map((turn) => (turn.role === 'user' ? `<｜User｜>${turn.text}` : `<｜Assistant｜>${turn.text}<｜end▁of▁sentence｜>`))
    .join('');
  return `<｜begin▁of▁sentence｜>${systemText(turns)}${body}<｜Assistant｜><think>\n`;
};

function systemText(turns: PromptTurn[]): string {
  return turns
    .filter((turn) => turn.role === 'system')
    .map((turn) => turn.text)
    .join('\n');
}
