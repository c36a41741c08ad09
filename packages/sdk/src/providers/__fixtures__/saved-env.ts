// Tests that read credentials or endpoints from the environment change process.env; these
// put every variable they name back as it was (unset ones deleted), so no test leaks into the next.

import { after, afterEach, before, beforeEach } from 'node:test';

/** Saves the named variables; the function returned puts them back. */
function saveEnv(names: readonly string[]): () => void {
  const saved = names.map((name) => [name, process.env[name]] as const);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** Runs `run` with the named variables saved before and put back after, whatever it set or deleted. */
export async function withSavedEnv(names: readonly string[], run: () => Promise<void>): Promise<void> {
  const restore = saveEnv(names);
  try {
    await run();
  } finally {
    restore();
  }
}

/**
 * Unsets the named variables for the suite (`suite`: before/after) or for each test
 * (`each`: beforeEach/afterEach), and puts them back after: for tests that must not pick up
 * a credential or endpoint from the machine they run on. Call it inside `describe`.
 */
export function useClearedEnv(names: readonly string[], scope: 'suite' | 'each' = 'suite'): void {
  let restore: (() => void) | undefined;
  const [setUp, tearDown] = scope === 'suite' ? [before, after] : [beforeEach, afterEach];
  setUp(() => {
    restore = saveEnv(names);
    for (const name of names) delete process.env[name];
  });
  tearDown(() => restore?.());
}
