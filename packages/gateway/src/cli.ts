// `llmux`: load the config (or one --model), start the gateway, print where it listens.
// Mistakes in the command line or config print a clear message and set exit code 1.

import { ConfigError } from './config/config-error.js';
import { configFromModel } from './config/config-from-model.js';
import { loadConfig } from './config/load-config.js';
import type { ParsedConfig } from './config/parse-config.js';
import { closeOnSignals } from './cli/close-on-signals.js';
import { CliUsageError, parseCliArgs, USAGE, type CliCommand } from './cli/parse-cli-args.js';
import { isClusterWorker, runWorkers } from './cluster/run-workers.js';
import { createGateway } from './create-gateway.js';
import { resolveRedisTarget } from './limits/resolve-redis-options.js';
import { createLogger } from './logging/create-logger.js';
import { readGatewayVersion } from './version.js';

export async function main(argv: string[]): Promise<void> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    return fail(`llmux: ${error.message}\n\n${USAGE}`);
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return;
    case 'version':
      process.stdout.write(`${readGatewayVersion()}\n`);
      return;
    case 'serve':
      return serve(command);
    default: {
      const exhaustive: never = command;
      throw new Error(`unknown command ${JSON.stringify(exhaustive)}`);
    }
  }
}

async function serve(command: Extract<CliCommand, { kind: 'serve' }>): Promise<void> {
  let parsed: ParsedConfig;
  try {
    parsed = command.config !== undefined ? await loadConfig(command.config) : configFromModel(command.model ?? '');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return fail(`llmux: ${error.message}`);
  }
  // LiteLLM's --detailed_debug: debug level, which adds request and response metadata to each line.
  const logger = createLogger(command.detailedDebug ? 'debug' : undefined);
  if (command.numWorkers > 1 && !isClusterWorker()) {
    for (const warning of parsed.warnings) logger.warn(`config: ${warning}`);
    const sharedCounters = resolveRedisTarget(parsed.config) !== undefined;
    return runWorkers({ count: command.numWorkers, logger, sharedCounters }).catch((error: unknown) => fail(`llmux: ${error instanceof Error ? error.message : String(error)}`));
  }
  // Workers: the primary has already shown the config warnings.
  if (!isClusterWorker()) for (const warning of parsed.warnings) logger.warn(`config: ${warning}`);
  const gateway = createGateway({ config: parsed.config, logger });
  let url: string;
  try {
    url = await gateway.listen(command.port, command.host);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return fail(`llmux: cannot listen on ${command.host}:${command.port}: ${typeof code === 'string' ? code : String(error)}`);
  }
  const models = gateway.router.modelNames();
  process.stdout.write(`llmux gateway listening on ${url} (bound to ${command.host}); models: ${models.length > 0 ? models.join(', ') : '(none)'}\n`);
  closeOnSignals(gateway);
}

function fail(message: string): void {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  process.exitCode = 1;
}
