// A register worth looking at (R82–R85), made the way people make it: a script played through the real
// engine and store. MP001 went through Refinement to an approved Authority decision; DP002 is in its
// Fast Track objection window; MP003 is in Refinement with a confirmed meeting and an open consultation;
// DP004 has a hostile title, problem and document link (R44) and open Change Board views; DP005 was
// withdrawn. Every line must be accepted: a refusal stops the set-up with its reason.
import { parseScript } from '../../adapters/cli/script-file.ts';
import { play } from '../../adapters/cli/script.ts';
import type { Engine } from '../../src/app/engine.ts';

export const HOSTILE_TITLE = `<script>alert('x')</script> <!channel> @everyone [click](http://evil.example) =HYPERLINK('http://evil')`;
export const HOSTILE_PROBLEM = '<img src=x onerror=alert(1)> & "quotes"';
export const PRIVATE_COMMENT = 'Private-comment-9f3: please add the expected saving per switch.';

/** The time the tests look at the register: after every line, before the open windows close. */
export const NOW = new Date('2027-03-24T12:00:00Z');

export const WORLD_SCRIPT = `
people:
alice alice@example.org "Alice Proposer" party
bob   bob@example.org   "Bob Respondent" party
carol carol@example.org "Carol Party" party
sam   sam@example.org   "Sam Secretariat" secas
cb1   cb1@example.org   "Carys Board" change_board group=suppliers
cb2   cb2@example.org   "Dev Board" change_board group=suppliers
cb3   cb3@example.org   "Ena Board" change_board group=networks
cb4   cb4@example.org   "Finn Board" change_board group=networks
cb5   cb5@example.org   "Gita Board" change_board group=consumers
chair chair@example.org "Hal Chair" panel_chair
pm1   pm1@example.org   "Ines Panel" panel
pm2   pm2@example.org   "Jon Panel" panel
pm3   pm3@example.org   "Kay Panel" panel
pm4   pm4@example.org   "Lou Panel" panel

2027-01-11T09:00 alice raise title="Faster switching" problem="Switching supplier takes too long" solution="Shorten the objection period" benefits="Consumers switch sooner"
2027-01-11T11:00 sam comment DP001 ${PRIVATE_COMMENT}
2027-01-12T10:00 sam iar DP001 impacts="Suppliers and the DCC switching service" route=refinement dcc=no
2027-01-12T10:05 sam views open DP001
2027-01-13T09:00 cb1 view DP001 support rationale="Long overdue"
2027-01-13T09:30 cb2 view DP001 support
2027-01-13T10:00 cb3 view DP001 concerns areas="Erroneous transfers"
2027-01-13T11:00 cb4 view DP001 support
2027-01-13T12:00 cb5 view DP001 oppose rationale="Risk to vulnerable consumers"
2027-01-14T09:00 sam views close DP001
2027-01-21T10:00 chair panel route DP001 refinement authority
2027-01-22T10:00 sam wg form MP001 bob cb1 cb2 cb3
2027-01-25T10:00 sam step MP001 requirements done
2027-01-25T10:05 sam step MP001 dcc-pa na no DCC system change
2027-01-26T10:00 sam step MP001 legal-text done
2027-01-27T10:00 sam step MP001 benefits done
2027-01-28T10:00 sam consult open MP001
2027-02-03T14:00 bob respond MP001 org="Bob Energy" S0=support comments="Welcome"
advance 2027-02-19T17:00
2027-02-22T10:00 sam report MP001 modification https://example.org/mp001/report-v1 items=background,solutions,requirements,legal-text,impacts-costs,implementation,benefits,wg-conclusions,views,dcc-assessment
2027-02-22T10:05 sam step MP001 draft-report done
2027-02-23T10:00 sam ballot open MP001 sufficiency
2027-02-23T11:00 cb1 vote MP001 sufficient
2027-02-23T11:10 cb2 vote MP001 sufficient
2027-02-23T11:20 cb3 vote MP001 sufficient
2027-02-23T11:30 cb4 vote MP001 more-work
2027-02-23T11:40 cb5 vote MP001 sufficient
2027-02-25T10:00 chair panel approve-report MP001
2027-02-25T10:30 sam consult open MP001
2027-03-02T09:00 bob respond MP001 org="Bob Energy" S0=support
2027-03-03T09:00 carol respond MP001 org="Carol Power" S0=oppose
advance 2027-03-18T17:00
2027-03-19T10:00 sam ballot open MP001 decision
2027-03-19T11:00 cb1 vote MP001 approve
2027-03-19T11:10 cb2 vote MP001 approve
2027-03-19T11:20 cb3 vote MP001 approve
2027-03-19T11:30 cb4 vote MP001 reject
2027-03-19T11:40 cb5 vote MP001 approve

2027-03-19T12:00 chair panel raise-fasttrack title="Rename the Technical Sub-Committee" problem="It was renamed"
2027-03-19T12:05 chair panel fasttrack DP002 implement=2027-06-24
2027-03-19T12:10 chair vote DP002 approve
2027-03-19T12:11 pm1 vote DP002 approve
2027-03-19T12:12 pm2 vote DP002 approve
2027-03-19T12:13 pm3 vote DP002 approve
2027-03-19T12:14 pm4 vote DP002 approve
2027-03-19T13:00 chair ballot close DP002

2027-03-19T14:00 alice raise title="Meter read windows" problem="Reads arrive late"
2027-03-19T14:30 sam iar DP003 impacts="Suppliers" route=refinement dcc=no
2027-03-19T14:35 sam views open DP003
2027-03-19T14:40 sam views close DP003
2027-03-19T15:00 chair panel route DP003 refinement self-governance
2027-03-22T09:00 sam wg form MP003 bob cb1 cb2 cb3
2027-03-22T09:10 sam meeting propose MP003 2027-03-30T14:00 2027-03-31T10:00
2027-03-22T09:20 bob available MP003 1 yes
2027-03-22T10:00 sam meeting confirm MP003 1
2027-03-22T10:05 sam step MP003 requirements done
2027-03-22T10:06 sam step MP003 dcc-pa na no DCC system change
2027-03-22T10:07 sam step MP003 legal-text done
2027-03-22T10:08 sam step MP003 benefits done
2027-03-22T11:00 sam consult open MP003

2027-03-22T13:00 carol raise title="${HOSTILE_TITLE}" problem="${HOSTILE_PROBLEM.replace(/"/g, '\\"')}"
2027-03-22T13:30 sam iar DP004 impacts="None" route=development
2027-03-22T13:35 sam report DP004 iar javascript:alert(1)
2027-03-22T14:00 sam views open DP004
2027-03-23T09:00 cb1 view DP004 support
2027-03-23T09:30 bob respond MP003 org="Bob Energy" S0=support

2027-03-23T10:00 sam report MP001 summary https://example.org/mp001/decision-summary
2027-03-23T10:30 sam authority MP001 approved
2027-03-23T10:35 sam implement MP001 2027-06-24

2027-03-23T11:00 bob raise title="=SUM(1+2) A short-lived idea" problem="Not needed after all"
2027-03-23T11:30 bob withdraw DP005 Overtaken by MP001
`;

/** Plays a script on the engine's store; throws on a malformed script or a refused line. */
export async function playScript(engine: Engine, text: string, name: string): Promise<void> {
  const parsed = parseScript(text);
  if (!parsed.ok) throw new Error(`${name}, line ${parsed.line}: ${parsed.message}`);
  const refused: string[] = [];
  await play(
    parsed.script,
    engine,
    (item) => {
      if (item.kind === 'command' && !item.ok) refused.push(`line ${item.line}: ${item.reply}`);
    },
    name,
  );
  if (refused.length) throw new Error(`${name} refused:\n${refused.join('\n')}`);
}

/** Plays the world on the engine's store; throws on a malformed script or a refused line. */
export const buildWorld = (engine: Engine): Promise<void> =>
  playScript(engine, WORLD_SCRIPT, 'register-world');
