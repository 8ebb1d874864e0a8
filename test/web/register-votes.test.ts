// R82 R33 R34: with SEC_REGISTER_SHOW_VOTES the register names who actually voted (an alternate in the
// member's seat is named, with the seat), and a ballot still open lists no votes unless the running
// split is shown: only how many of the eligible have voted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDatabase } from '../support/databases.ts';
import { playScript } from '../support/register-world.ts';
import type { WebServer } from '../support/web-server.ts';
import { startWebServer } from '../support/web-server.ts';

/**
 * MP001: Alternative Solution A1 added; Dan votes in Carys Board's seat on the sufficiency ballot and on
 * the Proposed Solution, Carys votes on A1 herself; the decision ballot closes when every seat has voted.
 * DP002: the Panel's Fast Track ballot, open, 2 of 5 voted.
 */
const VOTES_SCRIPT = `
people:
alice alice@example.org "Alice Proposer" party
bob   bob@example.org   "Bob Respondent" party
sam   sam@example.org   "Sam Secretariat" secas
cb1   cb1@example.org   "Carys Board" change_board group=suppliers alt=dan
cb2   cb2@example.org   "Dev Board" change_board group=suppliers
cb3   cb3@example.org   "Ena Board" change_board group=networks
cb4   cb4@example.org   "Finn Board" change_board group=networks
cb5   cb5@example.org   "Gita Board" change_board group=consumers
dan   dan@example.org   "Dan Alternate" party
chair chair@example.org "Hal Chair" panel_chair
pm1   pm1@example.org   "Ines Panel" panel
pm2   pm2@example.org   "Jon Panel" panel
pm3   pm3@example.org   "Kay Panel" panel
pm4   pm4@example.org   "Lou Panel" panel

2027-01-11T09:00 alice raise title="Faster switching" problem="Switching supplier takes too long" solution="Shorten the objection period"
2027-01-12T10:00 sam iar DP001 impacts="Suppliers" route=refinement dcc=no
2027-01-12T10:05 sam views open DP001
2027-01-14T09:00 sam views close DP001
2027-01-21T10:00 chair panel route DP001 refinement authority
2027-01-22T10:00 sam wg form MP001 bob cb1 cb2 cb3
2027-01-22T10:30 sam solution add MP001 Longer notice alternative
2027-01-25T10:00 sam step MP001 requirements done
2027-01-25T10:05 sam step MP001 dcc-pa na no DCC system change
2027-01-26T10:00 sam step MP001 legal-text done
2027-01-27T10:00 sam step MP001 benefits done
2027-01-28T10:00 sam consult open MP001
2027-02-03T14:00 bob respond MP001 org="Bob Energy" S0=support A1=oppose
advance 2027-02-19T17:00
2027-02-22T10:00 sam report MP001 modification https://example.org/mp001/report-v1 items=background,solutions,requirements,legal-text,impacts-costs,implementation,benefits,wg-conclusions,views,dcc-assessment
2027-02-22T10:05 sam step MP001 draft-report done
2027-02-23T10:00 sam ballot open MP001 sufficiency
2027-02-23T11:00 dan vote MP001 sufficient
2027-02-23T11:10 cb2 vote MP001 sufficient
2027-02-23T11:20 cb3 vote MP001 sufficient
2027-02-23T11:30 cb4 vote MP001 more-work
2027-02-23T11:40 cb5 vote MP001 sufficient
2027-02-25T10:00 chair panel approve-report MP001
2027-02-25T10:30 sam consult open MP001
advance 2027-03-18T17:00
2027-03-19T10:00 sam ballot open MP001 decision
2027-03-19T11:00 dan vote MP001 approve S0
2027-03-19T11:01 cb1 vote MP001 reject A1
2027-03-19T11:10 cb2 vote MP001 approve S0
2027-03-19T11:11 cb2 vote MP001 approve A1
2027-03-19T11:20 cb3 vote MP001 approve S0
2027-03-19T11:21 cb3 vote MP001 reject A1
2027-03-19T11:30 cb4 vote MP001 reject S0
2027-03-19T11:31 cb4 vote MP001 reject A1
2027-03-19T11:40 cb5 vote MP001 approve S0
2027-03-19T11:41 cb5 vote MP001 abstain A1

2027-03-19T12:00 chair panel raise-fasttrack title="Rename the Technical Sub-Committee" problem="It was renamed"
2027-03-19T12:05 chair panel fasttrack DP002 implement=2027-06-24
2027-03-19T12:10 chair vote DP002 approve
2027-03-19T12:11 pm1 vote DP002 reject
`;

const NOW = new Date('2027-03-24T12:00:00Z');

eachDatabase('R82 R34 votes on the register', (db) => {
  let votes: WebServer;
  let hidden: WebServer;
  beforeAll(async () => {
    votes = await startWebServer(db.store, { now: NOW, web: { public: true, showVotes: true } });
    hidden = await startWebServer(db.store, { now: NOW, web: { public: true } });
    await playScript(votes.engine, VOTES_SCRIPT, 'register-votes');
  }, 120_000);
  afterAll(async () => {
    await Promise.all([votes?.close(), hidden?.close()]);
  });

  it('R33 a vote cast by an alternate is shown under the alternate’s name, in the member’s seat', async () => {
    const page = (await votes.get('/register/MP001')).text;
    expect(page).toContain("<li>Dan Alternate (in Carys Board's seat): Sufficient to vote</li>");
    expect(page).toContain("<li>Dan Alternate (in Carys Board's seat): Approve (Proposed Solution)</li>");
    // On A1 Carys voted herself: her own name, no seat.
    expect(page).toMatch(/<li>Carys Board: Reject[^<]*<\/li>/);
    expect(page).not.toContain('<li>Carys Board: Sufficient to vote</li>');
    expect(page).not.toMatch(/<li>Carys Board: Approve/);
    const j = JSON.parse((await votes.get('/register/MP001.json')).text) as {
      decisions: { votes?: { name: string; inSeatOf?: string; solution: string }[] }[];
    };
    expect(j.decisions[0]?.votes?.[0]).toEqual({
      name: 'Dan Alternate',
      inSeatOf: 'Carys Board',
      solution: 'S0',
      solutionName: 'Proposed Solution',
      option: 'Sufficient to vote',
    });
  });

  it('R5 R71 the page lists the solutions by name, and its tallies, votes and consultation lines name them', async () => {
    const page = (await votes.get('/register/MP001')).text;
    expect(page).toContain(
      '<h3>Solutions</h3><ul><li>Proposed Solution</li><li>Alternative Solution A1 &quot;Longer notice alternative&quot;</li></ul>',
    );
    expect(page).toContain(
      '<caption>Alternative Solution A1 &quot;Longer notice alternative&quot;: not passed</caption>',
    );
    expect(page).toContain(
      '<li>Carys Board: Reject (Alternative Solution A1 &quot;Longer notice alternative&quot;)</li>',
    );
    expect(page).toContain(
      '<td>Proposed Solution: 1 support, 0 oppose; Alternative Solution A1 &quot;Longer notice alternative&quot;: 0 support, 1 oppose</td>',
    );
    // A ballot on one question names no solution on its votes.
    expect(page).toContain('<li>Dev Board: Sufficient to vote</li>');
    const j = JSON.parse((await votes.get('/register/MP001.json')).text) as { solutions: unknown };
    expect(j.solutions).toEqual([
      { id: 'S0', name: 'Proposed Solution' },
      { id: 'A1', name: 'Alternative Solution A1 "Longer notice alternative"' },
    ]);
    // A modification with the Proposed Solution only has no list of one.
    expect((await votes.get('/register/DP002')).text).not.toContain('<h3>Solutions</h3>');
  });

  it('R71 the timeline in words: a count agrees with its noun', async () => {
    const page = (await votes.get('/register/MP001')).text;
    expect(page).toContain(
      '<li>Draft Proposal: Mon 11 Jan 2027, 09:00 to Tue 12 Jan 2027, 10:00 (1 Working Day)</li>',
    );
    expect(page).toContain('(0 Working Days)</li>');
    expect(page).toContain('(25 Working Days)</li>');
    expect(page).not.toContain('(1 Working Days)');
  });

  it('R34 an open ballot lists no votes, only how many have voted, whether or not votes are shown', async () => {
    for (const server of [votes, hidden]) {
      const page = (await server.get('/register/DP002')).text;
      expect(page).toContain('Panel Fast Track ballot: Open until the chair closes it');
      expect(page).toContain('2 of 5 voted.');
      expect(page).not.toContain('class="votes"');
      expect(page).not.toMatch(/Hal Chair: Approve|Ines Panel: Reject/);
      const j = JSON.parse((await server.get('/register/DP002.json')).text) as {
        decisions: { progress?: string; votes?: unknown }[];
      };
      expect(j.decisions[0]).toMatchObject({ progress: '2 of 5 voted' });
      expect(j.decisions[0]?.votes).toBeUndefined();
    }
  });

  it('R34 with the running split shown (SEC_SHOW_RUNNING_SPLIT), an open ballot’s votes are listed too', async () => {
    const split = await startWebServer(db.store, {
      now: NOW,
      web: { public: true, showVotes: true },
      showRunningSplit: true,
    });
    try {
      const j = JSON.parse((await split.get('/register/DP002.json')).text) as {
        decisions: { votes?: { name: string; option: string }[] }[];
      };
      expect(j.decisions[0]?.votes?.map((v) => `${v.name}: ${v.option}`)).toEqual([
        'Hal Chair: Approve',
        'Ines Panel: Reject',
      ]);
      expect((await split.get('/register/DP002')).text).toMatch(/Hal Chair: Approve/);
    } finally {
      await split.close();
    }
  });
});
