// Checks a generateContent body as strictly as Google does on the points a client can get
// wrong: unknown fields are refused (the API's proto parser rejects them), contents and parts
// must not be empty, roles are user/model, and each part holds exactly one kind of data.

import { isRecord } from './is-record.js';
import { checkGeminiPartData } from './fake-gemini-part-data.js';
import type { FakeGeminiFlavor } from './fake-gemini-reply.js';

const REQUEST_FIELDS = new Set(['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig', 'safetySettings', 'cachedContent', 'labels']);
const GENERATION_FIELDS = new Set([
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'stopSequences',
  'candidateCount',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'responseLogprobs',
  'logprobs',
  'thinkingConfig',
  'responseModalities',
  'mediaResolution',
]);
const PART_DATA_FIELDS = ['text', 'inlineData', 'fileData', 'functionCall', 'functionResponse', 'executableCode', 'codeExecutionResult'];
const PART_FIELDS = new Set([...PART_DATA_FIELDS, 'thought', 'thoughtSignature', 'videoMetadata']);
const THINKING_FIELDS = new Set(['thinkingBudget', 'includeThoughts', 'thinkingLevel']);
/** A tool holds exactly one of these (Tool in the API reference). */
const TOOL_KINDS = ['functionDeclarations', 'googleSearch', 'googleSearchRetrieval', 'codeExecution', 'urlContext', 'retrieval', 'googleMaps', 'computerUse'];
const TOOL_FIELDS = new Set(TOOL_KINDS);

/** Proto JSON accepts snake_case field names as well. */
function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function unknownField(record: Record<string, unknown>, known: ReadonlySet<string>, at: string): string | undefined {
  const name = Object.keys(record).find((key) => !known.has(camel(key)));
  return name === undefined ? undefined : `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`;
}

/** The message of the 400 INVALID_ARGUMENT the API would send, or undefined when it would accept the body. */
export function checkGeminiRequestBody(body: unknown, flavor: FakeGeminiFlavor = 'ai-studio'): string | undefined {
  if (!isRecord(body)) return 'Invalid JSON payload received. Expected an object.';
  const unknown = unknownField(body, REQUEST_FIELDS, '');
  if (unknown !== undefined) return unknown;
  const contents = body['contents'];
  if (!Array.isArray(contents) || contents.length === 0) return '* GenerateContentRequest.contents: contents is not specified';
  for (const [index, content] of contents.entries()) {
    const problem = checkContent(content, `contents[${index}]`, flavor);
    if (problem !== undefined) return problem;
  }
  const system = body['systemInstruction'] ?? body['system_instruction'];
  if (system !== undefined) {
    const problem = checkContent(system, 'system_instruction', flavor);
    if (problem !== undefined) return problem;
  }
  const config = body['generationConfig'] ?? body['generation_config'];
  if (config !== undefined) {
    if (!isRecord(config)) return 'Invalid JSON payload received. generation_config must be an object.';
    const problem = unknownField(config, GENERATION_FIELDS, 'generation_config') ?? checkSampling(config);
    if (problem !== undefined) return problem;
  }
  return checkTools(body['tools']);
}

function checkSampling(config: Record<string, unknown>): string | undefined {
  const topK = config['topK'] ?? config['top_k'];
  if (topK !== undefined && (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1))
    return `Invalid value at 'generation_config.top_k' (TYPE_INT32), ${JSON.stringify(topK)}`;
  const thinking = config['thinkingConfig'] ?? config['thinking_config'];
  if (thinking === undefined) return undefined;
  if (!isRecord(thinking)) return "Invalid value at 'generation_config.thinking_config': must be an object";
  const unknown = unknownField(thinking, THINKING_FIELDS, 'generation_config.thinking_config');
  if (unknown !== undefined) return unknown;
  const budget = thinking['thinkingBudget'] ?? thinking['thinking_budget'];
  if (budget !== undefined && (typeof budget !== 'number' || !Number.isInteger(budget) || budget < -1)) {
    return `Invalid value at 'generation_config.thinking_config.thinking_budget' (TYPE_INT32), ${JSON.stringify(budget)}`;
  }
  const include = thinking['includeThoughts'] ?? thinking['include_thoughts'];
  if (include !== undefined && typeof include !== 'boolean') return `Invalid value at 'generation_config.thinking_config.include_thoughts' (TYPE_BOOL), ${JSON.stringify(include)}`;
  return undefined;
}

function checkContent(content: unknown, at: string, flavor: FakeGeminiFlavor): string | undefined {
  if (!isRecord(content)) return `* GenerateContentRequest.${at}: must be an object`;
  const role = content['role'];
  if (role !== undefined && role !== 'user' && role !== 'model') return `Please use a valid role: user, model. (${at})`;
  const parts = content['parts'];
  if (!Array.isArray(parts) || parts.length === 0) return `* GenerateContentRequest.${at}.parts: contents.parts must not be empty.`;
  for (const [index, part] of parts.entries()) {
    if (!isRecord(part)) return `* GenerateContentRequest.${at}.parts[${index}]: must be an object`;
    const unknown = unknownField(part, PART_FIELDS, `${at}.parts[${index}]`);
    if (unknown !== undefined) return unknown;
    const data = PART_DATA_FIELDS.filter((field) => part[field] !== undefined);
    if (data.length !== 1) return `* GenerateContentRequest.${at}.parts[${index}].data: required oneof field 'data' must have one initialized field`;
    const problem = checkGeminiPartData(part, `${at}.parts[${index}]`, flavor);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkTools(tools: unknown): string | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return 'Invalid JSON payload received. tools must be a list.';
  for (const [toolIndex, tool] of tools.entries()) {
    if (!isRecord(tool)) return `Invalid value at 'tools[${toolIndex}]': must be an object`;
    const unknown = unknownField(tool, TOOL_FIELDS, `tools[${toolIndex}]`);
    if (unknown !== undefined) return unknown;
    if (Object.keys(tool).length !== 1) return `* GenerateContentRequest.tools[${toolIndex}]: a tool must set exactly one of ${TOOL_KINDS.join(', ')}`;
    const search = tool['googleSearch'] ?? tool['google_search'];
    if (search !== undefined && (!isRecord(search) || Object.keys(search).some((name) => name !== 'timeRangeFilter' && name !== 'excludeDomains'))) {
      return `Invalid JSON payload received. Unknown name in 'tools[${toolIndex}].google_search': Cannot find field.`;
    }
    const declarations = tool['functionDeclarations'];
    if (!Array.isArray(declarations)) continue;
    for (const [index, declaration] of declarations.entries()) {
      const at = `tools[${toolIndex}].function_declarations[${index}]`;
      if (!isRecord(declaration) || typeof declaration['name'] !== 'string' || declaration['name'] === '') return `* GenerateContentRequest.${at}.name: Name cannot be empty.`;
      if (declaration['parameters'] !== undefined && declaration['parametersJsonSchema'] !== undefined) {
        return `* GenerateContentRequest.${at}: parameters and parameters_json_schema cannot both be set.`;
      }
    }
  }
  return undefined;
}

/** generationConfig.candidateCount, the number of candidates to render (default 1). */
export function candidateCountOf(body: unknown): number {
  const config = isRecord(body) ? (body['generationConfig'] ?? body['generation_config']) : undefined;
  const count = isRecord(config) ? config['candidateCount'] : undefined;
  return typeof count === 'number' && count >= 1 ? Math.floor(count) : 1;
}
