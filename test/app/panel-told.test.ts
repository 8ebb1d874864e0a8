// SPEC §7, R16.12, R22, R25: the people a Panel step concerns are told of it. The Panel chair hears (by DM
// and in the Monday digest) when a Modification Report awaits their approval; a returned report reaches
// SECAS and the Working Group with the chair's reasons; an objection's announcement names the objector
// and the whole reason; the proposer hears that the Panel is voting on Fast Track.
import { describe, expect, it } from 'vitest';
import { panelDigest } from '../../src/app/notify/digest.ts';
import { COMMAND_MARK, cmd } from '../../src/views/hints.ts';
import { BOARD, fullReport, toDraftReport, toRefinement } from '../support/formal.ts';
import { Scenario } from '../support/scenario.ts';
import { Notify, audiences, one, to } from './notify-harness.ts';

const PANEL = ['pm1', 'pm2', 'pm3', 'pm4', 'chair'];

/** An MP without DCC system impacts whose sufficiency ballot is open: the Panel chair's approval is next. */
function sufficiencyOpen() {
  const s = toRefinement();
  toDraftReport(s);
  const N = new Notify(s);
  N.run('sam', { type: 'ballot-open', ref: 1, kind: 'sufficiency' });
  return N;
}

describe('R16.12 the Modification Report awaiting the Panel chair', () => {
  it('the chair is sent a DM, with the commands, when the sufficiency ballot passes', () => {
    const N = sufficiencyOpen();
    fullReport(N.s); // every R17 item covered: a bare approval is what the chair can do
    for (const cb of BOARD.slice(0, 4))
      expect(to(N.run(cb, { type: 'vote', ref: 1, option: 'sufficient' }), 'person:chair')).toEqual([]);
    const ns = N.run('cb5', { type: 'vote', ref: 1, option: 'sufficient' });
    const dm = one(ns, 'person:chair');
    expect(dm.text).toBe(
      `The Modification Report of MP001 "Faster switching" awaits your approval: the Refinement steps before it are done. ` +
        `Approve it as final: ${cmd('panel approve-report MP001')}. Or return it to the Working Group with your reasons: ${cmd('panel return MP001 <reasons>')}.`,
    );
  });

  it('R17 R65: a report lacking items is not offered for a bare approval: the DM names them and the na: way', () => {
    const N = sufficiencyOpen();
    N.s.ok('sam', {
      type: 'report',
      ref: 1,
      doc: 'modification',
      link: 'https://x/mr-2',
      items: [
        'background',
        'solutions',
        'requirements',
        'legal-text',
        'impacts-costs',
        'implementation',
        'benefits',
        'wg-conclusions',
      ],
    });
    for (const cb of BOARD.slice(0, 4)) N.run(cb, { type: 'vote', ref: 1, option: 'sufficient' });
    const dm = one(N.run('cb5', { type: 'vote', ref: 1, option: 'sufficient' }), 'person:chair');
    expect(dm.text).toBe(
      `The Modification Report of MP001 "Faster switching" awaits your approval: the Refinement steps before it are done. ` +
        `The latest version does not cover Views of the proposer, the Working Group, Sub-Committees and industry (views), The latest DCC assessment (dcc-assessment): ` +
        `approving needs a version that does (ask SECAS to record one), or a reason for each that does not apply (${cmd('panel approve-report MP001 na:<item>="why"')}). ` +
        `Or return it to the Working Group with your reasons: ${cmd('panel return MP001 <reasons>')}.`,
    );
    // What the DM says is what the command does: a bare approval is refused, one with the reasons is not.
    N.s.refused('chair', { type: 'panel-approve-report', ref: 1, na: {} }, 'report_incomplete');
    N.s.ok('chair', {
      type: 'panel-approve-report',
      ref: 1,
      na: { views: 'none given', 'dcc-assessment': 'no DCC impact' },
    });
  });

  it('a sufficiency ballot that finds more work is needed does not ask the chair anything', () => {
    const N = sufficiencyOpen();
    for (const cb of BOARD.slice(0, 4)) N.run(cb, { type: 'vote', ref: 1, option: 'more-work' });
    const ns = N.run('cb5', { type: 'vote', ref: 1, option: 'more-work' });
    expect(to(ns, 'person:chair')).toEqual([]);
  });

  it('the Monday digest lists it under "Awaiting the Panel" until the chair approves it', () => {
    const N = sufficiencyOpen();
    expect(panelDigest(N.s.world, N.s.ctx('system'), 'digest')).toEqual([]);
    for (const cb of BOARD) N.run(cb, { type: 'vote', ref: 1, option: 'sufficient' });
    // R17: the draft covers no item, so a bare approval would be refused: the digest says what is missing.
    const [partial] = panelDigest(N.s.world, N.s.ctx('system'), 'digest');
    expect(partial?.to).toEqual({ kind: 'person', person: 'chair' });
    expect(partial?.text).toMatch(
      /^Awaiting the Panel:\n- MP001 "Faster switching": its Modification Report awaits your approval\. The latest version does not cover Background and the issue \(background\), .*The latest DCC assessment \(dcc-assessment\): approving needs a version that does \(ask SECAS to record one\), or a reason for each that does not apply \(\u2063panel approve-report MP001 na:<item>="why"\u2063\)\.$/,
    );
    expect(partial?.text).not.toContain(cmd('panel approve-report MP001'));
    fullReport(N.s);
    const [digest] = panelDigest(N.s.world, N.s.ctx('system'), 'digest');
    expect(digest?.text).toBe(
      [
        'Awaiting the Panel:',
        `- MP001 "Faster switching": its Modification Report awaits your approval. Approve it as final: ${cmd('panel approve-report MP001')}.`,
      ].join('\n'),
    );
    N.run('chair', { type: 'panel-approve-report', ref: 1 });
    expect(panelDigest(N.s.world, N.s.ctx('system'), 'digest')).toEqual([]);
  });
});

describe('R16.12 a Modification Report returned by the Panel chair', () => {
  it('SECAS and the Working Group are told, with the chair’s reasons; the proposer hears through the status DM', () => {
    const N = sufficiencyOpen();
    for (const cb of BOARD) N.run(cb, { type: 'vote', ref: 1, option: 'sufficient' });
    const ns = N.run('chair', { type: 'panel-return', ref: 1, reason: 'Needs costs' });
    expect(audiences(ns).sort()).toEqual(
      ['person:alice', 'person:bob', 'person:cb1', 'person:cb2', 'person:cb3', 'person:sam'].sort(),
    );
    expect(one(ns, 'person:sam').text).toBe(
      `The Panel chair returned the Modification Report of MP001 "Faster switching" to the Working Group: Needs costs\n` +
        `The draft Modification Report is owed again: when the Working Group has redrafted it, record the new version (${cmd('report MP001 modification <link> items=<id,…>')}), then mark the draft done (${cmd('step MP001 draft-report done')}).`,
    );
    for (const p of ['bob', 'cb1', 'cb2', 'cb3'])
      expect(one(ns, `person:${p}`).text).toBe(
        `The Panel chair returned the Modification Report of MP001 "Faster switching" to the Working Group: Needs costs\n` +
          'SECAS redrafts it with the Working Group.',
      );
    expect(one(ns, 'person:alice').text).toContain('returned by the Panel chair: Needs costs');
  });
});

describe('R22 R25 Fast Track', () => {
  function approved() {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'Typo', problem: 'A typo in D1', fastTrack: true });
    N.run('chair', { type: 'panel-fasttrack', ref: 1, implement: '2027-06-24' });
    for (const p of PANEL) N.run(p, { type: 'vote', ref: 1, option: 'approve' });
    N.run('chair', { type: 'ballot-close', ref: 1 });
    return N;
  }

  it('R25 an objection with a line break: the announcement’s text names the objector and the whole reason', () => {
    const N = approved();
    const ns = N.run('bob', { type: 'object', ref: 1, reason: 'We rely on D3.4\nin our contracts' });
    expect(one(ns, 'channel:announcements').text).toBe(
      'Fast Track: DP001 "Typo". The window ended with an objection by Bob: We rely on D3.4 in our contracts. DP001 returns to the Panel.',
    );
  });

  it('R22 the proposer is told the Panel is voting on Fast Track, and the date agreed if it passes', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'Typo', problem: 'A typo in D1', fastTrack: true });
    const ns = N.run('chair', { type: 'panel-fasttrack', ref: 1, implement: '2027-03-01' });
    const dm = one(ns, 'person:alice').text;
    expect(dm).toContain(
      '- The Panel is voting on Fast Track for it: it passes only if every vote is Approve, and the Panel chair closes the ballot at the meeting.',
    );
    expect(dm).toContain('- If Fast Track passes, it is implemented on Mon 1 Mar 2027, the date agreed.');
    expect(dm).not.toContain('- Implementation date:');
  });

  it('R22 without an agreed date the proposer is still told of the ballot', () => {
    const N = new Notify(new Scenario('2026-12-01T10:00'));
    N.run('alice', { type: 'raise', title: 'Typo', problem: 'A typo in D1', fastTrack: true });
    const ns = N.run('chair', { type: 'panel-fasttrack', ref: 1 });
    expect(one(ns, 'person:alice').text).toContain('The Panel is voting on Fast Track for it');
    // A date recorded later while the ballot is open is also the one agreed if it passes.
    const later = N.run('chair', { type: 'panel-fasttrack', ref: 1, implement: '2027-03-01' });
    expect(one(later, 'person:alice').text).toContain(
      'If Fast Track passes, it is implemented on Mon 1 Mar 2027, the date agreed.',
    );
  });

  it('each command named in these messages is marked', () => {
    const N = sufficiencyOpen();
    for (const cb of BOARD) N.run(cb, { type: 'vote', ref: 1, option: 'sufficient' });
    const text = one(N.run('chair', { type: 'panel-return', ref: 1, reason: 'x' }), 'person:sam').text;
    expect(text.split(COMMAND_MARK)).toHaveLength(5);
  });
});
