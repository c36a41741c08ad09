// Hostile values and the mutations that plant them in a request, from a seeded generator so
// a failing request can be replayed from the suite's seed and its index.

/** Marks where raw JSON text (deep nesting, which JSON.stringify cannot write) goes. */
const RAW_MARK = '@@fuzz-raw-';

export type Random = () => number;

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Nesting the suite sends: just under and just over the gateway's 64, and far past it. */
const DEPTHS = [2, 10, 63, 64, 65, 100, 4000, 20_000];

function nestedText(depth: number, random: Random): string {
  const object = random() < 0.5;
  return object ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/** Raw JSON text placed into a value: serialize() swaps the mark for it. */
export interface RawValues {
  texts: string[];
}

function raw(values: RawValues, text: string): string {
  values.texts.push(text);
  return `${RAW_MARK}${values.texts.length - 1}`;
}

/** Strings a client can get wrong: NUL, control and lone-surrogate characters, long text. */
function hostileString(random: Random): string {
  return pick(random, [
    () => 'a\u0000b',
    () => '\u0000',
    () => 'x\u0001\u001f\u007f',
    () => '\ud800',
    () => '\udfff\ud800x',
    () => '💥\u202e',
    () => '',
    () => ' ',
    () => 'x'.repeat(pick(random, [257, 1025, 5000, 70_000])),
    () => 'y'.repeat(random() < 0.05 ? 900_000 : 3000),
    () => '300000000d',
    () => '-1d',
    () => '1.5h',
    () => '99999999999999999999mo',
    () => '2026-13-45',
    () => '+275760-09-13T00:00:00.000Z',
    () => '../../etc/passwd',
    () => "'; drop table llmux_keys; --",
    () => '%00',
    () => 'sk-' + 'A'.repeat(40),
    () => '__proto__',
    () => 'constructor',
  ])();
}

function hostileNumber(random: Random): number {
  return pick(random, [-5, -1, 0, 1.5, -0.5, 1e21, -1e21, 2 ** 53 + 2, 1e308, -1e308, 2 ** 31, 2 ** 63, 4.9e-324, 3]);
}

/** One hostile value: wrong types, NUL strings, huge numbers, deep nesting, long strings. */
function hostileValue(random: Random, rawValues: RawValues): unknown {
  const roll = random();
  if (roll < 0.3) return hostileString(random);
  if (roll < 0.5) return hostileNumber(random);
  if (roll < 0.62) return raw(rawValues, nestedText(pick(random, DEPTHS), random));
  if (roll < 0.67) return raw(rawValues, pick(random, ['1e400', '-1e400', '1' + '0'.repeat(400), '"\\u0000"', '"\\ud800"', '{"__proto__":{"x":1}}']));
  return pick(random, [null, true, false, [], {}, [null], { unknown_field: 1 }, ['a\u0000'], [1.5, -5], { a: { b: { c: 'x\u0000' } } }]);
}

/** Keys whose huge values make the fake upstream, not the gateway, do unbounded work. */
const UPSTREAM_SIZED = new Set(['dimensions']);

/** Plants 1-3 hostile changes at random depths of a copy of `seed`. */
export function mutateBody(random: Random, seed: unknown, rawValues: RawValues): unknown {
  const roll = random();
  // The whole body wrong: a scalar, an array, deep nesting.
  if (roll < 0.06) return hostileValue(random, rawValues);
  const body: unknown = structuredClone(seed);
  const changes = 1 + Math.floor(random() * 3);
  for (let index = 0; index < changes; index += 1) mutateOnce(random, body, rawValues);
  return body;
}

function mutateOnce(random: Random, root: unknown, rawValues: RawValues): void {
  // Walk a random distance down the body, then change what is there.
  let node = root;
  for (let steps = Math.floor(random() * 5); steps > 0; steps -= 1) {
    const children = childKeys(node);
    if (children.length === 0) break;
    const next = (node as Record<string, unknown>)[pick(random, children)];
    if (typeof next !== 'object' || next === null) break;
    node = next;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  const keys = childKeys(node);
  const action = random();
  if (action < 0.12 && keys.length > 0) {
    const key = pick(random, keys);
    if (Array.isArray(node)) node.splice(Number(key), 1);
    else delete record[key];
    return;
  }
  if (action < 0.25 || keys.length === 0) {
    const name = pick(random, ['unknown_field', 'x\u0000y', '', '__proto__', 'a'.repeat(300), 'metadata', 'id']);
    // defineProperty: an own `__proto__` key, as JSON.parse makes it, not a prototype change.
    if (Array.isArray(node)) node.push(hostileValue(random, rawValues));
    else Object.defineProperty(record, name, { value: hostileValue(random, rawValues), enumerable: true, writable: true, configurable: true });
    return;
  }
  const key = pick(random, keys);
  let value = hostileValue(random, rawValues);
  if (UPSTREAM_SIZED.has(key) && typeof value === 'number') value = 3;
  record[key] = value;
}

function childKeys(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  return Array.isArray(node) ? node.map((_, index) => String(index)) : Object.keys(node);
}

/** JSON text of a mutated body, with raw texts (deep nesting) put in place. */
export function serializeBody(body: unknown, rawValues: RawValues): string {
  let text = JSON.stringify(body) ?? 'null';
  if (rawValues.texts.length === 0) return text;
  text = text.replace(/"@@fuzz-raw-(\d+)"/g, (_, index: string) => rawValues.texts[Number(index)] ?? 'null');
  return text;
}

/** A query value a client can get wrong, already percent-encoded where that matters. */
export function hostileQueryValue(random: Random): string {
  return pick(random, [
    '%00',
    'a%00b',
    '-5',
    '1.5',
    '1e21',
    '0',
    '',
    '99999999999999999999',
    'NaN',
    'Infinity',
    '%ZZ',
    '%F0%9F%92%A5',
    '%ED%A0%80',
    'x'.repeat(pick(random, [300, 1025, 4000])),
    '2026-13-45',
    '2026-01-31',
    '+275760-09-13',
    '1',
    '10001',
    'true',
  ]);
}
