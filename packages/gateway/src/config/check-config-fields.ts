// Walks a config document against the catalog: a field nobody knows is an error naming its
// path and the nearest known name; a LiteLLM field llmux lacks is listed for one warning;
// a security setting llmux lacks is listed apart, for the caller to refuse.

import { CONFIG_CATALOG, type ConfigSection } from './config-field-catalog.js';
import { formatConfigPath } from './config-error.js';
import { findClosestName } from './find-closest-name.js';

export interface FieldFindings {
  unknown: string[];
  unsupported: string[];
  security: string[];
}

export function checkConfigFields(document: object): FieldFindings {
  const findings: FieldFindings = { unknown: [], unsupported: [], security: [] };
  walk(document, CONFIG_CATALOG, [], findings);
  return findings;
}

function walk(value: object, section: ConfigSection, path: PropertyKey[], findings: FieldFindings): void {
  for (const [name, child] of Object.entries(value)) {
    const at = [...path, name];
    if (section.security.has(name)) findings.security.push(formatConfigPath(at));
    else if (section.unimplemented.has(name)) findings.unsupported.push(formatConfigPath(at));
    else if (!section.implemented.has(name) && !(section.patterns ?? []).some((pattern) => pattern.test(name))) {
      findings.unknown.push(`${formatConfigPath(at)}: unknown field${suggestion(name, section)}`);
      continue;
    }
    const below = section.children?.[name];
    if (below === undefined || child === null || typeof child !== 'object') continue;
    if (Array.isArray(child)) {
      child.forEach((item: unknown, index) => {
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) walk(item, below, [...at, index], findings);
      });
    } else walk(child, below, at, findings);
  }
}

function suggestion(name: string, section: ConfigSection): string {
  const near = findClosestName(name, [...section.implemented, ...section.unimplemented, ...section.security]);
  if (near !== undefined) return `; did you mean ${near}?`;
  const elsewhere = findSectionOf(name, CONFIG_CATALOG, []);
  return elsewhere === undefined ? '' : `; it belongs under ${elsewhere}`;
}

/** Where a field that is in the wrong section belongs (`master_key` → general_settings). */
function findSectionOf(name: string, section: ConfigSection, path: string[]): string | undefined {
  for (const [childName, child] of Object.entries(section.children ?? {})) {
    const childPath = [...path, childName];
    if (child.implemented.has(name) || child.unimplemented.has(name) || child.security.has(name)) return childPath.join('.');
    const deeper = findSectionOf(name, child, childPath);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}
