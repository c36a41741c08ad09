// Checks a generateContent body as strictly as Google does on the points a client can get
// wrong: unknown fields are refused (the API's proto parser rejects them), contents and parts
// must not be empty, roles are user/model, and each part holds exactly one kind of data.

import { isRecord } from './is-record.js';

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

/** Proto JSON accepts snake_case field names as well. */
function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function unknownField(record: Record<string, unknown>, known: ReadonlySet<string>, at: string): string | undefined {
  const name = Object.keys(record).find((key) => !known.has(camel(key)));
  return name === undefined ? undefined : `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`;
}

/** The message of the 400 INVALID_ARGUMENT the API would send, or undefined when it would accept the body. */
export function checkGeminiRequestBody(body: unknown): string | undefined {
  if (!isRecord(body)) return 'Invalid JSON payload received. Expected an object.';
  const unknown = unknownField(body, REQUEST_FIELDS, '');
  if (unknown !== undefined) return unknown;
  const contents = body['contents'];
  if (!Array.isArray(contents) || contents.length === 0) return '* GenerateContentRequest.contents: contents is not specified';
  for (const [index, content] of contents.entries()) {
    const problem = checkContent(content, `contents[${index}]`);
    if (problem !== undefined) return problem;
  }
  const system = body['systemInstruction'] ?? body['system_instruction'];
  if (system !== undefined) {
    const problem = checkContent(system, 'system_instruction');
    if (problem !== undefined) return problem;
  }
  const config = body['generationConfig'] ?? body['generation_config'];
  if (config !== undefined) {
    if (!isRecord(config)) return 'Invalid JSON payload received. generation_config must be an object.';
    const problem = unknownField(config, GENERATION_FIELDS, 'generation_config');
    if (problem !== undefined) return problem;
  }
  return checkTools(body['tools']);
}

function checkContent(content: unknown, at: string): string | undefined {
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
  }
  return undefined;
}

function checkTools(tools: unknown): string | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return 'Invalid JSON payload received. tools must be a list.';
  for (const [toolIndex, tool] of tools.entries()) {
    const declarations = isRecord(tool) ? tool['functionDeclarations'] : undefined;
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
