// LiteLLM's rule for the master key: it starts with `sk-` and has at least 8 characters. A
// short key is guessable, and one without the prefix is usually a pasted wrong value. The
// message names the rule and where the key came from, never the key.

const MIN_LENGTH = 8;
const PREFIX = 'sk-';

export function checkMasterKey(key: string | undefined, source: string): string | undefined {
  if (key === undefined) return undefined;
  if (key.startsWith(PREFIX) && key.length >= MIN_LENGTH) return undefined;
  return `${source}: the master key must start with "${PREFIX}" and be at least ${MIN_LENGTH} characters long (as in LiteLLM); the value given is ${key.length} characters${key.startsWith(PREFIX) ? '' : ` and does not start with "${PREFIX}"`}`;
}
