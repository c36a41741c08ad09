// One Anthropic tool_result block → a canonical `tool` message. A canonical tool message
// holds text only, so images the tool returned (a screenshot, a file read) move to the user
// message that follows; `is_error` is kept as an "Error: " lead the model can read.

import type { ContentPart, TextContentPart, ToolMessage } from '../../spec/index.js';
import type { AnthropicToolResultBlockParam } from './anthropic-messages-api.js';
import { collapseTextParts, convertImageBlock, convertTextBlock, noteCacheControl } from './convert-anthropic-content.js';
import type { TranslationReport } from './create-translation-report.js';

const TOOL_ERROR_PREFIX = 'Error: ';

export interface ConvertedToolResult {
  message: ToolMessage;
  /** Images from the result, for the user message after the tool messages. */
  images: ContentPart[];
}

export function convertAnthropicToolResult(block: AnthropicToolResultBlockParam, param: string, report: TranslationReport): ConvertedToolResult {
  noteCacheControl(block.cache_control, param, report);
  const texts: TextContentPart[] = [];
  const images: ContentPart[] = [];
  const content = block.content ?? '';
  if (typeof content === 'string') texts.push({ type: 'text', text: content });
  else {
    content.forEach((inner, index) => {
      const innerParam = `${param}.content[${index}]`;
      if (inner.type === 'text') texts.push(convertTextBlock(inner, innerParam, report));
      else if (inner.type === 'image') {
        const image = convertImageBlock(inner, innerParam, report);
        if (image !== undefined) images.push(image);
      } else report.unsupported(innerParam, `a tool result's "${inner.type}" block has no canonical form`);
    });
  }
  if (images.length > 0) {
    report.warnings.push(`moved ${images.length} image(s) of "${param}" into a user message after the tool results: canonical tool messages hold text only`);
  }
  if (block.is_error === true) {
    const first = texts[0];
    if (first === undefined) texts.push({ type: 'text', text: TOOL_ERROR_PREFIX.trim() });
    else texts[0] = { type: 'text', text: `${TOOL_ERROR_PREFIX}${first.text}` };
  }
  return { message: { role: 'tool', tool_call_id: block.tool_use_id, content: collapseTextParts(texts) }, images };
}
