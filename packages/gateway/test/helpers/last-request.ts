// The last request one of a test's named fakes received: what the multi-upstream gateway
// helpers hand their tests to check what the gateway sent where. Throws, naming the fake,
// when it received none, so a test fails on the cause rather than on an undefined.

import type { FakeServer, RecordedRequest } from '@llmux/fake-upstreams';

export function lastRequestOf<Name extends string>(upstreams: Readonly<Record<Name, FakeServer>>, name: Name): RecordedRequest {
  const last = upstreams[name].requests.at(-1);
  if (last === undefined) throw new Error(`${name} received no request`);
  return last;
}
