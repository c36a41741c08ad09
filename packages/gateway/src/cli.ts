// `llmux`: load the config (or one --model) strictly, start the gateway, print where it
// listens. Mistakes in the command line or config print a clear message and exit 1 before
// anything listens; `--check` stops after the checks and prints what would be served.

import { parseCacheSettings } from './cache/parse-cache-settings.js';
import { ConfigError } from './config/config-error.js';
import { configFromModel } from './config/config-from-model.js';
import { loadConfig } from './config/load-config.js';
import type { ParsedConfig } from './config/parse-config.js';
import { chooseBindHost, isLoopbackHost, openGatewayWarning } from './cli/choose-bind-host.js';
import { closeOnSignals } from './cli/close-on-signals.js';
import { createConfigFileReload } from './cli/create-config-file-reload.js';
import { CliUsageError, parseCliArgs, USAGE, type CliCommand, type ServeCommand } from './cli/parse-cli-args.js';
import { formatConfigCheck } from './cli/print-config-check.js';
import { formatProviderList } from './cli/format-provider-list.js';
import { reloadEverywhere, reloadOnSignals } from './cli/reload-on-signals.js';
import { isClusterWorker, runWorkers } from './cluster/run-workers.js';
import { createGateway, type Gateway } from './create-gateway.js';
import { resolveRedisTarget } from './limits/resolve-redis-options.js';
import { createLogger } from './logging/create-logger.js';
import { readGatewayVersion } from './version.js';

const DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;
/** A start that failed after building the gateway closes it for at most this long. */
const FAILED_START_CLOSE_MS = 3_000;

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
    case 'list-providers':
      process.stdout.write(formatProviderList(command.markdown));
      return;
    case 'serve':
      return serve(command);
    default: {
      const exhaustive: never = command;
      throw new Error(`unknown command ${JSON.stringify(exhaustive)}`);
    }
  }
}

async function serve(command: ServeCommand): Promise<void> {
  let parsed: ParsedConfig;
  const options = { strict: true, allowUnsupported: command.allowUnsupported };
  try {
    parsed = command.config !== undefined ? await loadConfig(command.config, process.env, options) : configFromModel(command.model ?? '', process.env, options);
    // A cache type llmux lacks (semantic) is a config error worded like the others, not a crash.
    parseCacheSettings(parsed.config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return fail(`llmux: ${error.message}`);
  }
  if (command.check) {
    process.stdout.write(formatConfigCheck(command.config ?? `--model ${command.model ?? ''}`, parsed, process.env));
    return;
  }
  const { config } = parsed;
  const host = chooseBindHost(command.host, config.general_settings.master_key !== undefined);
  // Workers: the primary has already shown the warnings.
  if (!isClusterWorker()) {
    for (const warning of parsed.warnings) process.stderr.write(`llmux: warning: ${warning}\n`);
    if (config.general_settings.master_key === undefined && !isLoopbackHost(host)) process.stderr.write(openGatewayWarning(host));
  }
  // LiteLLM's --detailed_debug: debug level, which adds request and response metadata to each line.
  const logger = createLogger(command.detailedDebug ? 'debug' : undefined);
  if (command.numWorkers > 1 && !isClusterWorker()) {
    const sharedCounters = resolveRedisTarget(config) !== undefined;
    return runWorkers({ count: command.numWorkers, logger, sharedCounters }).catch((error: unknown) => exitNow(`llmux: ${error instanceof Error ? error.message : String(error)}`));
  }
  const graceMs = (command.shutdownGraceSeconds ?? config.general_settings.shutdown_grace_seconds ?? DEFAULT_SHUTDOWN_GRACE_SECONDS) * 1000;
  // A config file can be re-read (SIGHUP, POST /config/reload); a --model start has none.
  const reload = command.config === undefined ? undefined : createConfigFileReload(command.config, options, config, () => gateway.router);
  const gateway = createGateway({ config, logger, closeGraceMs: graceMs, reloadConfig: reload === undefined || !isClusterWorker() ? reload : reloadEverywhere(reload) });
  let url: string;
  try {
    url = await gateway.listen(command.port, host);
  } catch (error) {
    return closeAndExit(gateway, `llmux: cannot listen on ${host}:${command.port}: ${describeListenError(error)}`);
  }
  const models = gateway.router.modelNames();
  process.stdout.write(`llmux gateway listening on ${url} (bound to ${host}); models: ${models.length > 0 ? models.join(', ') : '(none)'}\n`);
  closeOnSignals(gateway, graceMs);
  if (reload !== undefined) reloadOnSignals(reload);
  else process.on('SIGHUP', () => process.stderr.write('llmux: SIGHUP ignored: started with --model, there is no config file to re-read\n'));
}

function describeListenError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return 'the address is already in use (EADDRINUSE): stop the other process or choose another --port';
  if (code === 'EACCES') return 'permission denied (EACCES): ports below 1024 need privileges; choose another --port';
  if (code === 'EADDRNOTAVAIL') return 'this machine has no such address (EADDRNOTAVAIL): check --host';
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/**
 * The store, Redis clients and the spend worker keep the process alive, which is why a port
 * in use used to hang: close what was opened, for a bounded time, then exit 1.
 */
async function closeAndExit(gateway: Gateway, message: string): Promise<void> {
  process.stderr.write(`${message}\n`);
  const timer = new Promise<void>((resolve) => setTimeout(resolve, FAILED_START_CLOSE_MS).unref());
  await Promise.race([gateway.close().catch(() => undefined), timer]);
  process.exit(1);
}

function exitNow(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function fail(message: string): void {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  process.exitCode = 1;
}
