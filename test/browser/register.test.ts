// R85: the register as people use it, in a real browser (Debian's Chromium driven by playwright-core), on
// both databases: the list and a modification page show what they should, keyboard and form work with
// JavaScript off, hostile titles stay text (no script runs, no element appears), the link the bot sends
// opens the register and survives moving around it, and an accessibility scan (axe-core) finds no
// serious or critical violation. Screenshots of the register and of a timeline go into docs/ for the
// README (taken on PGlite only, so one run writes them once).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase } from '../support/databases.ts';
import { HOSTILE_TITLE, NOW, buildWorld } from '../support/register-world.ts';
import type { WebServer } from '../support/web-server.ts';
import { startWebServer } from '../support/web-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const DOCS = join(import.meta.dirname, '..', '..', 'docs');

let browser: Browser | undefined;
beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Chromium (apt-get install -y chromium) to run the browser test`,
    );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** The serious and critical findings of an axe-core scan, as `rule: target` lines (empty is the goal). */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

eachDatabase('R85 the register in Chromium', (db) => {
  let open: WebServer;
  let signed: WebServer;
  let context: BrowserContext;
  const dialogs: string[] = [];
  beforeAll(async () => {
    open = await startWebServer(db.store, { now: NOW, web: { public: true } });
    signed = await startWebServer(db.store, { now: NOW });
    await buildWorld(open.engine);
    context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 900 } });
    context.on('page', (p) => p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss())));
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await Promise.all([open?.close(), signed?.close()]);
  });

  it('R82 R85 the list: its rows, a filter, and no serious accessibility violation', async () => {
    const page = await context.newPage();
    await page.goto(`${open.url}/register`);
    await expect.poll(() => page.title()).toBe('Modification Register');
    const rows = page.locator('table.register tbody tr');
    expect(await rows.count()).toBe(5);
    expect(await rows.nth(4).locator('th').innerText()).toBe('MP001');
    expect(await rows.nth(4).innerText()).toContain('Alice Proposer');
    expect(await page.getByRole('columnheader', { name: 'Next deadline' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    if (db.target.name === 'PGlite') {
      mkdirSync(DOCS, { recursive: true });
      await page.screenshot({ path: join(DOCS, 'register.png'), fullPage: true });
    }
    await page.close();
  });

  it('R82 R85 a modification page: timeline drawn, its text alternative, tallies; no serious violation', async () => {
    const page = await context.newPage();
    await page.goto(`${open.url}/register/MP001`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('MP001: Faster switching');
    const timeline = page.getByRole('img', { name: 'Timeline on a Working-Day axis' });
    expect(await timeline.count()).toBe(1);
    const box = await timeline.boundingBox();
    expect(box?.width).toBeGreaterThan(600);
    expect(await page.locator('svg.timeline rect').count()).toBe(10);
    expect(await page.getByRole('heading', { name: 'Change Board decision ballot: Passed' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: /Proposed Solution: passed/ }).count()).toBe(2);
    await page.getByText('The timeline in words').click();
    expect(
      await page
        .locator('details li')
        .getByText(/^Refinement: Thu 21 Jan 2027, 10:00 to /)
        .isVisible(),
    ).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    if (db.target.name === 'PGlite') {
      await page.screenshot({ path: join(DOCS, 'register-modification.png'), fullPage: true });
      await timeline.screenshot({ path: join(DOCS, 'register-timeline.png') });
    }
    await page.close();
  });

  it('R44 R85 hostile text is shown as text: no script, no image, no dialog, no javascript: link', async () => {
    const page = await context.newPage();
    await page.goto(`${open.url}/register/DP004`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`DP004: ${HOSTILE_TITLE}`);
    expect(await page.locator('main script, main img, a[href^="javascript"]').count()).toBe(0);
    expect(await page.getByText('<img src=x onerror=alert(1)> & "quotes"').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${open.url}/register?q=script`);
    expect(await page.locator('table.register tbody tr').count()).toBe(1);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('R82 without JavaScript: the filter form and the keyboard work', async () => {
    const noJs = await (browser as Browser).newContext({ javaScriptEnabled: false });
    try {
      const page = await noJs.newPage();
      await page.goto(`${open.url}/register`);
      await page.getByLabel('Status').selectOption('open');
      await page.getByLabel('Reference or title contains').fill('meter');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/status=open/);
      expect(await page.locator('table.register tbody tr th').allInnerTexts()).toEqual(['MP003']);
      // Keyboard: the first Tab reaches the skip link, Enter follows a focused row link.
      await page.goto(`${open.url}/register`);
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').innerText()).toBe('Skip to the content');
      await page.getByRole('link', { name: 'MP003' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/register\/MP003$/);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('MP003: Meter read windows');
    } finally {
      await noJs.close();
    }
  });

  it('R83 the link the bot sends opens the register and keeps working page to page; a tampered one is refused', async () => {
    const asked = await signed.engine.ask('register', 'bob@example.org', NOW, {
      platform: 'slack',
      privately: true,
    });
    const link = /(http:\/\/\S+)/.exec(asked.reply)?.[1] as string;
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('link', { name: 'DP002' }).click();
    await page.waitForURL(/\/register\/DP002\?key=/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'DP002: Rename the Technical Sub-Committee',
    );
    await page.getByRole('link', { name: 'Back to the register' }).click();
    await page.getByLabel('Status').selectOption('withdrawn');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/status=withdrawn/);
    expect(await page.locator('table.register tbody tr th').allInnerTexts()).toEqual(['DP005']);
    const refused = await page.goto(
      link.replace(/key=(\d+)\./, (_, exp: string) => `key=${Number(exp) + 1}.`),
    );
    expect(refused?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('This link does not work');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
