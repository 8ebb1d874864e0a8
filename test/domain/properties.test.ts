// Property tests (fast-check) over random sequences of commands from random actors: the invariants of
// the issue hold whatever order people click in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveVotes } from '../../src/domain/ballots.ts';
import type { World } from '../../src/domain/modification.ts';
import { FINAL_STATUSES, isRefusal } from '../../src/domain/types.ts';
import type { CommandInput } from '../support/scenario.ts';
import { Scenario } from '../support/scenario.ts';

const ref = fc.integer({ min: 1, max: 4 });
const people = [
  'alice',
  'bob',
  'sam',
  'cb1',
  'cb2',
  'cb3',
  'cb4',
  'cb5',
  'alt1',
  'chair',
  'pm1',
  'pm2',
  'pm3',
  'pm4',
  'ada',
  'nobody',
];
const actor = fc.constantFrom(...people);
const word = fc.constantFrom('fix', 'typo', 'D1.2', 'clarity', 'costs');
const option = fc.constantFrom(
  'approve',
  'reject',
  'abstain',
  'sufficient',
  'more-work',
  'proceed',
  'do-not-proceed',
);

type Cmd = CommandInput;
const command: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('raise'), title: word, problem: word, fastTrack: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('amend'), ref, title: word }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('iar'),
      ref,
      impacts: word,
      route: fc.constantFrom('development', 'refinement', 'report', 'fasttrack'),
      dcc: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('views-open'), ref }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('view'),
      ref,
      stance: fc.constantFrom('support', 'concerns', 'oppose'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('views-close'), ref }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('panel-route'),
      ref,
      route: fc.constantFrom('development', 'refinement', 'report'),
      determination: fc.constantFrom('self-governance', 'authority'),
    }),
  },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('panel-fasttrack'), ref }) },
  { weight: 10, arbitrary: fc.record({ type: fc.constant('vote'), ref, option }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('ballot-close'), ref }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('ballot-open'),
      ref,
      kind: fc.constantFrom('sufficiency', 'ia', 'decision'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('object'), ref, reason: word }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('withdraw'), ref, reason: word }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('proceed'), ref }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('report'),
      ref,
      doc: fc.constantFrom('development', 'modification', 'summary'),
      link: word,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('step'),
      ref,
      step: fc.constantFrom(
        'requirements',
        'dcc-pa',
        'legal-text',
        'benefits',
        'draft-report',
        'dcc-ia',
        'final-wg',
      ),
      state: fc.constantFrom('done', 'na'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('consult-open'), ref }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('consult-close'), ref }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('wg-form'),
      refs: fc.array(ref, { minLength: 1, maxLength: 2 }),
      people: fc.constant<string[]>(['cb1', 'cb2', 'cb3', 'cb4']),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('panel-approve-report'), ref, na: fc.constant({}) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('authority'),
      ref,
      decision: fc.constantFrom('approved', 'rejected', 'sent-back'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('implement'), ref, date: fc.constant('2028-01-03') }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('merge'), ref, into: ref }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('panel-stall-notice'), ref }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('panel-close'), ref, reason: word }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('fasttrack-request'), ref }) },
);

type Step = { kind: 'cmd'; actor: string; cmd: Cmd } | { kind: 'advance'; days: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 9, arbitrary: fc.record({ kind: fc.constant('cmd' as const), actor, cmd: command }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 30 }) }),
  },
);

function checkTransition(before: World, after: World, s: Scenario): void {
  for (const [key, m] of Object.entries(after.modifications)) {
    expect(m.number).toBe(Number(key)); // a modification's number never changes
    const prev = before.modifications[m.number];
    for (const b of m.ballots) {
      for (const sol of b.solutions) {
        expect(effectiveVotes(b, sol).size).toBeLessThanOrEqual(b.seats.length);
      }
      for (const v of b.votes) {
        const seat = b.seats.find((x) => x.member === v.seat);
        expect(seat, 'a vote belongs to a seat').toBeDefined();
        expect([seat?.member, seat?.alternate]).toContain(v.voter);
      }
    }
    if (!prev) continue;
    if (prev.isMP) {
      expect(m.isMP).toBe(true);
      expect([m.title, m.problem]).toEqual([prev.title, prev.problem]); // scope fixed (R6)
    }
    if (FINAL_STATUSES.includes(prev.status)) expect(m.status).toBe(prev.status);
    if (prev.status === 'approved') expect(['approved', 'implemented']).toContain(m.status);
    if (m.status === 'fast_track_window' && prev.status !== 'fast_track_window') {
      const ft = m.ballots.find((b) => b.kind === 'fasttrack');
      expect(ft?.status).toBe('closed');
      const votes = [...effectiveVotes(ft!, 'S0').values()];
      expect(votes.length).toBeGreaterThanOrEqual(s.settings.SEC_PANEL_QUORUM);
      expect(votes.every((v) => v === 'approve')).toBe(true); // never without unanimity (R22)
    }
  }
}

describe('properties of the decider', () => {
  it('R2 R6 R8 R19 R22 R33 R36: invariants hold over random command sequences', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const s = new Scenario('2026-12-01T10:00');
        s.ok('alice', { type: 'raise', title: 'First', problem: 'p' });
        s.ok('bob', { type: 'raise', title: 'Second', problem: 'p', fastTrack: true });
        for (const st of steps) {
          const before = s.world;
          const snapshot = JSON.stringify(before);
          if (st.kind === 'advance') {
            const next = new Date(
              s.calendar.addWorkingDays(s.now.toISOString().slice(0, 10), st.days) + 'T12:00:00Z',
            );
            s.at(next.toISOString().slice(0, 16));
          } else {
            const r = s.exec(st.actor, st.cmd); // never throws
            if (isRefusal(r)) {
              expect(JSON.stringify(s.world)).toBe(snapshot); // a refused command changes nothing
              expect(r.message.length).toBeGreaterThan(0);
            } else {
              expect(r.events.length).toBeGreaterThan(0); // R8: an accepted command appends to the history
            }
          }
          expect(JSON.stringify(before)).toBe(snapshot); // evolve never mutates the old state
          checkTransition(before, s.world, s);
        }
      }),
      { numRuns: 150 },
    );
  });
});
