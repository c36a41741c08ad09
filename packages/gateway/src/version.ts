// The gateway's version, from its package.json (one level above both src/ and dist/).

import { readFileSync } from 'node:fs';

export function readGatewayVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : 'unknown';
}
