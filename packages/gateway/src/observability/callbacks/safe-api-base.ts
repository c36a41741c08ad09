// Deployment id → api_base for logging payloads, with userinfo and query strings removed:
// some providers take keys in the URL (`?key=` for Gemini, `user:pass@` for proxies).

import { deploymentId, type Deployment } from 'llmux';

export function createApiBaseLookup(modelList: readonly Deployment[]): (id: string) => string {
  const bases = new Map<string, string>();
  for (const deployment of modelList) {
    const base = deployment.litellm_params.api_base;
    if (typeof base === 'string') bases.set(deploymentId(deployment), stripCredentials(base));
  }
  return (id) => bases.get(id) ?? '';
}

function stripCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '';
  }
}
