// The newcomer's minute, in a real browser: `npm start` with no credentials, then
// headless Chromium (Debian's `chromium`, driven by playwright-core) opens the Teams emulator it
// started, asks for help in the personal chat, raises a Draft Proposal asking for Fast Track, opens the
// Panel's Fast Track ballot as the chair (the demo user holds every role), and clicks Approve on the
// ballot card the bot posted to the Panel channel: the card answers with its new progress. A screenshot
// is kept in test-artifacts/teams-emulator.png. Nothing is skipped: without Chromium the test fails.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorUrl, freePort, root, start, stop, until, type Started } from '../start/spawn.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const SCREENSHOT = join(root, 'test-artifacts', 'teams-emulator.png');
const WAIT = 20_000;

/** Types one line into the open conversation's message box and sends it. */
async function say(page: Page, line: string): Promise<void> {
  await page.locator('[data-lexical-editor="true"]').last().click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** A chat message (a paragraph) containing this text. */
const message = (page: Page, text: string) => page.getByRole('paragraph').filter({ hasText: text }).first();

describe('the Teams emulator in a browser, from npm start (issue 5 item 7)', () => {
  let dir: string;
  let bot: Started;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'secbot-browser-'));
    bot = start({ DATA_DIR: dir, PORT: String(await freePort()) });
    const [b] = await Promise.all([
      // A missing Chromium fails the test itself (below), with the way to install it.
      existsSync(CHROMIUM) ? chromium.launch({ executablePath: CHROMIUM, args: ARGS }) : undefined,
      until(() => emulatorUrl(bot.output()) !== undefined, 45_000, 'the local-mode paragraph').catch(
        (e: Error) => {
          throw new Error(`${e.message}\n${bot.output()}`);
        },
      ),
    ]);
    browser = b;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (bot) await stop(bot);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('R47 help, a DP raised, a Fast Track ballot opened and a vote clicked: the card updates', async () => {
    if (!browser)
      throw new Error(
        `${CHROMIUM} is missing: install Chromium (apt-get install -y chromium) to run the browser test`,
      );
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(WAIT);
    await page.goto(emulatorUrl(bot.output()) as string);

    // Personal Chat is open first; in a 1:1 chat every line is for the bot.
    await say(page, 'sec help');
    await message(page, 'Topics: help voting').waitFor();

    await say(
      page,
      'sec raise title="Correct a cross-reference" problem="D3.4 points at a deleted paragraph" fasttrack',
    );
    await message(page, 'DP001 raised: "Correct a cross-reference"').waitFor();

    // Alex is also the Panel chair: the Fast Track ballot card goes to the Panel (the team's General channel).
    await say(page, 'sec panel fasttrack DP001');
    await message(page, 'Opened the Panel Fast Track ballot on DP001').waitFor();
    await page.getByText('General', { exact: true }).click();

    const approve = page.getByRole('button', { name: 'Approve', exact: true });
    // The innermost element holding both the title and the button is the card.
    const card = page
      .locator('div')
      .filter({ hasText: 'Panel Fast Track ballot: DP001' })
      .filter({ has: approve })
      .last();
    const before =
      '0 of 5 voted; waiting for Adele Vance, Alex Wilber, Isaiah Langer, Megan Bowen, Patti Fernandez';
    await card.getByText(before, { exact: true }).waitFor();

    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    const after = '1 of 5 voted; waiting for Adele Vance, Isaiah Langer, Megan Bowen, Patti Fernandez';
    await card.getByText(after, { exact: true }).waitFor();
    expect(await card.getByText(before, { exact: true }).count()).toBe(0);
    // Still open: Alex may change the vote until the chair closes it.
    expect(await card.getByRole('button', { name: 'Reject', exact: true }).isVisible()).toBe(true);

    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  }, 75_000);
});
