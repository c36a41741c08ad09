// The `llmux` command line: options, their checks, and the help text.

import { parseArgs } from 'node:util';
import { formatEnvironmentHelp } from './cli-environment.js';

export const USAGE = `Usage: llmux [options]

Serve an OpenAI-compatible API over the models in a LiteLLM-style config.yaml.

Options:
  -c, --config FILE     config.yaml with model_list, litellm_settings, general_settings
  -m, --model NAME      serve one model instead, e.g. openai/gpt-4o-mini
  -p, --port N          port to listen on (default 4000; 0 picks a free port)
      --host HOST       address to bind (default 0.0.0.0 with a master key, else 127.0.0.1)
      --num_workers N   run N processes sharing the port (limits shared only with REDIS_URL)
      --check           validate the config, resolve its references, print what would be
                        served, and exit (0: valid, 1: not) without listening
      --allow-unsupported
                        start even though the config uses LiteLLM security settings llmux
                        does not implement (guardrails, allowed_ips, enable_jwt_auth, ...)
      --shutdown_grace_seconds N
                        on SIGTERM/SIGINT, let in-flight requests finish for up to N seconds
                        (default 10; config: general_settings.shutdown_grace_seconds)
      --detailed_debug  log at debug level, with each request's headers (secrets redacted)
      --list-providers  print every provider id llmux serves (kind, variables, operations),
                        the ids it refuses and why, and the count; --markdown for a table
  -h, --help            show this help
  -v, --version         print the version

Signals:
  SIGTERM, SIGINT       drain requests in flight (see --shutdown_grace_seconds), write
                        pending spend, exit 0; a second one exits at once
  SIGHUP                re-read the config file (as POST /config/reload does); a file that
                        fails the checks is refused and the running config stays

Environment:
${formatEnvironmentHelp()}`;

export interface ServeCommand {
  kind: 'serve';
  config: string | undefined;
  model: string | undefined;
  port: number;
  /** Undefined: chosen from whether a master key is set (closed by default). */
  host: string | undefined;
  numWorkers: number;
  detailedDebug: boolean;
  check: boolean;
  allowUnsupported: boolean;
  shutdownGraceSeconds: number | undefined;
}

export type CliCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'list-providers'; markdown: boolean } | ServeCommand;

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
        host: { type: 'string' },
        num_workers: { type: 'string', default: '1' },
        check: { type: 'boolean', default: false },
        'allow-unsupported': { type: 'boolean', default: false },
        shutdown_grace_seconds: { type: 'string' },
        detailed_debug: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
        'list-providers': { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (values['list-providers']) return { kind: 'list-providers', markdown: values.markdown };
  if (values.markdown) throw new CliUsageError('--markdown goes with --list-providers');
  if (values.config !== undefined && values.model !== undefined) throw new CliUsageError('give either --config or --model, not both');
  if (values.config === undefined && values.model === undefined) throw new CliUsageError('give --config FILE or --model provider/model');
  return {
    kind: 'serve',
    config: values.config,
    model: values.model,
    port: parsePort(values.port),
    host: values.host,
    numWorkers: parseWorkers(values.num_workers),
    detailedDebug: values.detailed_debug,
    check: values.check,
    allowUnsupported: values['allow-unsupported'],
    shutdownGraceSeconds: values.shutdown_grace_seconds === undefined ? undefined : parseGrace(values.shutdown_grace_seconds),
  };
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

function parseGrace(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds > 3600) throw new CliUsageError(`--shutdown_grace_seconds must be a number of seconds from 0 to 3600, got "${text}"`);
  return seconds;
}
