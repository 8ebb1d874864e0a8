// R82 R66 R31 R73: the register's rows: a merged modification names the one it went into by its reference
// now, a Fast Track modification shows its route, a reference typed without its leading zeros finds it,
// the CSV gives London times with their offset, and "Last change" is the newest line of the history.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase } from '../support/databases.ts';
import { playScript } from '../support/register-world.ts';
import type { WebServer } from '../support/web-server.ts';
import { startWebServer } from '../support/web-server.ts';

/**
 * DP002 merged into DP001, which then became MP001; DP003 raised by the Panel chair for Fast Track and in
 * its objection window; DP004 left alone while its SECAS deadline, reminder and all, passed.
 */
const SCRIPT = `
people:
alice alice@example.org "Alice Proposer" party
bob   bob@example.org   "Bob Party" party
sam   sam@example.org   "Sam Secretariat" secas
chair chair@example.org "Hal Chair" panel_chair
cb1   cb1@example.org   "Carys Board" change_board
pm1   pm1@example.org   "Ines Panel" panel
pm2   pm2@example.org   "Jon Panel" panel
pm3   pm3@example.org   "Kay Panel" panel
pm4   pm4@example.org   "Lou Panel" panel

2027-05-03T09:00 alice raise title="Survivor" problem="P1"
2027-05-03T09:10 bob raise title="Absorbed" problem="P2"
2027-05-04T10:00 sam iar DP001 impacts="x" route=development dcc=no
2027-05-04T10:01 sam views open DP001
2027-05-04T10:02 sam views close DP001
2027-05-04T10:03 chair panel route DP001 development
2027-05-05T10:00 sam merge DP002 into DP001
2027-05-06T10:00 sam report DP001 development https://example.org/dev
2027-05-06T11:00 alice proceed DP001
2027-05-07T10:00 chair panel route DP001 refinement self-governance

2027-05-10T12:00 chair panel raise-fasttrack title="Rename the Technical Sub-Committee" problem="It was renamed"
2027-05-10T12:05 chair panel fasttrack DP003 implement=2027-09-01
2027-05-10T12:10 chair vote DP003 approve
2027-05-10T12:11 pm1 vote DP003 approve
2027-05-10T12:12 pm2 vote DP003 approve
2027-05-10T12:13 pm3 vote DP003 approve
2027-05-10T12:14 pm4 vote DP003 approve
2027-05-10T13:00 chair ballot close DP003

2027-05-11T09:00 bob raise title="Quiet one" problem="P4"
advance 2027-05-25T09:00
`;

const NOW = new Date('2027-05-25T11:00:00Z');

type Row = { ref: string; stage: string; route: string | null; lastChangeText: string };

eachDatabase('R82 the register rows', (db) => {
  let web: WebServer;
  const rows = async (query = ''): Promise<Row[]> =>
    (JSON.parse((await web.get(`/register.json${query}`)).text) as { modifications: Row[] }).modifications;
  beforeAll(async () => {
    web = await startWebServer(db.store, { now: NOW, web: { public: true } });
    await playScript(web.engine, SCRIPT, 'register-rows');
  }, 120_000);
  afterAll(async () => {
    await web?.close();
  });

  it('R82 a merged modification names the one it went into by its reference now (MP once promoted)', async () => {
    const dp002 = (await rows()).find((r) => r.ref === 'DP002');
    expect(dp002?.stage).toBe('Merged into MP001');
    const list = (await web.get('/register')).text;
    expect(list).toContain('Merged into MP001');
    expect(list).not.toContain('Merged into DP001');
    const page = (await web.get('/register/DP002')).text;
    expect(page).toContain('<dt>Now</dt><dd>Merged into MP001</dd>');
    expect(page).toContain('Merged into <a href="/register/MP001">MP001</a>');
  });

  it('R82 a Fast Track modification shows the Fast Track route; one not yet routed shows none', async () => {
    const byRef = Object.fromEntries((await rows()).map((r) => [r.ref, r.route]));
    expect(byRef).toEqual({ DP004: null, DP003: 'Fast Track', DP002: null, MP001: 'Refinement' });
    expect((await web.get('/register/DP003')).text).toContain('<dt>Route</dt><dd>Fast Track</dd>');
  });

  it('R66 a reference without its leading zeros finds the modification; an MP reference only an MP', async () => {
    const refs = async (q: string) => (await rows(`?q=${q}`)).map((r) => r.ref);
    expect(await refs('MP1')).toEqual(['MP001']);
    expect(await refs('mp1')).toEqual(['MP001']);
    expect(await refs('dp1')).toEqual(['MP001']);
    expect(await refs('DP3')).toEqual(['DP003']);
    expect(await refs('dp0003')).toEqual(['DP003']);
    expect(await refs('MP3')).toEqual([]);
    expect(await refs('mp001')).toEqual(['MP001']);
    const html = (await web.get('/register?q=dp3')).text;
    expect(html).toContain('Showing 1 to 1 of 1.');
  });

  it('R31 the CSV gives each time in London with its offset, still machine-readable', async () => {
    const csv = (await web.get('/register.csv')).text;
    const dp003 = csv.split('\r\n').find((l) => l.startsWith('DP003,'));
    // The objection window closes at 17:00 London (British Summer Time); its last change was the
    // reminder sent at 17:00 the day before it.
    expect(dp003).toMatch(
      /,Fast Track objection window closes,2027-06-01T17:00:00\+01:00,2027-05-24T17:00:00\+01:00$/,
    );
    expect(csv).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    expect(Date.parse('2027-06-01T17:00:00+01:00')).toBe(Date.parse('2027-06-01T16:00:00Z'));
  });

  it('R73 "Last change" is the time of the newest line of the history, never a deadline firing', async () => {
    const lastHistoryTime = async (ref: string): Promise<string> => {
      const ask = (text: string) => web.engine.ask(text, 'sam@example.org', NOW, { privately: true });
      let reply = (await ask(`history ${ref}`)).reply;
      const pages = /page 1 of (\d+)/.exec(reply)?.[1];
      if (pages) reply = (await ask(`history ${ref} page ${pages}`)).reply;
      const lines = reply.split('\n').filter((l) => l.includes(' · '));
      return lines.at(-1)?.split(' · ')[0] ?? '';
    };
    const all = await rows();
    expect(all).toHaveLength(4);
    for (const r of all) expect(r.lastChangeText, r.ref).toBe(await lastHistoryTime(r.ref));
    // DP004's SECAS deadline passed on Tue 18 May at 17:00; the history's last line is the reminder.
    expect(all.find((r) => r.ref === 'DP004')?.lastChangeText).toBe('Mon 17 May 2027, 17:00');
    expect((await web.get('/register/DP004')).text).toContain(
      '<dt>Last change</dt><dd>Mon 17 May 2027, 17:00</dd>',
    );
  });
});
