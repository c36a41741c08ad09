// Canonical messages → Cohere v2 messages. The roles and the tool-call shape are OpenAI's;
// what differs: reasoning of an earlier tool-calling turn goes back as `tool_plan` (the
// field it came from), and text-part arrays are sent as one string where Cohere wants one.

import { unsupportedPart } from '../map-user-content.js';
import { BadRequestError } from '../../errors/error-classes.js';
import type { ChatMessage, ContentPart, TextContentPart } from '../../spec/index.js';
import type { CohereImagePart, CohereMessage, CohereTextPart } from './cohere-api.js';

export function convertToCohereMessages(messages: readonly ChatMessage[]): CohereMessage[] {
  return messages.map((message, index): CohereMessage => {
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: joinText(message.content) };
      case 'user':
        return { role: 'user', content: toUserContent(message.content, index) };
      case 'assistant': {
        const out: CohereMessage & { role: 'assistant' } = { role: 'assistant' };
        const text = joinText(message.content);
        if (text !== '') out.content = text;
        const calls = message.tool_calls ?? [];
        if (calls.length > 0) {
          out.tool_calls = calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } }));
          if (message.reasoning_content) out.tool_plan = message.reasoning_content;
        }
        return out;
      }
      case 'tool':
        return { role: 'tool', tool_call_id: message.tool_call_id, content: joinText(message.content) };
      default: {
        const exhaustive: never = message;
        throw new BadRequestError(`unknown message role in ${JSON.stringify(exhaustive)}`, { param: `messages[${index}].role` });
      }
    }
  });
}

function joinText(content: string | TextContentPart[] | null | undefined): string {
  if (content === null || content === undefined) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

/** Cohere's user parts are OpenAI's: text and image_url (http(s) or data: URLs). */
function toUserContent(content: string | ContentPart[], index: number): string | Array<CohereTextPart | CohereImagePart> {
  if (typeof content === 'string') return content;
  return content.map((part, partIndex): CohereTextPart | CohereImagePart => {
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text };
      case 'image_url':
        return { type: 'image_url', image_url: { url: part.image_url.url, ...(part.image_url.detail === undefined ? {} : { detail: part.image_url.detail }) } };
      case 'file':
      case 'input_audio':
        throw unsupportedPart(part.type, 'cohere', `messages[${index}].content[${partIndex}]`);
      default: {
        const exhaustive: never = part;
        throw new BadRequestError(`unsupported content part ${JSON.stringify(exhaustive)}`, { param: `messages[${index}].content[${partIndex}]` });
      }
    }
  });
}
