// Tests that read credentials or endpoints from the environment change process.env; these
// put every variable they name back as it was (unset ones deleted), so no test leaks into the next.

/** Saves the named variables; the function returned puts them back. */
export function saveEnv(names: readonly string[]): () => void {
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
