// LiteLLM's logging callbacks: `litellm_settings.success_callback`, `failure_callback` and
// `callbacks` (both). Each named sink gets its own bounded batch queue; the request path
// only builds the payload and pushes it. `otel` is tracing (see tracing/); `prometheus`
// is always on; unknown names are reported once at startup.
//
// `default_team_settings` gives a team its own sinks. As in LiteLLM, where a team's callbacks
// are added to the global ones and the team's credentials replace the global credentials of
// a callback it also names: a team's call goes to the team's sinks and to every global sink
// of a name the team does not name (a global `webhook` does not get it when the team has its own).

import type { Logger } from 'pino';
import type { GatewayConfig } from '../../config/gateway-config.js';
import { teamSinkNames, type TeamLoggingSettings } from '../../config/team-logging-settings-schema.js';
import type { GatewayMetrics } from '../metrics/create-gateway-metrics.js';
import { readCaller } from '../read-caller.js';
import type { RequestObserver } from '../request-observer.js';
import { BatchQueue } from './batch-queue.js';
import { createFileSink } from './file-sink.js';
import { createApiBaseLookup } from './safe-api-base.js';
import { buildStandardLoggingPayload, type StandardLoggingPayload } from './standard-logging-payload.js';
import { createWebhookSink, parseHeaderList } from './webhook-sink.js';

/** Names handled elsewhere: not logging sinks. */
const HANDLED_ELSEWHERE = new Set(['otel', 'opentelemetry', 'prometheus']);
const DEFAULT_FILE = './.llmux/callbacks.jsonl';

export interface Callbacks extends RequestObserver {
  close(): Promise<void>;
}

interface Sink {
  name: string;
  queue: BatchQueue<StandardLoggingPayload>;
  onSuccess: boolean;
  onFailure: boolean;
}

type CallbackSettings = Pick<GatewayConfig['litellm_settings'], 'success_callback' | 'failure_callback' | 'callbacks' | 'callback_settings'>;

export function createCallbacks(config: GatewayConfig, logger: Logger, metrics: GatewayMetrics, env: NodeJS.ProcessEnv): Callbacks | undefined {
  const settings = config.litellm_settings;
  const globalSinks = createSinks(settings, logger, metrics, env);
  const teams = new Map((settings.default_team_settings ?? []).map((team) => [team.team_id, createTeamSinks(team, globalSinks, logger, metrics)]));
  const all = [...globalSinks, ...[...teams.values()].flatMap((team) => team.own)];
  if (all.length === 0) return undefined;
  const apiBaseOf = createApiBaseLookup(config.model_list);
  return {
    end(context, status) {
      // Scrapes and probes are not calls; LiteLLM logs model calls only.
      if (context.call.modelGroup === undefined && status < 400) return;
      const failed = status >= 400 || context.call.errorClass !== undefined;
      const teamId = teams.size === 0 ? undefined : readCaller(context).teamId;
      const sinks = (teamId === undefined ? undefined : teams.get(teamId)?.targets) ?? globalSinks;
      let payload: StandardLoggingPayload | undefined;
      for (const sink of sinks) {
        if (!(failed ? sink.onFailure : sink.onSuccess)) continue;
        payload ??= buildStandardLoggingPayload(context, status, apiBaseOf);
        sink.queue.push(payload);
      }
    },
    close: async () => {
      await Promise.all(all.map((sink) => sink.queue.close()));
    },
  };
}

/** A team's own sinks, and where its calls go: those plus the global sinks of other names. */
function createTeamSinks(team: TeamLoggingSettings, globalSinks: Sink[], logger: Logger, metrics: GatewayMetrics): { own: Sink[]; targets: Sink[] } {
  // No environment: GENERIC_LOGGER_ENDPOINT/HEADERS are the global destination and credentials.
  const own = createSinks(team, logger.child({ team_id: team.team_id }), metrics, {});
  const named = teamSinkNames(team);
  // The schema requires each named sink's endpoint or path, so a missing one is a bug, not a config.
  if (own.length !== named.size) throw new Error(`default_team_settings: team ${team.team_id} has a callback without a destination`);
  return { own, targets: [...own, ...globalSinks.filter((sink) => !named.has(sink.name))] };
}

function createSinks(settings: CallbackSettings, logger: Logger, metrics: GatewayMetrics, env: NodeJS.ProcessEnv): Sink[] {
  const success = new Set([...(settings.success_callback ?? []), ...(settings.callbacks ?? [])]);
  const failure = new Set([...(settings.failure_callback ?? []), ...(settings.callbacks ?? [])]);
  const sinks: Sink[] = [];
  for (const name of new Set([...success, ...failure])) {
    if (HANDLED_ELSEWHERE.has(name)) continue;
    const send = createSend(name, settings.callback_settings?.[name] ?? {}, env);
    if (send === undefined) {
      logger.warn(`callback "${name}" is off: unknown name, or generic_api/webhook without GENERIC_LOGGER_ENDPOINT or callback_settings.${name}.endpoint`);
      continue;
    }
    const queue = new BatchQueue<StandardLoggingPayload>({
      send,
      onOutcome: (outcome, count, error) => {
        metrics.countCallback(name, outcome, count);
        if (outcome === 'failed') logger.warn({ callback: name, events: count, err: error }, 'logging callback failed; events dropped');
      },
      ...queueSettings(settings.callback_settings?.[name] ?? {}),
    });
    sinks.push({ name, queue, onSuccess: success.has(name), onFailure: failure.has(name) });
  }
  return sinks;
}

function createSend(name: string, options: Record<string, unknown>, env: NodeJS.ProcessEnv): ((batch: unknown[]) => Promise<void>) | undefined {
  switch (name) {
    case 'generic_api':
    case 'webhook': {
      const endpoint = stringOption(options, 'endpoint') ?? env['GENERIC_LOGGER_ENDPOINT'];
      if (endpoint === undefined) return undefined;
      const headers = { ...parseHeaderList(env['GENERIC_LOGGER_HEADERS']), ...recordOption(options, 'headers') };
      return createWebhookSink({ endpoint, headers });
    }
    case 'file':
      return createFileSink(stringOption(options, 'path') ?? env['LLMUX_CALLBACK_FILE'] ?? DEFAULT_FILE);
    default:
      return undefined;
  }
}

function queueSettings(options: Record<string, unknown>): { batchSize?: number; flushIntervalMs?: number; capacity?: number; maxRetries?: number } {
  const number = (key: string) => (typeof options[key] === 'number' ? (options[key] as number) : undefined);
  const interval = number('flush_interval');
  return {
    ...(number('batch_size') === undefined ? {} : { batchSize: number('batch_size') }),
    ...(interval === undefined ? {} : { flushIntervalMs: interval * 1000 }),
    ...(number('max_queue_size') === undefined ? {} : { capacity: number('max_queue_size') }),
    ...(number('max_retries') === undefined ? {} : { maxRetries: number('max_retries') }),
  };
}

function stringOption(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function recordOption(options: Record<string, unknown>, key: string): Record<string, string> {
  const value = options[key];
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
