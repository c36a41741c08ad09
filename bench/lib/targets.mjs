// The four things measured side by side, each in front of the same static upstream:
// how to start each one, and the request (path, headers, body) each expects for a plain
// completion ('json'), a fast stream ('stream') and a slow stream held open ('slow').

import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chatBody } from './chat-request.mjs';
import { freePort } from './free-port.mjs';
import { startPinned, waitForPort } from './processes.mjs';
import { setUpLlmuxKey } from './set-up-llmux-key.mjs';

const BENCH = fileURLToPath(new URL('..', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UPSTREAM_KEY = 'sk-bench-upstream';
const MASTER_KEY = 'sk-llmux-bench-master';

const plainRequest = (path) => (kind) => ({
  path: kind === 'slow' ? `/slow${path}` : path,
  headers: { authorization: `Bearer ${UPSTREAM_KEY}` },
  body: chatBody('gpt-4o-mini', { stream: kind !== 'json' }),
});

export const TARGETS = [
  {
    id: 'direct',
    label: 'direct upstream',
    // The upstream itself is the "server": its numbers are the rig's ceiling and the baseline.
    start: async ({ upstream }) => ({ proc: upstream.proc, port: upstream.port, own: false }),
    request: plainRequest('/v1/chat/completions'),
  },
  {
    id: 'undici-floor',
    label: 'minimal undici proxy',
    start: async ({ upstream, core, runDir, nodeArgs = [], wrapper = [], startTimeoutMs }) => {
      const port = await freePort();
      const proc = startPinned({
        name: 'minimal undici proxy',
        core,
        ...nodeCommand(wrapper, nodeArgs, [`${BENCH}minimal-proxy.mjs`, '--port', String(port), '--upstream', `http://127.0.0.1:${upstream.port}`]),
        logFile: `${runDir}/undici-floor.log`,
      });
      await waitForPort(port, proc, startTimeoutMs);
      return { proc, port, own: true };
    },
    request: plainRequest('/v1/chat/completions'),
  },
  {
    id: 'llmux',
    label: 'llmux gateway',
    start: async ({
      upstream,
      core,
      runDir,
      nodeArgs = [],
      wrapper = [],
      startTimeoutMs,
      cli = `${ROOT}packages/gateway/bin/llmux.js`,
      extraArgs = [],
      config = `${BENCH}config.yaml`,
    }) => {
      const port = await freePort();
      // A fresh working directory per start, so the embedded store (./.llmux/) starts empty.
      const cwd = `${runDir}/llmux-state-${port}`;
      mkdirSync(cwd, { recursive: true });
      const proc = startPinned({
        name: 'llmux gateway',
        core,
        ...nodeCommand(wrapper, [...launcherFlags(cli), ...nodeArgs], [cli, '--config', config, '--port', String(port), '--host', '127.0.0.1', ...extraArgs]),
        env: {
          LLMUX_BENCH_API_BASE: `http://127.0.0.1:${upstream.port}/v1`,
          LLMUX_BENCH_SLOW_API_BASE: `http://127.0.0.1:${upstream.port}/slow/v1`,
          LLMUX_BENCH_ANTHROPIC_BASE: `http://127.0.0.1:${upstream.port}`,
          LLMUX_BENCH_UPSTREAM_KEY: UPSTREAM_KEY,
        },
        cwd,
        // Request logs stay on at info, as deployed; they go to a file, not a terminal.
        logFile: `${runDir}/llmux-${port}.log`,
      });
      await waitForPort(port, proc, startTimeoutMs);
      const key = await setUpLlmuxKey(port, MASTER_KEY);
      return { proc, port, own: true, features: key.features, apiKey: key.apiKey };
    },
    request: (kind, started) => ({
      path: '/v1/chat/completions',
      headers: { authorization: `Bearer ${started?.apiKey ?? MASTER_KEY}` },
      body: chatBody(kind === 'slow' ? 'gpt-4o-mini-slow' : 'gpt-4o-mini', { stream: kind !== 'json' }),
    }),
  },
  {
    id: 'portkey',
    label: 'Portkey gateway (npm)',
    start: async ({ core, runDir, nodeArgs = [] }) => {
      const port = await freePort();
      const proc = startPinned({
        name: 'Portkey gateway',
        core,
        command: process.execPath,
        args: [...nodeArgs, `${BENCH}node_modules/@portkey-ai/gateway/build/start-server.js`, `--port=${port}`, '--headless'],
        cwd: runDir,
        logFile: `${runDir}/portkey.log`,
      });
      await waitForPort(port, proc);
      return { proc, port, own: true };
    },
    // Portkey routes by headers: provider openai, its base URL pointed at our upstream.
    request: (kind, started, upstream) => ({
      path: '/v1/chat/completions',
      headers: {
        authorization: `Bearer ${UPSTREAM_KEY}`,
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `http://127.0.0.1:${upstream.port}${kind === 'slow' ? '/slow' : ''}/v1`,
      },
      body: chatBody('gpt-4o-mini', { stream: kind !== 'json' }),
    }),
  },
];

/**
 * Node running `script`, optionally under a wrapper such as valgrind (`bench/instructions.mjs`):
 * the wrapper execs node in the same process, so the pid is still the target's.
 */
/**
 * The Node flags on a bin's `#!/usr/bin/env -S node …` line: `npx llmux` starts Node with
 * them, so the bench, which starts `node <bin>`, passes them too (and a --cli checkout's own).
 */
function launcherFlags(bin) {
  const shebang = readFileSync(bin, 'utf8').split('\n', 1)[0];
  const match = /^#!\/usr\/bin\/env -S node((?: --[^\s]+)*)\s*$/.exec(shebang);
  return match === null
    ? []
    : match[1]
        .trim()
        .split(/\s+/)
        .filter((flag) => flag !== '');
}

function nodeCommand(wrapper, nodeArgs, script) {
  if (wrapper.length === 0) return { command: process.execPath, args: [...nodeArgs, ...script] };
  return { command: wrapper[0], args: [...wrapper.slice(1), process.execPath, ...nodeArgs, ...script] };
}

export function startUpstream({ core, runDir, bin }) {
  return freePort().then(async (port) => {
    // Args: port, chunks per fast stream, slow-stream interval (ms), slow-stream chunks.
    const proc = startPinned({ name: 'static upstream', core, command: bin, args: [String(port), '20', '1000', '180'], logFile: `${runDir}/upstream.log` });
    await waitForPort(port, proc);
    return { proc, port };
  });
}
