// Parses a recorded multipart/form-data body as a real server would (the WHATWG FormData
// parser Node ships), so a fake sees exactly the parts and file bytes the client sent.

import type { RecordedRequest } from './start-fake-server.js';

export interface FakeFormFile {
  name: string;
  type: string;
  bytes: Buffer;
}

export interface FakeForm {
  fields: Record<string, string>;
  /** Files by part name (`image`, `image[]`, `file`, `mask`), in order. */
  files: Record<string, FakeFormFile[]>;
}

/** The form, or undefined when the body is not multipart/form-data. */
export async function readFakeForm(request: RecordedRequest): Promise<FakeForm | undefined> {
  const type = request.headers['content-type'];
  if (type === undefined || !type.startsWith('multipart/form-data')) return undefined;
  let data: FormData;
  try {
    data = await new Response(request.body, { headers: { 'content-type': type } }).formData();
  } catch {
    return undefined;
  }
  const form: FakeForm = { fields: {}, files: {} };
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string') {
      form.fields[name] = value;
      continue;
    }
    const list = form.files[name] ?? [];
    list.push({ name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
    form.files[name] = list;
  }
  return form;
}
