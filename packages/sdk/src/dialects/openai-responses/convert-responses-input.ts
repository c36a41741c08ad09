// Responses `instructions` + `input` → canonical chat messages: message items by role,
// function_call items joined onto the assistant turn they follow, function_call_output items
// as tool messages, and reasoning summaries carried as the next assistant turn's reasoning.

import type { AssistantMessage, ChatMessage, ContentPart, TextContentPart } from '../../spec/index.js';
import type { TranslationReport } from '../anthropic-messages/create-translation-report.js';
import type { ResponsesContentPart, ResponsesInputItem, ResponsesReasoningItem, ResponsesRequest } from './openai-responses-api.js';

export function convertResponsesInput(body: ResponsesRequest, report: TranslationReport, warnings: string[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (typeof body.instructions === 'string' && body.instructions !== '') messages.push({ role: 'system', content: body.instructions });
  const input = body.input;
  if (input === undefined) return messages;
  if (typeof input === 'string') {
    messages.push({ role: 'user', content: input });
    return messages;
  }
  let reasoning: string[] = [];
  const assistantTurn = (): AssistantMessage => {
    const last = messages.at(-1);
    if (last?.role === 'assistant' && reasoning.length === 0) return last;
    const message: AssistantMessage = { role: 'assistant', content: null };
    if (reasoning.length > 0) message.reasoning_content = reasoning.join('\n\n');
    reasoning = [];
    messages.push(message);
    return message;
  };
  input.forEach((item: ResponsesInputItem, index) => {
    const at = `input.${index}`;
    const type = item.type ?? 'message';
    if (type === 'message') {
      const message = item as Extract<ResponsesInputItem, { role: string }>;
      if (message.role === 'assistant') {
        const turn = assistantTurn();
        const text = convertParts(message.content, `${at}.content`, report)
          .map((part) => (part.type === 'text' ? part.text : ''))
          .join('');
        turn.content = typeof turn.content === 'string' ? turn.content + text : text;
      } else if (message.role === 'user') {
        messages.push({ role: 'user', content: typeof message.content === 'string' ? message.content : convertParts(message.content, `${at}.content`, report) });
      } else {
        messages.push({ role: message.role, content: textOnly(message.content, `${at}.content`, report) });
      }
    } else if (type === 'function_call') {
      const call = item as Extract<ResponsesInputItem, { type: 'function_call' }>;
      const turn = assistantTurn();
      (turn.tool_calls ??= []).push({ id: call.call_id, type: 'function', function: { name: call.name, arguments: call.arguments } });
    } else if (type === 'function_call_output') {
      const output = item as Extract<ResponsesInputItem, { type: 'function_call_output' }>;
      messages.push({ role: 'tool', tool_call_id: output.call_id, content: textOnly(output.output, `${at}.output`, report) });
    } else if (type === 'reasoning') {
      const thought = item as ResponsesReasoningItem;
      const text = [...(thought.summary ?? []), ...(thought.content ?? [])]
        .map((part) => part.text)
        .filter((value) => value !== '')
        .join('\n\n');
      if (text !== '') reasoning.push(text);
      // Encrypted reasoning only OpenAI can read; other providers reason afresh.
      if (typeof thought.encrypted_content === 'string') warnings.push(`ignored ${at}.encrypted_content: only OpenAI deployments can read encrypted reasoning`);
    } else {
      report.unsupported(at, `input item type "${type}" has no canonical form`);
    }
  });
  return messages;
}

function convertParts(content: string | ResponsesContentPart[], at: string, report: TranslationReport): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: ContentPart[] = [];
  content.forEach((part, index) => {
    const value = part as Record<string, unknown>;
    if ((part.type === 'input_text' || part.type === 'output_text') && typeof value['text'] === 'string') parts.push({ type: 'text', text: value['text'] });
    else if (part.type === 'refusal' && typeof value['refusal'] === 'string') parts.push({ type: 'text', text: value['refusal'] });
    else if (part.type === 'input_image' && typeof value['image_url'] === 'string') {
      const detail = value['detail'];
      const image: ContentPart = { type: 'image_url', image_url: { url: value['image_url'] } };
      if (detail === 'auto' || detail === 'low' || detail === 'high') image.image_url.detail = detail;
      parts.push(image);
    } else report.unsupported(`${at}.${index}`, `content part "${part.type}" has no canonical form (images need image_url; file ids are not resolved)`);
  });
  return parts;
}

function textOnly(content: string | ResponsesContentPart[], at: string, report: TranslationReport): string | TextContentPart[] {
  if (typeof content === 'string') return content;
  const parts: TextContentPart[] = [];
  convertParts(content, at, report).forEach((part, index) => {
    if (part.type === 'text') parts.push(part);
    else report.unsupported(`${at}.${index}`, 'only text is carried here in the canonical form');
  });
  return parts;
}
