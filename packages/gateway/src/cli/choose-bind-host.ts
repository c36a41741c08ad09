// Where to listen. Without a master key every route is open, so the default is loopback only;
// binding elsewhere without one is allowed (a private network may want it) but announced in a
// block no one can miss.

import { isIP } from 'node:net';

export function chooseBindHost(requested: string | undefined, hasMasterKey: boolean): string {
  return requested ?? (hasMasterKey ? '0.0.0.0' : '127.0.0.1');
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export function openGatewayWarning(host: string): string {
  const rule = '!'.repeat(78);
  return [
    rule,
    `!! WARNING: llmux listens on ${host} WITHOUT AUTHENTICATION.`,
    '!! No master key is set (general_settings.master_key or LLMUX_MASTER_KEY), so anyone who',
    '!! can reach this address can call every model at your expense and use the management API.',
    '!! Set a master key (sk-..., 8+ characters), or bind 127.0.0.1 (the default without one).',
    rule,
    '',
  ].join('\n');
}
