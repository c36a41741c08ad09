// A few adapters read a setting from the process environment, as LiteLLM does (watsonx's IAM
// endpoint, Google's storage emulator): a suite points it at its fake and, when it closes,
// puts back what was there (or removes it), so no other suite in the process sees the fake.

export interface ProcessEnvOverride {
  /** Puts the variable back as it was. */
  close(): Promise<void>;
}

export function overrideProcessEnv(name: string, value: string): ProcessEnvOverride {
  const saved = process.env[name];
  process.env[name] = value;
  return {
    close: async () => {
      if (saved === undefined) delete process.env[name];
      else process.env[name] = saved;
    },
  };
}
