// One line naming each failing path of a zod validation, e.g.
// `at "items[0].price": Invalid input: expected number, received string`.

import type { core } from 'zod';

const MAX_LISTED_ISSUES = 10;

export function describeIssues(issues: readonly core.$ZodIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `at "${formatPath(issue.path)}": ${issue.message}`);
  if (issues.length > MAX_LISTED_ISSUES) listed.push(`and ${issues.length - MAX_LISTED_ISSUES} more`);
  return listed.join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}
