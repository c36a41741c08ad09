// What a translation could not carry into the canonical request: each such field is refused
// with UnsupportedParamsError (a 400 naming it) or, under drop_params, dropped with a
// warning. Cache hints are the one exception: see cacheHint().

import { UnsupportedParamsError } from '../../errors/error-classes.js';

export interface TranslationReport {
  readonly warnings: string[];
  /** A field the canonical form cannot carry: refused, or dropped with a warning under drop_params. */
  unsupported(param: string, reason: string): void;
  /** A `cache_control` hint at `param` (its full path); reported once per request by finish(). */
  cacheHint(param: string): void;
  /** Adds the warnings that sum up many places (cache hints); call once, at the end. */
  finish(): string[];
}

export function createTranslationReport(dropParams: boolean): TranslationReport {
  const warnings: string[] = [];
  const cacheHints: string[] = [];
  return {
    warnings,
    unsupported(param, reason) {
      if (!dropParams) {
        throw new UnsupportedParamsError(`"${param}" cannot be translated for this deployment: ${reason}. Remove it, or set drop_params: true to drop it`, { param });
      }
      warnings.push(`dropped "${param}": ${reason}`);
    },
    cacheHint(param) {
      cacheHints.push(param);
    },
    finish() {
      // Refusing these would fail every Claude Code request: they only say where Claude's
      // prompt cache may cut, and leave the answer unchanged. Providers reached through the
      // canonical form cache on their own (OpenAI, Gemini, DeepSeek) or not at all.
      if (cacheHints.length > 0) {
        const places = cacheHints.length === 1 ? `"${cacheHints[0]}"` : `${cacheHints.length} places (first "${cacheHints[0]}")`;
        warnings.push(`ignored cache_control at ${places}: only Claude deployments take prompt-cache breakpoints`);
      }
      return warnings;
    },
  };
}
