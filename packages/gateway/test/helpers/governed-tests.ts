// The tests of a governed-gateway suite: one gateway per describe (seeded once, started in
// before() and closed in after()), and an `it` whose body receives it, or that skips with the
// reason when the backend (PostgreSQL) is not reachable.

import { after, before, it } from 'node:test';
import { startGovernedGateway, type GovernedGateway } from './governed-gateway.js';

export type GovernedIt = (name: string, body: (setup: GovernedGateway) => Promise<void>) => void;

export function governedTests(backendName: 'sqlite' | 'postgres', seed?: (setup: GovernedGateway) => Promise<void>): GovernedIt {
  let setup: GovernedGateway | string;
  before(async () => {
    setup = await startGovernedGateway(backendName);
    if (typeof setup !== 'string') await seed?.(setup);
  });
  after(async () => {
    if (typeof setup !== 'string') await setup.close();
  });
  return (name, body) => {
    it(name, async (t) => {
      if (typeof setup === 'string') return t.skip(setup);
      await body(setup);
    });
  };
}
