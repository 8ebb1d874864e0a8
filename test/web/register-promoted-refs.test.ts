// R82: a modification's page names each related modification by its reference now (MP once it was
// promoted, R26/R27 keep the number), and searching the register for a promoted modification's former
// DP reference still finds it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase } from '../support/databases.ts';
import { playScript } from '../support/register-world.ts';
import type { WebServer } from '../support/web-server.ts';
import { startWebServer } from '../support/web-server.ts';

/** Two batched proposals, both routed (so both are MPs), and a third still a DP batched with neither. */
const SCRIPT = `
people:
alice alice@example.org "Alice Proposer" party
bob   bob@example.org   "Bob Party" party
sam   sam@example.org   "Sam Secretariat" secas
chair chair@example.org "Hal Chair" panel_chair
cb1   cb1@example.org   "Carys Board" change_board

2027-01-11T09:00 alice raise title="First idea" problem="P1"
2027-01-11T09:05 alice raise title="Second idea" problem="P2"
2027-01-11T09:10 sam batch DP001 DP002
2027-01-12T10:00 sam iar DP001 impacts="x" route=refinement
2027-01-12T10:01 sam iar DP002 impacts="x" route=refinement
2027-01-12T10:05 sam views open DP001
2027-01-12T10:06 sam views open DP002
2027-01-13T12:00 sam views close DP001
2027-01-13T12:01 sam views close DP002
2027-01-14T10:00 chair panel route DP001 refinement self-governance
2027-01-15T09:00 bob raise title="Third idea" problem="P3"
2027-01-15T09:10 sam batch DP002 DP003
2027-01-18T10:00 chair panel route DP002 refinement self-governance
`;

eachDatabase('R82 promoted references on the register', (db) => {
  let web: WebServer;
  beforeAll(async () => {
    web = await startWebServer(db.store, { now: new Date('2027-01-20T12:00:00Z'), web: { public: true } });
    await playScript(web.engine, SCRIPT, 'promoted-refs');
  }, 120_000);
  afterAll(async () => {
    await web?.close();
  });

  it('R82 a related modification is named by its MP reference once promoted, a DP by its DP one', async () => {
    const mp001 = JSON.parse((await web.get('/register/MP001.json')).text) as { related: unknown };
    expect(mp001.related).toEqual([{ relation: 'Batched with', ref: 'MP002' }]);
    const mp002 = JSON.parse((await web.get('/register/MP002.json')).text) as { related: unknown };
    expect(mp002.related).toEqual([
      { relation: 'Batched with', ref: 'MP001' },
      { relation: 'Batched with', ref: 'DP003' },
    ]);
    const page = (await web.get('/register/MP001')).text;
    expect(page).toContain('Batched with <a href="/register/MP002">MP002</a>');
    expect(page).not.toContain('DP002');
  });

  it('R82 searching for a former DP reference finds the MP it became', async () => {
    const found = JSON.parse((await web.get('/register.json?q=DP001')).text) as {
      total: number;
      modifications: { ref: string }[];
    };
    expect(found.total).toBe(1);
    expect(found.modifications.map((r) => r.ref)).toEqual(['MP001']);
    const dp = JSON.parse((await web.get('/register.json?q=dp003')).text) as { total: number };
    expect(dp.total).toBe(1);
  });
});
