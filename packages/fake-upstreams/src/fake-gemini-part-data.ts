// Checks the data of one generateContent part as Google does: inline bytes need a media type
// and base64 data, a file reference needs a URI (and, on Vertex AI, a media type: only the
// Gemini API's Files API knows its files' types), and neither takes fields it does not define.

import { isRecord } from './is-record.js';
import type { FakeGeminiFlavor } from './fake-gemini-reply.js';

const INLINE_FIELDS = new Set(['mimeType', 'data', 'displayName']);
const FILE_FIELDS = new Set(['mimeType', 'fileUri', 'displayName']);
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Proto JSON accepts snake_case field names as well. */
function read(record: Record<string, unknown>, name: string, snake: string): unknown {
  return record[name] ?? record[snake];
}

function unknownName(record: Record<string, unknown>, known: ReadonlySet<string>, at: string): string | undefined {
  const name = Object.keys(record).find((key) => !known.has(key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())));
  return name === undefined ? undefined : `Invalid JSON payload received. Unknown name "${name}" at '${at}': Cannot find field.`;
}

/**
 * The part's data object under `name` (or its snake_case `snake`): undefined when absent, the
 * 400 message when it is not an object or names a field Google does not define.
 */
function readDataObject(part: Record<string, unknown>, name: string, snake: string, known: ReadonlySet<string>, at: string): Record<string, unknown> | string | undefined {
  const value = read(part, name, snake);
  if (value === undefined) return undefined;
  if (!isRecord(value)) return `Invalid value at '${at}.${snake}': must be an object`;
  return unknownName(value, known, `${at}.${snake}`) ?? value;
}

/** The 400 message for a part's inlineData/fileData, or undefined when Google would take it. */
export function checkGeminiPartData(part: Record<string, unknown>, at: string, flavor: FakeGeminiFlavor): string | undefined {
  const inline = readDataObject(part, 'inlineData', 'inline_data', INLINE_FIELDS, at);
  if (typeof inline === 'string') return inline;
  if (inline !== undefined) {
    const mimeType = read(inline, 'mimeType', 'mime_type');
    if (typeof mimeType !== 'string' || !mimeType.includes('/')) return `* GenerateContentRequest.${at}.inline_data.mime_type: Unsupported MIME type: ${String(mimeType)}`;
    const data = inline['data'];
    if (typeof data !== 'string' || data === '' || !BASE64.test(data)) return `Invalid value at '${at}.inline_data.data' (TYPE_BYTES), Base64 decoding failed`;
  }
  const file = readDataObject(part, 'fileData', 'file_data', FILE_FIELDS, at);
  if (typeof file === 'string') return file;
  if (file !== undefined) {
    const uri = read(file, 'fileUri', 'file_uri');
    if (typeof uri !== 'string' || uri === '') return `* GenerateContentRequest.${at}.file_data.file_uri: file_uri is required`;
    const mimeType = read(file, 'mimeType', 'mime_type');
    if (mimeType === undefined && flavor === 'vertex') return `* GenerateContentRequest.${at}.file_data.mime_type: mime_type is required`;
    if (mimeType !== undefined && (typeof mimeType !== 'string' || !mimeType.includes('/')))
      return `* GenerateContentRequest.${at}.file_data.mime_type: Unsupported MIME type: ${String(mimeType)}`;
  }
  return undefined;
}
