// An in-process gateway on 127.0.0.1:0 built from a config document, with captured logs.
// Its embedded store lives in a temp folder (LLMUX_HOME), removed on close, unless the
// env names one.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, parseConfig, type Gateway, type GatewayOptions } from '../../src/index.js';
import { createCaptureLogger, type CapturedLogger } from './capture-logger.js';

export interface TestGateway {
  url: string;
  gateway: Gateway;
  logs: CapturedLogger;
  close(): Promise<void>;
}

export async function startTestGateway(
  document: unknown,
  env: NodeJS.ProcessEnv = { ...process.env },
  options: Partial<Omit<GatewayOptions, 'config'>> = {},
): Promise<TestGateway> {
  const { config } = parseConfig(document, 'test config', env);
  const logs = createCaptureLogger();
  const home = env['LLMUX_HOME'] === undefined ? mkdtempSync(join(tmpdir(), 'llmux-gateway-')) : undefined;
  const gateway = createGateway({ config, logger: logs.logger, closeGraceMs: 200, env: home === undefined ? env : { ...env, LLMUX_HOME: home }, ...options });
  const url = await gateway.listen(0, '127.0.0.1');
  return {
    url,
    gateway,
    logs,
    close: async () => {
      await gateway.close();
      if (home !== undefined) rmSync(home, { recursive: true, force: true });
    },
  };
}
