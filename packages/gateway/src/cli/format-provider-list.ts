// `llmux --list-providers`: every provider id served, with its kind, the variables it reads
// and the operations it implements, then the LiteLLM ids refused and why, then the count.
// `--markdown` prints the same rows as the README's provider table.

import { describeProviders, getDefaultProviderRegistry, UNSERVED_PROVIDERS, type ProviderDescription } from 'llmux';

export function formatProviderList(markdown: boolean): string {
  const rows = describeProviders(getDefaultProviderRegistry());
  return markdown ? formatMarkdown(rows) : formatText(rows);
}

function formatText(rows: readonly ProviderDescription[]): string {
  const width = Math.max(...rows.map((row) => row.id.length));
  const lines = rows.map((row) => {
    const env = [...row.keyEnv, ...row.baseEnv].join(' ') || '-';
    return `${row.id.padEnd(width)}  ${row.kind.padEnd(17)}  ${row.operations.join(',')}  ${env}`;
  });
  const refused = Object.entries(UNSERVED_PROVIDERS).map(([id, reason]) => `  ${id}: ${reason}`);
  return `${lines.join('\n')}\n\nnot served (a config naming one is refused at start):\n${refused.join('\n')}\n\n${rows.length} provider ids served\n`;
}

function formatMarkdown(rows: readonly ProviderDescription[]): string {
  const code = (names: readonly string[]) => names.map((name) => `\`${name}\``).join(', ') || '—';
  const lines = rows.map((row) => {
    const example = `\`model: ${row.id}/<model>\`${row.defaultBase === undefined && row.kind === 'openai-compatible' ? ' + `api_base`' : ''}`;
    return `| \`${row.id}\` | ${row.kind} | ${example} | ${code(row.keyEnv)} | ${code(row.baseEnv)} | ${row.operations.join(', ')} |`;
  });
  return [
    '| provider | kind | config | key variables | address variables | operations |',
    '| --- | --- | --- | --- | --- | --- |',
    ...lines,
    '',
    `${rows.length} provider ids served. Not served, refused at start with the reason: ${Object.keys(UNSERVED_PROVIDERS)
      .map((id) => `\`${id}\``)
      .join(', ')}.`,
    '',
  ].join('\n');
}
