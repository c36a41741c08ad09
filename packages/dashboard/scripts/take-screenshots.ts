// Takes the README's screenshots of the dashboard: starts a gateway with a fake upstream,
// fills it with keys, teams, users and calls through the management API, and photographs
// each page in headless Chromium. Run by hand from the repository root:
//   node --conditions=llmux-source --import tsx packages/dashboard/scripts/take-screenshots.ts

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { Page } from 'playwright-core';
import { DASHBOARD_MASTER_KEY, launchChromium, startDashboardFixture } from '../../gateway/test/helpers/dashboard-fixture.js';

const OUTPUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

async function main(): Promise<void> {
  const browser = await launchChromium();
  if (typeof browser === 'string') throw new Error(browser);
  const fixture = await startDashboardFixture();
  try {
    const keys = await seed(fixture.url);
    await makeCalls(fixture.url, keys);
    // Let the spend writer flush the calls' rows.
    await new Promise((resolve) => setTimeout(resolve, 500));
    mkdirSync(OUTPUT, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(`${fixture.url}/ui/`);
    await shoot(page, 'login');
    await page.fill('input[name="api-key"]', DASHBOARD_MASTER_KEY);
    await page.click('form.login-form button[type="submit"]');
    await page.getByTestId('session-label').waitFor();
    for (const [label, name] of [
      ['Overview', 'overview'],
      ['Keys', 'keys'],
      ['Teams', 'teams'],
      ['Users', 'users'],
      ['Models', 'models'],
      ['Audit log', 'audit-log'],
      ['Request log', 'request-log'],
    ] as const) {
      await page.click(`nav.nav a:text-is("${label}")`);
      await page.waitForLoadState('networkidle');
      await shoot(page, name);
    }
    const firstRow = page.locator('tr[data-request-id]').first();
    if ((await firstRow.count()) > 0) {
      await firstRow.click();
      await page.getByTestId('request-detail').scrollIntoViewIfNeeded();
      await shoot(page, 'request-detail');
    }
    await page.click('nav.nav a:text-is("Keys")');
    await page.click('.page-actions button:text-is("Create key")');
    await shoot(page, 'create-key');
  } finally {
    await browser.close();
    await fixture.close();
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  // Charts animate in and tables load asynchronously; a short settle keeps the shots complete.
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${OUTPUT}${name}.png`, fullPage: true });
  console.log(`wrote docs/screenshots/${name}.png`);
}

/** POSTs to the management API as the admin; a route that is missing is reported, not fatal. */
async function admin(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${DASHBOARD_MASTER_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) console.warn(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function seed(url: string): Promise<string[]> {
  await admin(url, '/team/new', { team_id: 'team-search', team_alias: 'Search', max_budget: 50, rpm_limit: 600 });
  await admin(url, '/team/new', { team_id: 'team-support', team_alias: 'Support bot', max_budget: 10 });
  await admin(url, '/user/new', { user_id: 'ada', user_email: 'ada@example.com', user_role: 'internal_user', max_budget: 20, teams: ['team-search'] });
  await admin(url, '/user/new', { user_id: 'grace', user_email: 'grace@example.com', user_role: 'proxy_admin_viewer' });
  const specs = [
    { key_alias: 'search-backend', team_id: 'team-search', max_budget: 25, rpm_limit: 300, models: ['gpt-test'] },
    { key_alias: 'support-bot', team_id: 'team-support', max_budget: 0.0005, budget_duration: '30d' },
    { key_alias: 'ada-notebook', user_id: 'ada', max_budget: 5, tpm_limit: 20000 },
  ];
  const keys: string[] = [];
  for (const spec of specs) {
    const created = await admin(url, '/key/generate', spec);
    if (typeof created['key'] === 'string') keys.push(created['key']);
  }
  return keys;
}

async function makeCalls(url: string, keys: readonly string[]): Promise<void> {
  for (const [index, key] of keys.entries()) {
    const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
    for (let call = 0; call < 3 + index * 2; call += 1) {
      const content = call === 2 ? 'please fail' : `question ${call}`;
      await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content }] }).catch(() => undefined);
    }
  }
}

await main();
