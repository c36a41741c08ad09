// What Converse checks in the parts of a request llmux maps from OpenAI's format (document
// blocks and their names, cachePoint blocks and the models that take them, Claude's own
// fields in additionalModelRequestFields), with Bedrock's ValidationException messages, and
// the request read as prompt-cache segments (a cachePoint ends the prefix before it).

import { fakeBlockTokens, type FakePromptSegment } from './fake-prompt-cache.js';
import { isRecord } from './is-record.js';

const DOCUMENT_FORMATS = ['docx', 'csv', 'html', 'txt', 'pdf', 'md', 'doc', 'xlsx', 'xls'];
/** Alphanumerics, single whitespace, hyphens, parentheses and square brackets. */
const DOCUMENT_NAME = /^[A-Za-z0-9\-()[\]]+(?: [A-Za-z0-9\-()[\]]+)*$/;
const MAX_CACHE_POINTS = 4;

export function checkFakeConverseRequest(body: Record<string, unknown>, modelId: string): string | undefined {
  const caches = modelId.includes('anthropic.') || modelId.includes('amazon.nova');
  let cachePoints = 0;
  const lists: Array<[string, unknown]> = [
    ['system', body['system']],
    ['toolConfig.tools', isRecord(body['toolConfig']) ? body['toolConfig']['tools'] : undefined],
  ];
  (Array.isArray(body['messages']) ? body['messages'] : []).forEach((message, index) =>
    lists.push([`messages.${index + 1}.member.content`, isRecord(message) ? message['content'] : undefined]),
  );
  for (const [path, list] of lists) {
    if (!Array.isArray(list)) continue;
    for (const [index, block] of list.entries()) {
      if (!isRecord(block)) continue;
      const at = `${path}.${index + 1}.member`;
      if ('cachePoint' in block) {
        if (!caches) return 'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.';
        const point = block['cachePoint'];
        if (!isRecord(point) || point['type'] !== 'default')
          return `1 validation error detected: Value at '${at}.cachePoint.type' failed to satisfy constraint: Member must satisfy enum value set: [default]`;
        cachePoints += 1;
      }
      if ('document' in block) {
        const error = checkDocument(block['document'], `${at}.document`);
        if (error !== undefined) return error;
      }
    }
  }
  if (cachePoints > MAX_CACHE_POINTS)
    return `The model returned the following errors: A maximum of ${MAX_CACHE_POINTS} blocks with cache_control may be provided. Found ${cachePoints}.`;
  return modelId.includes('anthropic.') ? checkClaudeFields(body) : undefined;
}

/** The prompt in cache order (tools, system, messages); a cachePoint marks the segment before it. */
export function fakeConverseSegments(body: Record<string, unknown>): FakePromptSegment[] {
  const segments: FakePromptSegment[] = [];
  const add = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const block of list) {
      const last = segments.at(-1);
      if (isRecord(block) && 'cachePoint' in block) {
        if (last !== undefined) last.breakpoint = true;
      } else segments.push({ content: block, tokens: fakeBlockTokens(isRecord(block) && 'toolSpec' in block ? block['toolSpec'] : block), breakpoint: false });
    }
  };
  add(isRecord(body['toolConfig']) ? body['toolConfig']['tools'] : undefined);
  add(body['system']);
  for (const message of Array.isArray(body['messages']) ? body['messages'] : []) add(isRecord(message) ? message['content'] : undefined);
  return segments;
}

function checkDocument(document: unknown, path: string): string | undefined {
  if (!isRecord(document)) return `1 validation error detected: Value at '${path}' failed to satisfy constraint: Member must not be null`;
  const format = document['format'];
  if (typeof format !== 'string' || !DOCUMENT_FORMATS.includes(format)) {
    return `1 validation error detected: Value '${String(format)}' at '${path}.format' failed to satisfy constraint: Member must satisfy enum value set: [${DOCUMENT_FORMATS.join(', ')}]`;
  }
  const name = document['name'];
  if (typeof name !== 'string' || !DOCUMENT_NAME.test(name)) {
    return 'The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can’t contain more than one consecutive whitespace character.';
  }
  const source = document['source'];
  if (!isRecord(source) || (typeof source['bytes'] !== 'string' && !isRecord(source['s3Location'])))
    return `1 validation error detected: Value at '${path}.source' failed to satisfy constraint: Member must not be null`;
  if (format === 'pdf' && typeof source['bytes'] === 'string' && !Buffer.from(source['bytes'], 'base64').subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    return 'The model returned the following errors: The PDF specified was not valid.';
  }
  return undefined;
}

/** Claude reads additionalModelRequestFields as Messages API fields. */
function checkClaudeFields(body: Record<string, unknown>): string | undefined {
  const fields = isRecord(body['additionalModelRequestFields']) ? body['additionalModelRequestFields'] : {};
  const topK = fields['top_k'];
  if (topK !== undefined && (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 0))
    return 'The model returned the following errors: top_k: Input should be a valid integer greater than or equal to 0';
  const thinking = fields['thinking'];
  if (!isRecord(thinking) || thinking['type'] !== 'enabled') return undefined;
  const budget = thinking['budget_tokens'];
  if (typeof budget !== 'number' || budget < 1024) return 'The model returned the following errors: thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
  const inference = isRecord(body['inferenceConfig']) ? body['inferenceConfig'] : {};
  if (typeof inference['maxTokens'] === 'number' && inference['maxTokens'] <= budget)
    return 'The model returned the following errors: `max_tokens` must be greater than `thinking.budget_tokens`.';
  return undefined;
}
