// An in-process gateway on 127.0.0.1:0 built from a config document, with captured logs.

import { createGateway, parseConfig, type Gateway } from '../../src/index.js';
import { createCaptureLogger, type CapturedLogger } from './capture-logger.js';

export interface TestGateway {
  url: string;
  gateway: Gateway;
  logs: CapturedLogger;
  close(): Promise<void>;
}

export async function startTestGateway(document: unknown, env: NodeJS.ProcessEnv = { ...process.env }): Promise<TestGateway> {
  const { config } = parseConfig(document, 'test config', env);
  const logs = createCaptureLogger();
  const gateway = createGateway({ config, logger: logs.logger, closeGraceMs: 200 });
  const url = await gateway.listen(0, '127.0.0.1');
  return { url, gateway, logs, close: () => gateway.close() };
}
