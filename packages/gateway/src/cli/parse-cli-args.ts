// The `llmux` command line: options, their checks, and the help text.

import { parseArgs } from 'node:util';

export const USAGE = `Usage: llmux [options]

Serve an OpenAI-compatible API over the models in a LiteLLM-style config.yaml.

Options:
  -c, --config FILE     config.yaml with model_list, litellm_settings, general_settings
  -m, --model NAME      serve one model instead, e.g. openai/gpt-4o-mini
  -p, --port N          port to listen on (default 4000; 0 picks a free port)
      --host HOST       address to bind (default 0.0.0.0)
      --num_workers N   run N processes sharing the port (limits shared only with REDIS_URL)
      --detailed_debug  log at debug level, with each request's headers (secrets redacted)
  -h, --help            show this help
  -v, --version         print the version

Environment:
  LLMUX_MASTER_KEY      require this key (Authorization: Bearer <key>) on API routes
  LLMUX_LOG_LEVEL       trace, debug, info (default), warn, error, silent
  LLMUX_HOME            folder of the embedded SQLite store (default ./.llmux)
  DATABASE_URL          postgres://... to keep keys, spend and audit in PostgreSQL
  REDIS_URL             share rate limits, budgets, cooldowns and key changes between
                        instances and workers
`;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'serve'; config: string | undefined; model: string | undefined; port: number; host: string; numWorkers: number; detailedDebug: boolean };

/** A mistake on the command line; the message is shown to the user with the usage. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      options: {
        config: { type: 'string', short: 'c' },
        model: { type: 'string', short: 'm' },
        port: { type: 'string', short: 'p', default: '4000' },
        host: { type: 'string', default: '0.0.0.0' },
        num_workers: { type: 'string', default: '1' },
        detailed_debug: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (values.config !== undefined && values.model !== undefined) throw new CliUsageError('give either --config or --model, not both');
  if (values.config === undefined && values.model === undefined) throw new CliUsageError('give --config FILE or --model provider/model');
  return { kind: 'serve', config: values.config, model: values.model, port: parsePort(values.port), host: values.host, numWorkers: parseWorkers(values.num_workers), detailedDebug: values.detailed_debug };
}

function parseWorkers(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1 || count > 256) throw new CliUsageError(`--num_workers must be a number from 1 to 256, got "${text}"`);
  return count;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new CliUsageError(`--port must be a number from 0 to 65535, got "${text}"`);
  return port;
}
