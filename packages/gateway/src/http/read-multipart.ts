// Reads a multipart/form-data body (an image to edit, audio to transcribe) into an object:
// each text field as a string, each file as { data, filename, contentType }; `name[]` parts
// collect into a list under `name` (how the openai client sends lists). The body is read
// once through readBody (so the size limit's 413, the process-wide memory budget and the
// lingering close apply as for JSON), then parsed by @fastify/busboy, whose file parts are
// views into that one buffer: the upstream upload is written from them, never a second copy.
// A body that is not well-formed multipart is a 400 in OpenAI's shape.

import type { IncomingMessage } from 'node:http';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { BadRequestError, type UploadFile } from 'llmux';
import { readBody } from './read-body.js';

/** Limits beyond the body's size: a form of thousands of tiny parts is refused, not parsed. */
const LIMITS = { fields: 64, files: 16, parts: 96, fieldSize: 1024 * 1024, headerPairs: 32 };

export async function readMultipart(request: IncomingMessage, limitBytes: number): Promise<Record<string, unknown>> {
  const contentType = request.headers['content-type'];
  const body = await readBody(request, limitBytes);
  if (typeof contentType !== 'string' || !/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new BadRequestError(`This endpoint takes a multipart/form-data body, but got ${contentType === undefined ? 'no Content-Type' : `Content-Type ${contentType}`}.`, {
      code: 'invalid_content_type',
    });
  }
  let parser: BusboyInstance;
  try {
    parser = Busboy({ headers: { 'content-type': contentType }, limits: LIMITS });
  } catch (error) {
    throw malformed(error);
  }
  return parseParts(parser, body);
}

function parseParts(parser: BusboyInstance, body: Buffer): Promise<Record<string, unknown>> {
  const form: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const put = (name: string, value: string | UploadFile): void => {
    if (!name.endsWith('[]')) {
      form[name] = value;
      return;
    }
    const key = name.slice(0, -2);
    const list = form[key];
    if (Array.isArray(list)) list.push(value);
    else form[key] = [value];
  };
  return new Promise((resolve, reject) => {
    let pendingFiles = 0;
    let finished = false;
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    const settle = (): void => {
      // A plain object again: the prototype-free one only kept `__proto__` fields inert.
      if (finished && pendingFiles === 0 && !failed) resolve({ ...form });
    };
    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) return fail(new BadRequestError(`The form field '${name}' is longer than ${LIMITS.fieldSize} bytes.`, { param: name, code: 'field_too_large' }));
      put(name, value);
    });
    parser.on('file', (name, stream, filename, _encoding, mimeType) => {
      pendingFiles += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        pendingFiles -= 1;
        // One chunk (the usual case, the whole body being in memory) stays a view, not a copy.
        const data = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        put(name, { data, filename: filename === '' ? name : filename, contentType: mimeType === '' ? 'application/octet-stream' : mimeType });
        settle();
      });
      stream.on('error', (error: Error) => fail(malformed(error)));
    });
    const tooMany = (): void =>
      fail(new BadRequestError(`The form has more parts than allowed (${LIMITS.parts} parts, ${LIMITS.files} files, ${LIMITS.fields} fields).`, { code: 'too_many_parts' }));
    parser.on('partsLimit', tooMany);
    parser.on('filesLimit', tooMany);
    parser.on('fieldsLimit', tooMany);
    parser.on('error', (error: unknown) => fail(malformed(error)));
    parser.on('finish', () => {
      finished = true;
      settle();
    });
    parser.end(body);
  });
}

function malformed(error: unknown): BadRequestError {
  const reason = error instanceof Error ? error.message : String(error);
  return new BadRequestError(`The multipart/form-data body could not be parsed: ${reason}.`, { code: 'invalid_multipart' });
}
