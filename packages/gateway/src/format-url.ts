// The URL a client can reach a bound server at. A wildcard bind (0.0.0.0, ::) is not an
// address to connect to, so it is shown as the loopback address of the same family.

import type { AddressInfo } from 'node:net';

export function formatUrl(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
