// Serving the dashboard at /ui: content types, caching, the SPA fallback, path traversal,
// the 503 when it is not built, and /ui/session behind authentication. A small stand-in
// build in a temp folder keeps these tests independent of `vite build`.

import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGateway, parseConfig, type Gateway } from '../src/index.js';
import { createCaptureLogger } from './helpers/capture-logger.js';
import { httpRequest } from './helpers/http-request.js';

const MASTER_KEY = 'sk-master-dashboard-serving';
const INDEX_HTML = '<!doctype html><html><body><div id="root"></div><script type="module" src="/ui/assets/index-abc123.js"></script></body></html>';

async function startGateway(dashboardDirectory: string, home: string): Promise<{ gateway: Gateway; url: string }> {
  const env = { ...process.env, LLMUX_HOME: home };
  const { config } = parseConfig({ model_list: [], general_settings: { master_key: MASTER_KEY } }, 'test config', env);
  const gateway = createGateway({ config, logger: createCaptureLogger().logger, closeGraceMs: 200, env, dashboardDirectory });
  return { gateway, url: await gateway.listen(0, '127.0.0.1') };
}

describe('dashboard serving', () => {
  let root: string;
  let gateway: Gateway;
  let url: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'llmux-ui-'));
    const build = join(root, 'dist');
    mkdirSync(join(build, 'assets'), { recursive: true });
    writeFileSync(join(build, 'index.html'), INDEX_HTML);
    writeFileSync(join(build, 'assets', 'index-abc123.js'), 'console.log("dashboard");');
    writeFileSync(join(build, 'assets', 'index-def456.css'), 'body{margin:0}');
    writeFileSync(join(root, 'secret.txt'), 'outside the build');
    ({ gateway, url } = await startGateway(build, join(root, 'home')));
  });
  after(async () => {
    await gateway.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at /ui and /ui/ without a key, never cached and never framed', async () => {
    for (const path of ['/ui', '/ui/']) {
      const response = await httpRequest(`${url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(response.headers['cache-control'], 'no-cache');
      assert.equal(response.headers['x-frame-options'], 'DENY');
      assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
      assert.equal(response.text, INDEX_HTML);
    }
  });

  it('answers app pages with index.html so reloads and links work (SPA fallback)', async () => {
    for (const path of ['/ui/keys', '/ui/requests', '/ui/some/deep/page']) {
      const response = await httpRequest(`${url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.text, INDEX_HTML);
    }
  });

  it('serves hashed assets with their content type, cached for a year', async () => {
    const script = await httpRequest(`${url}/ui/assets/index-abc123.js`);
    assert.equal(script.status, 200);
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(script.headers['x-content-type-options'], 'nosniff');
    const style = await httpRequest(`${url}/ui/assets/index-def456.css`);
    assert.equal(style.headers['content-type'], 'text/css; charset=utf-8');
  });

  it('answers 404, not the page, for a missing file', async () => {
    const response = await httpRequest(`${url}/ui/assets/gone-000000.js`);
    assert.equal(response.status, 404);
    assert.notEqual(response.text, INDEX_HTML);
  });

  it('never serves files outside the build', async () => {
    for (const path of ['/ui/../secret.txt', '/ui/%2e%2e/secret.txt', '/ui/assets/%2e%2e/%2e%2e/secret.txt', '/ui/%E0%A4%A.txt']) {
      const response = await httpRequest(`${url}${path}`);
      assert.notEqual(response.text, 'outside the build', path);
      assert.notEqual(response.status, 200, path);
    }
  });

  it('refuses other methods under /ui with 405', async () => {
    const response = await httpRequest(`${url}/ui/keys`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 405);
  });

  it('tells the page who is signed in at /ui/session, behind authentication', async () => {
    const anonymous = await httpRequest(`${url}/ui/session`);
    assert.equal(anonymous.status, 401);
    const master = await httpRequest(`${url}/ui/session`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal(master.status, 200);
    assert.deepEqual(master.json, { kind: 'master', user_role: 'proxy_admin', label: 'master key', key_alias: null, key_name: null, user_id: null, team_id: null });
  });
});

describe('dashboard not built', () => {
  it('answers /ui with a 503 that says how to build it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'llmux-ui-missing-'));
    const { gateway, url } = await startGateway(join(root, 'no-dist'), join(root, 'home'));
    try {
      const response = await httpRequest(`${url}/ui/keys`);
      assert.equal(response.status, 503);
      assert.match(response.text, /dashboard is not built.*npm run build/);
      const health = await httpRequest(`${url}/health/liveliness`);
      assert.equal(health.status, 200);
    } finally {
      await gateway.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
