// Makes one string safe for every store: NUL (PostgreSQL text refuses it) and lone UTF-16
// surrogates (not encodable as UTF-8) become U+FFFD, and a string past its limit is cut and
// marked. A clean string under the limit is returned as is, after one native regex scan.

const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const REPLACEMENT = '\uFFFD';

/** The marker a cut string ends with; says how much was cut so nobody mistakes it for the whole. */
function truncationMarker(cutChars: number): string {
  return `…[truncated ${cutChars} chars]`;
}

export function sanitizeText(value: string, maxChars: number): string {
  const clean = SUSPECT.test(value) ? replaceInvalid(value) : value;
  if (clean.length <= maxChars) return clean;
  let end = maxChars;
  // Never cut a surrogate pair in two (that would make a lone surrogate again).
  const last = clean.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return copyOf(clean.slice(0, end)) + truncationMarker(clean.length - end);
}

/**
 * A string of its own: V8's slice of a long string points into it, so a 512-char cut of a 1 MB
 * `user` would keep the whole megabyte alive in the buffer (the heap OOM of issue 15.1).
 */
function copyOf(slice: string): string {
  return Buffer.from(slice, 'utf16le').toString('utf16le');
}

/** Replaces NULs and lone surrogates; pairs (emoji and other astral characters) stay. */
function replaceInvalid(value: string): string {
  let out: string[] | undefined;
  let from = 0;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code !== 0 && (code < 0xd800 || code > 0xdfff)) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
    }
    out ??= [];
    out.push(value.slice(from, index), REPLACEMENT);
    from = index + 1;
  }
  if (out === undefined) return value;
  out.push(value.slice(from));
  return out.join('');
}
