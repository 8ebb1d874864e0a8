// The try-out in a real browser (R47, R79): `npm start` with no credentials, then headless Chromium
// (Debian's `chromium`, driven by playwright-core) opens the Teams emulator it started and takes one
// modification through its whole life alone, acting as the other demo people with `as <name>`:
// a Draft Proposal asking for Fast Track, the Panel's Fast Track ballot clicked by all five Panel
// members, an objection in the window, the chair's routing to Refinement, a Working Group and its
// confirmed meeting, the Refinement steps, the sufficiency ballot, the Report Stage and the Change
// Board's decision ballot clicked by all five members. The flow is checked on the register's JSON
// (statuses, who voted: SEC_REGISTER_SHOW_VOTES), not on the bot's wording; the screenshots of each
// step are saved in docs/ (the README's "Try it" shows them). Without Chromium the test fails.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorUrl, freePort, root, start, stop, until, type Started } from '../start/spawn.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const WAIT = 30_000;
const shot = (n: number, name: string) => join(root, 'docs', `try-it-${n}-${name}.png`);

/** The demo people's names (adapters/teams/local.ts): Alex is the person at the keyboard. */
const PANEL = ['Megan', 'Adele', 'Isaiah', 'Patti'];
const EVERYONE = ['Alex Wilber', 'Megan Bowen', 'Adele Vance', 'Isaiah Langer', 'Patti Fernandez'];

/** Types one line into the open conversation's message box and sends it. */
async function say(page: Page, line: string): Promise<void> {
  await page.locator('[data-lexical-editor="true"]').last().click();
  await page.keyboard.insertText(line);
  await page.keyboard.press('Enter');
}

async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const end = Date.now() + WAIT;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Sends a line and waits for a new chat paragraph matching `answer` (its reply or a notice). What is
 * on screen is marked first: the emulator unmounts old messages as new ones arrive, so a count of
 * matching paragraphs can stay level while the answer is shown (seen once in CI, the reply on screen).
 */
async function ask(page: Page, line: string, answer: RegExp): Promise<void> {
  const paragraphs = page.getByRole('paragraph');
  await paragraphs.evaluateAll((els) => els.forEach((e) => e.setAttribute('data-seen', '')));
  // The line typed shows as a paragraph too: it is not the answer.
  const fresh = paragraphs
    .and(page.locator(':not([data-seen])'))
    .filter({ hasText: answer })
    .filter({ hasNotText: line });
  await say(page, line);
  await poll(
    () => fresh.count(),
    (n) => n > 0,
    `an answer to "${line}" matching ${answer}`,
  );
}

/** Opens a conversation in the emulator's left rail. */
async function open(page: Page, name: string): Promise<void> {
  await page.getByText(name, { exact: true }).first().click();
  await page.locator('[data-lexical-editor="true"]').last().waitFor();
}

/** Switches who Alex acts as, in Personal Chat ("me": Alex again). */
async function actAs(page: Page, name: string): Promise<void> {
  await open(page, 'Personal Chat');
  await ask(page, `sec as ${name}`, name === 'me' ? /Alex Wilber/ : new RegExp(name));
}

/** The innermost element holding a card's title text and its button `name`. */
const cardWith = (page: Page, text: RegExp, button: string): Locator =>
  page
    .locator('div')
    .filter({ hasText: text })
    .filter({ has: page.getByRole('button', { name: button, exact: true }) })
    .last();

/** The next two weekdays at least a week ahead, at 10:00 and 14:00 London (meeting slots). */
function slots(now = new Date()): [string, string] {
  const out: string[] = [];
  for (let d = 7; out.length < 2; d++) {
    const day = new Date(now.getTime() + d * 86_400_000);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    out.push(`${day.toISOString().slice(0, 10)}T${out.length ? '14:00' : '10:00'}`);
  }
  return out as [string, string];
}

interface Decision {
  title: string;
  outcome: string;
  /** Each counted vote once the ballot has closed (SEC_REGISTER_SHOW_VOTES). */
  votes?: { name: string; option: string }[];
  /** While it is open, how many have voted ("2 of 5 voted"): R34 keeps the running split hidden. */
  progress?: string;
}
interface Record {
  ref: string;
  status: string;
  decisions: Decision[];
}

describe('the try-out in the Teams emulator, a whole modification alone (R47, R79)', () => {
  let dir: string;
  let bot: Started;
  let port: number;
  let browser: Browser | undefined;

  /** The modification's public record (the register's JSON), as the web register serves it. */
  const record = async (n = 1): Promise<Record> => {
    const res = await fetch(`http://127.0.0.1:${port}/register/${n}.json`);
    return (await res.json()) as Record;
  };
  const statusIs = (status: string) =>
    poll(record, (r) => r.status === status, `the modification to be ${status}`);
  /** How many have voted on the last ballot titled like `title`: its progress while open, else its votes. */
  const votedSoFar = (r: Record, title: RegExp): number => {
    const d = r.decisions.filter((x) => title.test(x.title)).at(-1);
    const open = /^(\d+) of \d+ voted$/.exec(d?.progress ?? '');
    return open ? Number(open[1]) : (d?.votes?.length ?? 0);
  };
  /** Who voted what on the last ballot titled like `title`, once it has closed. */
  const voters = (r: Record, title: RegExp): string[] =>
    (r.decisions.filter((d) => title.test(d.title)).at(-1)?.votes ?? [])
      .map((v) => `${v.name}: ${v.option.toLowerCase()}`)
      .sort();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'secbot-browser-'));
    port = await freePort();
    bot = start({ DATA_DIR: dir, PORT: String(port), SEC_REGISTER_SHOW_VOTES: 'true' });
    const [b] = await Promise.all([
      // A missing Chromium fails the test itself (below), with the way to install it.
      existsSync(CHROMIUM) ? chromium.launch({ executablePath: CHROMIUM, args: ARGS }) : undefined,
      until(() => emulatorUrl(bot.output()) !== undefined, 90_000, 'the local-mode paragraph').catch(
        (e: Error) => {
          throw new Error(`${e.message}\n${bot.output()}`);
        },
      ),
    ]);
    browser = b;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (bot) await stop(bot);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Fast Track → an objection → routing → a Working Group meeting → the decision ballot, with screenshots', async () => {
    if (!browser)
      throw new Error(
        `${CHROMIUM} is missing: install Chromium (apt-get install -y chromium) to run the browser test`,
      );
    // The welcome paragraph names the way to act as the others (R79).
    expect(bot.output()).toMatch(/"as Megan/);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(WAIT);
    try {
      await walk(page);
    } catch (e) {
      // What the page showed when it failed, for whoever reads the failure.
      mkdirSync(join(root, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: join(root, 'test-artifacts', 'try-it-failed.png') }).catch(() => {});
      throw e;
    }
  }, 300_000);

  async function walk(page: Page): Promise<void> {
    await page.goto(emulatorUrl(bot.output()) as string);
    // The emulator's log panel is for bot developers; the screenshots show the chat.
    await page.getByTitle('Hide log panel').click();

    // 1. Personal Chat is open first; in a 1:1 chat every line is for the bot.
    await ask(page, 'sec help', /as Megan/);
    await ask(
      page,
      'sec raise title="Correct a cross-reference" problem="Section D4.2 cites D3.9, which was deleted" fasttrack',
      /DP001/,
    );
    expect((await record()).status).toBe('draft');
    await page.screenshot({ path: shot(1, 'raise') });

    // 2. Alex is the Panel chair: the Fast Track ballot goes to the Panel (the team's General channel).
    // Each Panel member clicks Approve on the card: Alex, then each other member after "as <name>" in
    // Personal Chat (in a channel the bot hears only @mentions; the switch holds in every chat).
    await ask(page, 'sec panel fasttrack DP001', /DP001/);
    for (const [i, name] of ['me', ...PANEL].entries()) {
      if (name !== 'me') await actAs(page, name);
      await open(page, 'General');
      const card = cardWith(page, /DP001/, 'Approve');
      await card.getByRole('button', { name: 'Approve', exact: true }).click();
      await poll(record, (r) => votedSoFar(r, /Fast Track/) === i + 1, `vote ${i + 1} on the card`);
    }
    await page.screenshot({ path: shot(2, 'fast-track-ballot') });
    await actAs(page, 'me');
    await ask(page, 'sec ballot close DP001', /DP001/);
    const window = await statusIs('fast_track_window');
    expect(voters(window, /Fast Track/)).toEqual(EVERYONE.map((n) => `${n}: approve`).sort());

    // 3. Lynne, a party, objects within the window: the Fast Track ends and the Panel decides the route.
    await open(page, 'Personal Chat');
    await ask(page, 'sec as Lynne object DP001 We rely on the current wording of D4.2', /Lynne Robbins/);
    await statusIs('awaiting_panel');
    await page.screenshot({ path: shot(3, 'objection') });
    // What the chair owes now: routing it, with a button that opens the Route form (R81, R43).
    await ask(page, 'sec mine', /What you owe/);
    const route = cardWith(page, /What you owe/, 'Route').getByRole('button', { name: 'Route', exact: true });
    await route.waitFor({ state: 'visible' });
    expect(await route.count()).toBe(1);
    await page.screenshot({ path: shot(3, 'route-from-mine') });

    // 4. The chair routes it to Refinement under Self-Governance: DP001 becomes MP001.
    await ask(page, 'sec panel route DP001 refinement self-governance', /MP001/);
    expect((await statusIs('refinement')).ref).toBe('MP001');
    await page.screenshot({ path: shot(4, 'routed') });

    // 5. A Working Group, a meeting poll answered on its card and by Megan, then confirmed.
    const [slot1, slot2] = slots();
    await ask(page, 'sec wg form MP001 megan adele isaiah lynne', /MP001/);
    await ask(page, `sec meeting propose MP001 ${slot1} ${slot2}`, /MP001/);
    const poll1 = page.getByRole('button', { name: /slot 1: can attend/i }).last();
    await poll1.click();
    await ask(page, 'sec as Megan available MP001 1 yes', /Megan Bowen/);
    await ask(page, 'sec meeting confirm MP001 1', /MP001/);
    // The confirmed meeting reaches Alex (a member) as a card asking for attendance.
    await page.getByRole('button', { name: 'Attending', exact: true }).last().waitFor();
    await page.screenshot({ path: shot(5, 'meeting') });

    // 6. The Refinement steps, the Working Group Consultation (Lynne responds), the Modification Report,
    // the sufficiency ballot (typed, each member by "as"), the Panel's approval: the Report Stage.
    for (const line of [
      'step MP001 requirements done',
      'step MP001 dcc-pa na no DCC system change',
      'step MP001 legal-text done',
      'step MP001 benefits done',
      'consult open MP001',
      'as Lynne respond MP001 org="Lynne Energy" S0=support',
      'consult close MP001',
      'report MP001 modification https://example.org/mp001/report-v1 items=background,solutions,requirements,legal-text,impacts-costs,implementation,benefits,wg-conclusions,views,dcc-assessment',
      'step MP001 draft-report done',
      'ballot open MP001 sufficiency',
      'vote MP001 sufficient',
      ...PANEL.map((name) => `as ${name} vote MP001 sufficient`),
      'panel approve-report MP001',
    ])
      await ask(page, `sec ${line}`, /MP001/);
    await statusIs('report');
    await ask(page, 'sec consult open MP001', /MP001/);
    await ask(page, 'sec consult close MP001', /MP001/);
    await ask(page, 'sec ballot open MP001 decision', /MP001/);

    // 7. The decision ballot goes to the Change Board group chat: each member clicks Approve there,
    // but the last, who votes from the `mine` card in Personal Chat (R81): that card is drawn again in
    // place, topped by what was recorded (R74), with nothing left to do.
    for (const [i, name] of ['me', ...PANEL].entries()) {
      if (name !== 'me') await actAs(page, name);
      const fromMine = i === PANEL.length;
      if (fromMine) await ask(page, 'sec mine', /What you owe/);
      else await open(page, 'Change Board');
      const card = cardWith(page, /MP001/, 'Approve');
      await card.getByRole('button', { name: 'Approve', exact: true }).click();
      await poll(record, (r) => votedSoFar(r, /decision/i) === i + 1, `vote ${i + 1} on the card`);
      if (fromMine) {
        await page
          .getByText(/Your vote: Approve/)
          .last()
          .waitFor();
        // The same card: what was recorded on top, and nothing left below it.
        const redrawn = page
          .getByText(/Your vote: Approve/)
          .last()
          .locator('xpath=ancestor::*[contains(@class, "ac-adaptiveCard")][1]');
        await redrawn.getByText('You owe nothing right now.').waitFor();
        // Who acted is said once, at the top (R79).
        expect(await redrawn.getByText(/Acting as Patti/).count()).toBe(1);
        await page.screenshot({ path: shot(6, 'vote-from-mine') });
      }
    }
    const approved = await statusIs('approved');
    expect(voters(approved, /decision/i)).toEqual(EVERYONE.map((n) => `${n}: approve`).sort());
    await open(page, 'Change Board');
    await cardWith(page, /MP001/, 'Approve').waitFor({ state: 'detached' });
    await page.screenshot({ path: shot(6, 'decision') });
    await actAs(page, 'me');

    // 8. The register tells the whole life on the web.
    await page.goto(`http://127.0.0.1:${port}/register/MP001`);
    await page.screenshot({ path: shot(7, 'register'), fullPage: true });
  }
});
