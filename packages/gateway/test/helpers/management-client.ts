// Calls the management API as a given key, with fetch (it is not an OpenAI route).

interface ManagementReply {
  status: number;
  body: Record<string, unknown> & { error?: { message: string; type: string; code: string | null } };
}

export interface ManagementClient {
  post(path: string, body: unknown): Promise<ManagementReply>;
  get(path: string): Promise<ManagementReply>;
  /** Any method (LiteLLM serves some routes under PATCH and DELETE). */
  send(method: string, path: string, body?: unknown): Promise<ManagementReply>;
}

export function managementClient(url: string, key: string): ManagementClient {
  const call = async (method: string, path: string, body?: unknown): Promise<ManagementReply> => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(`${url}${path}`, init);
    const text = await response.text();
    return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as ManagementReply['body'] };
  };
  return { post: (path, body) => call('POST', path, body), get: (path) => call('GET', path), send: call };
}

/** A new virtual key made by `admin` with the given /key/generate settings. */
export async function generateKey(admin: ManagementClient, settings: Record<string, unknown> = {}): Promise<string> {
  return String((await admin.post('/key/generate', settings)).body['key']);
}

/** Gateway config and env for a store backend: a shared SQLite home or a PostgreSQL URL. */
export function storeSettings(
  backend: { options: { home?: string; databaseUrl?: string } },
  env: NodeJS.ProcessEnv = { ...process.env },
): { general: Record<string, unknown>; env: NodeJS.ProcessEnv } {
  if (backend.options.databaseUrl !== undefined) return { general: { database_url: backend.options.databaseUrl }, env };
  return { general: {}, env: { ...env, LLMUX_HOME: backend.options.home } };
}
