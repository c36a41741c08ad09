// Reads a LiteLLM-style config.yaml from disk, strictly by default (a file is what a user
// starts the gateway from). Errors name the file and the bad field.

import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError } from './config-error.js';
import { parseConfig, type ParseConfigOptions, type ParsedConfig } from './parse-config.js';

export async function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env, options: ParseConfigOptions = { strict: true }): Promise<ParsedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error);
    throw new ConfigError(file, [`cannot read the file: ${reason}`]);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) throw new ConfigError(file, [`not valid YAML: ${error.message}`]);
    throw error;
  }
  return parseConfig(document, file, env, options);
}
