// An A/B of two gateway configs in one process, for what one feature costs on the chat path:
// both gateways (from source) over one fake OpenAI upstream, driven in alternating rounds by
// undici at a fixed concurrency; prints the median requests/s and the process's CPU µs per
// request of each. Client and upstream are the same in both, so the difference is the
// feature; everything shares the machine, so compare the two rows of one run only.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { startFakeOpenAIUpstream } from '@llmux/fake-upstreams';
import { createGateway, parseConfig } from '../../packages/gateway/src/index.ts';
import { createLogger } from '../../packages/gateway/src/logging/create-logger.ts';

export const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/**
 * `variants`: label → the config fields added to a one-deployment `gpt` model list.
 * `nextBody()`: the JSON of the next request. `check(label, response)`: throws on a wrong reply.
 */
export async function runGatewayAB({ variants, nextBody, check = () => undefined, rounds, seconds, concurrency }) {
  // Each gateway's embedded store in a temp folder, never the working directory's .llmux.
  const home = mkdtempSync(join(tmpdir(), 'llmux-bench-ab-'));
  const upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'Waves fold into light', usage: { promptTokens: 20, completionTokens: 5 } }) });
  const targets = {};
  for (const [label, fields] of Object.entries(variants)) {
    const document = { model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-x' } }], ...fields };
    const env = { ...process.env, LLMUX_HOME: join(home, label.replace(/\W/g, '-')) };
    const gateway = createGateway({ config: parseConfig(document, 'bench', env).config, logger: createLogger('error'), env });
    targets[label] = { gateway, url: await gateway.listen(0, '127.0.0.1') };
  }
  const agent = new Agent({ connections: concurrency });
  const round = async (label) => {
    let done = 0;
    const until = performance.now() + seconds * 1000;
    const cpu = process.cpuUsage();
    const worker = async () => {
      while (performance.now() < until) {
        const response = await request(`${targets[label].url}/v1/chat/completions`, {
          method: 'POST',
          body: nextBody(),
          headers: { 'content-type': 'application/json' },
          dispatcher: agent,
        });
        await response.body.text();
        if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
        check(label, response);
        done += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const used = process.cpuUsage(cpu);
    return { rps: done / seconds, cpuUsPerRequest: (used.user + used.system) / done };
  };
  const labels = Object.keys(variants);
  const results = Object.fromEntries(labels.map((label) => [label, []]));
  for (let index = 0; index < rounds; index += 1) {
    for (const label of index % 2 === 0 ? labels : [...labels].reverse()) results[label].push(await round(label));
  }
  const width = Math.max(...labels.map((label) => label.length)) + 1;
  for (const [label, list] of Object.entries(results)) {
    const rps = median(list.map((one) => one.rps)).toFixed(0);
    const cpu = median(list.map((one) => one.cpuUsPerRequest)).toFixed(1);
    process.stdout.write(`${label.padEnd(width)} ${rps.padStart(6)} req/s  ${cpu.padStart(7)} CPU µs/request (median of ${rounds})\n`);
  }
  await Promise.all([...Object.values(targets).map((target) => target.gateway.close()), upstream.close(), agent.close()]);
  rmSync(home, { recursive: true, force: true });
}
