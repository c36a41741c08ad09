// The dashboard end to end in headless Chromium against a real in-process gateway: sign in
// with the master key, create a key with a budget in the UI, call the gateway with that key
// through the official openai client, then find the call in the request log and its spend
// on the overview. Then sign in as that key and see what a non-admin sees.

import * as assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { CALL_COST_USD, DASHBOARD_MASTER_KEY, launchChromium, startDashboardFixture, type DashboardFixture } from './helpers/dashboard-fixture.js';

const EXPECTED_SPEND = `$${CALL_COST_USD.toFixed(6)}`;

async function signIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/ui/`);
  await page.fill('input[name="api-key"]', key);
  await page.click('form.login-form button[type="submit"]');
}

async function openPage(page: Page, label: string): Promise<void> {
  await page.click(`nav.nav a:text-is("${label}")`);
}

/** The spend writer flushes in the background, so the row appears after a refresh or two. */
async function waitForRequestRow(page: Page, requestId: string): Promise<void> {
  const row = page.locator(`tr[data-request-id="${requestId}"]`);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if ((await row.count()) > 0) return;
    await page.waitForTimeout(100);
    await page.click('.page-actions button:text-is("Refresh")');
  }
  throw new Error(`request ${requestId} never appeared in the request log`);
}

/** A key made through the API as the admin, for tests about what the page does with it. */
async function generateKey(url: string, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${url}/key/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DASHBOARD_MASTER_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { key: string }).key;
}

describe('dashboard in Chromium', () => {
  let fixture: DashboardFixture;
  let browser: Browser | string;
  const pageErrors: string[] = [];

  before(async () => {
    browser = await launchChromium();
    if (typeof browser === 'string') {
      console.error(
        `\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n!!! DASHBOARD BROWSER TESTS SKIPPED: ${browser}\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n`,
      );
      return;
    }
    fixture = await startDashboardFixture();
  });
  after(async () => {
    if (typeof browser !== 'string') await browser.close();
    await fixture?.close();
  });

  /** A fresh tab that records script errors and CSP violations, which must never happen. */
  async function newPage(t: TestContext): Promise<Page | undefined> {
    if (typeof browser === 'string') {
      t.skip(`DASHBOARD BROWSER TESTS SKIPPED: ${browser}`);
      return undefined;
    }
    pageErrors.length = 0;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[13]/.test(message.text())) pageErrors.push(message.text());
    });
    return page;
  }

  it('shows the gateway message for a wrong key instead of a blank page', async (t) => {
    const page = await newPage(t);
    if (page === undefined) return;
    await signIn(page, fixture.url, 'sk-not-a-real-key');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /Not allowed \(401\).*Invalid API key/);
    await page.context().close();
  });

  it('signs in, creates a key, sees its call in the request log and its spend on the overview', async (t) => {
    const page = await newPage(t);
    if (page === undefined) return;
    await signIn(page, fixture.url, DASHBOARD_MASTER_KEY);
    await page.getByTestId('session-label').getByText('master key').waitFor();

    await openPage(page, 'Models');
    await page.getByTestId('models-table').getByText('gpt-test', { exact: true }).waitFor();
    await page.getByTestId('readiness').getByText('healthy').waitFor();

    await openPage(page, 'Keys');
    await page.click('.page-actions button:text-is("Create key")');
    const form = page.locator('form[aria-label="Create a key"]');
    await form.locator('input[name="keyAlias"]').fill('e2e-key');
    await form.locator('input[name="models"]').fill('gpt-test');
    await form.locator('input[name="maxBudget"]').fill('5');
    await form.locator('button[type="submit"]').click();
    const secret = ((await page.getByTestId('new-key').textContent()) ?? '').trim();
    assert.match(secret, /^sk-/);
    const keyRow = page.locator('tr[data-key-alias="e2e-key"]');
    await keyRow.waitFor();
    assert.match((await keyRow.textContent()) ?? '', /\$5\.00/);

    const client = new OpenAI({ apiKey: secret, baseURL: `${fixture.url}/v1`, maxRetries: 0 });
    const { data, response } = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    assert.equal(data.choices[0]?.message.content, 'Hello from the fake upstream');
    const requestId = response.headers.get('x-request-id');
    assert.ok(requestId !== null);

    await openPage(page, 'Request log');
    await waitForRequestRow(page, requestId);
    await page.click(`tr[data-request-id="${requestId}"]`);
    const detail = page.getByTestId('request-detail');
    await detail.waitFor();
    const detailText = (await detail.textContent()) ?? '';
    assert.match(detailText, new RegExp(requestId));
    assert.ok(detailText.includes(EXPECTED_SPEND), `detail shows ${EXPECTED_SPEND}: ${detailText}`);

    // Filters: a model that matches nothing empties the table; clearing it brings the row back.
    await page.fill('input[name="filter-model"]', 'no-such-model');
    await page.getByText('No requests match these filters.').waitFor();
    await page.fill('input[name="filter-model"]', 'gpt-test');
    await page.locator(`tr[data-request-id="${requestId}"]`).waitFor();

    await openPage(page, 'Overview');
    await page.getByTestId('total-spend').getByText(EXPECTED_SPEND).waitFor();
    assert.equal(await page.getByTestId('total-requests').textContent(), '1');
    // The spend chart drew exactly one bar (the call's bucket), not just empty axes; empty
    // buckets draw no shape.
    const spendBars = page.locator('[data-testid="spend-chart"] .recharts-bar-rectangle path');
    await spendBars.first().waitFor();
    assert.equal(await spendBars.count(), 1);
    // Top keys by spend: the new key, one request, no errors, the call's cost.
    const topSpender = page.getByTestId('top-spenders').locator('tbody tr').first().locator('td');
    assert.deepEqual(await topSpender.allTextContents(), ['e2e-key', '1', '0', EXPECTED_SPEND]);

    // The deployment served the call without failing, so the Models page calls it healthy.
    await openPage(page, 'Models');
    await page.getByTestId('deployment-health').getByText('healthy', { exact: true }).waitFor();

    assert.deepEqual(pageErrors, []);
    await page.context().close();
  });

  it('edits, blocks, unblocks and deletes a key from the Keys page', async (t) => {
    const page = await newPage(t);
    if (page === undefined) return;
    const secret = await generateKey(fixture.url, { key_alias: 'ops-key', max_budget: 1 });
    await signIn(page, fixture.url, DASHBOARD_MASTER_KEY);
    await openPage(page, 'Keys');
    const row = page.locator('tr[data-key-alias="ops-key"]');
    await row.waitFor();

    await row.locator('button:text-is("Edit")').click();
    const form = page.locator('form[aria-label="Edit ops-key"]');
    await form.locator('input[name="maxBudget"]').fill('7.5');
    await form.locator('input[name="rpmLimit"]').fill('42');
    await form.locator('button[type="submit"]').click();
    await row.getByText('$7.50', { exact: false }).waitFor();
    await row.getByText('42 /', { exact: false }).waitFor();

    await row.locator('button:text-is("Block")').click();
    await row.getByText('blocked', { exact: true }).waitFor();
    const client = new OpenAI({ apiKey: secret, baseURL: `${fixture.url}/v1`, maxRetries: 0 });
    await assert.rejects(client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] }), { status: 401 });
    await row.locator('button:text-is("Unblock")').click();
    await row.getByText('active', { exact: true }).waitFor();
    await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });

    page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('button:text-is("Delete")').click();
    await row.waitFor({ state: 'detached' });
    await assert.rejects(client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] }), { status: 401 });
    assert.deepEqual(pageErrors, []);
    await page.context().close();
  });

  it('shows a virtual key only what its role allows', async (t) => {
    const page = await newPage(t);
    if (page === undefined) return;
    const viewerKey = await generateKey(fixture.url, { key_alias: 'viewer-key' });
    await signIn(page, fixture.url, viewerKey);
    await page.getByTestId('session-label').getByText('viewer-key').waitFor();
    assert.equal(await page.locator('nav.nav a:text-is("Users")').count(), 0);
    assert.equal(await page.locator('nav.nav a:text-is("Audit log")').count(), 0);
    // Typed into the address bar anyway, the page explains the 403 rather than going blank.
    await page.goto(`${fixture.url}/ui/users`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /Not allowed \(403\)/);

    // Blocked mid-session: the next page says so and offers to sign in again.
    const blocked = await fetch(`${fixture.url}/key/block`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DASHBOARD_MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: viewerKey }),
    });
    assert.equal(blocked.status, 200);
    await openPage(page, 'Keys');
    await page.getByRole('alert').getByText('Not allowed (401)').waitFor();
    await page.click('button:text-is("Sign in with another key")');
    await page.locator('input[name="api-key"]').waitFor();
    assert.deepEqual(pageErrors, []);
    await page.context().close();
  });
});
