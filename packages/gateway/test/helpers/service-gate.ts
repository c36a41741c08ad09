// A suite that needs a real service (PostgreSQL, its own PostgreSQL server) opens it in
// before(); when the service is missing the suite says so loudly once, and each of its tests
// skips with the reason. A skip is never a quiet pass: under CI=true scripts/run-tests.mjs
// fails the run on any skip.

import type { TestContext } from 'node:test';

export interface ServiceGate<Service> {
  /** In before(): the opened service, or undefined after reporting why it is missing. */
  open(): Promise<Service | undefined>;
  /** At the top of a test: true (the test marked skipped, with the reason) when the service is missing. */
  skipped(t: TestContext): boolean;
}

/** `open` answers the service, or a string saying why it is not there; `what` names the tests that need it. */
export function serviceGate<Service>(what: string, open: () => Promise<Service | string>): ServiceGate<Service> {
  let missing: string | undefined;
  return {
    open: async () => {
      const opened = await open();
      if (typeof opened !== 'string') return opened;
      missing = opened;
      process.stderr.write(`\n*** SKIPPING ${what}: ${opened} ***\n\n`);
      return undefined;
    },
    skipped: (t) => {
      if (missing === undefined) return false;
      t.skip(missing);
      return true;
    },
  };
}
