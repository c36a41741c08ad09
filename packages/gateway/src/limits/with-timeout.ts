// A store read that gives up after a bound, so a database that hangs (rather than refuses)
// cannot hold a request forever: the caller then answers from what it cached, or says so.

/** Store reads on a request's path: slower than this counts as the store not answering. */
export const STORE_READ_TIMEOUT_MS = 3_000;

export function withTimeout<Value>(work: Promise<Value>, timeoutMs: number = STORE_READ_TIMEOUT_MS): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
