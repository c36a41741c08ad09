// The rows of the unpinned rig (bench/unpinned.mjs): each a server and the request wrk sends
// it, grouped by scenario; the first row of a scenario is its floor. Servers are started
// once and shared by the rows that name them.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chatBody, messagesBody } from './chat-request.mjs';
import { freePort } from './free-port.mjs';
import { startPinned, waitForPort } from './processes.mjs';
import { TARGETS } from './targets.mjs';

const BENCH = fileURLToPath(new URL('..', import.meta.url));
const UPSTREAM_KEY = 'sk-bench-upstream';
const MASTER_KEY = 'sk-llmux-bench-master';
/** Events in one stream of the static upstream: 20 chunks, the usage chunk and [DONE]. */
export const EVENTS_PER_STREAM = 22;

const target = (id) => TARGETS.find((candidate) => candidate.id === id);

/** Servers by id: how to start each, unpinned (`cores` is every core). */
export const SERVERS = {
  'parsing-floor': ({ upstream, cores, runDir }) => startScript('parsing-proxy.mjs', 'parsing floor', { upstream, cores, runDir }),
  'undici-floor': ({ upstream, cores, runDir }) => target('undici-floor').start({ upstream, core: cores, runDir }),
  llmux: ({ upstream, cores, runDir, nodeArgs, cli }) => target('llmux').start({ upstream, core: cores, runDir, nodeArgs, cli }),
  // The same gateway with chat passthrough off: the translated path, measured in the same run.
  'llmux-translated': ({ upstream, cores, runDir, nodeArgs, cli }) =>
    target('llmux').start({ upstream, core: cores, runDir, config: writeTranslatedConfig(runDir), nodeArgs, cli }),
  portkey: ({ cores, runDir }) => target('portkey').start({ core: cores, runDir }),
};

const floorChat = (stream) => () => ({ path: '/v1/chat/completions', headers: { authorization: `Bearer ${UPSTREAM_KEY}` }, body: chatBody('gpt-4o-mini', { stream }) });
const llmuxChat = (stream) => (started) => ({
  path: '/v1/chat/completions',
  headers: { authorization: `Bearer ${started.apiKey ?? MASTER_KEY}` },
  body: chatBody('gpt-4o-mini', { stream }),
});

/** scenario, row label, server id, request(started, upstream). */
export const ROWS = [
  { scenario: 'chat', label: 'parsing floor', server: 'parsing-floor', request: floorChat(false) },
  { scenario: 'chat', label: 'llmux (passthrough)', server: 'llmux', request: llmuxChat(false) },
  { scenario: 'chat', label: 'llmux (translated)', server: 'llmux-translated', request: llmuxChat(false) },
  { scenario: 'chat', label: 'Portkey', server: 'portkey', request: (started, upstream) => target('portkey').request('json', started, upstream) },
  {
    scenario: 'messages',
    label: 'parsing floor',
    server: 'parsing-floor',
    request: () => ({ path: '/v1/messages', headers: { authorization: `Bearer ${UPSTREAM_KEY}` }, body: messagesBody('claude-sonnet-4-5-20250929') }),
  },
  {
    scenario: 'messages',
    label: 'llmux (passthrough)',
    server: 'llmux',
    request: (started) => ({ path: '/v1/messages', headers: { 'x-api-key': started.apiKey ?? MASTER_KEY, 'anthropic-version': '2023-06-01' }, body: messagesBody('claude-bench') }),
  },
  { scenario: 'chat stream', label: 'minimal proxy', server: 'undici-floor', request: floorChat(true) },
  { scenario: 'chat stream', label: 'llmux (passthrough)', server: 'llmux', request: llmuxChat(true) },
  { scenario: 'chat stream', label: 'llmux (translated)', server: 'llmux-translated', request: llmuxChat(true) },
];

/** For the pinned placement: the JSON scenarios' floor is the minimal proxy (bytes forwarded unparsed), as in bench/run.mjs. */
export function withPassthroughFloor(row) {
  return row.server === 'parsing-floor' ? { ...row, label: 'minimal proxy', server: 'undici-floor' } : row;
}

/** `<server>@<checkout>`: an llmux server started from another checkout's build (an A/B of two builds). */
const BASELINE_SEPARATOR = '@';

/** `rows`, each llmux row followed by the same row on `baseline`'s build (none when undefined). */
export function withBaseline(rows, baseline) {
  if (baseline === undefined) return rows;
  return rows.flatMap((row) =>
    row.server.startsWith('llmux') ? [row, { ...row, label: `${row.label}, baseline`, server: `${row.server}${BASELINE_SEPARATOR}${baseline}` }] : [row],
  );
}

/** Starts a server of SERVERS by id, `<id>@<checkout>` from that checkout's built CLI. */
export function startServer(id, options) {
  const at = id.indexOf(BASELINE_SEPARATOR);
  if (at === -1) return SERVERS[id](options);
  const cli = `${id.slice(at + 1).replace(/\/$/, '')}/packages/gateway/bin/llmux.js`;
  return SERVERS[id.slice(0, at)]({ ...options, cli });
}

/** The bench config with chat passthrough off (general_settings.chat_passthrough: false), written into `dir`. */
export function writeTranslatedConfig(dir) {
  const config = `${dir}/config-translated.yaml`;
  writeFileSync(config, `${readConfig()}\n  chat_passthrough: false\n`);
  return config;
}

function readConfig() {
  // general_settings is the config's last section: the line appended goes into it.
  return readFileSync(`${BENCH}config.yaml`, 'utf8')
    .replace(/\n# Virtual keys are not config[\s\S]*$/, '')
    .trimEnd();
}

async function startScript(script, name, { upstream, cores, runDir }) {
  const port = await freePort();
  const proc = startPinned({
    name,
    core: cores,
    command: process.execPath,
    args: [`${BENCH}${script}`, '--port', String(port), '--upstream', `http://127.0.0.1:${upstream.port}`],
    logFile: `${runDir}/${script.replace('.mjs', '')}.log`,
  });
  await waitForPort(port, proc);
  return { proc, port, own: true };
}
