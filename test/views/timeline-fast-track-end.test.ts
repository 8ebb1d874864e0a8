// R82 with R24–R26, R57: the register's timeline draws the Fast Track objection window to when it
// actually ended (a withdrawal, a merge, a close or an objection cuts it short; approval at its cut-off
// ends it there) and says how it ended in words.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/domain/grammar/parse.ts';
import type { TimelineEvent } from '../../src/views/timeline.ts';
import { timeline } from '../../src/views/timeline.ts';
import { Scenario, londonTime } from '../support/scenario.ts';

/** Runs a typed line as `actor` (the grammar gives the command, the decider must accept it). */
function run(s: Scenario, actor: string, text: string): void {
  const p = parse(text);
  if (!p.ok || p.input.kind !== 'command') throw new Error(`${text}: ${p.ok ? 'a query' : p.message}`);
  s.ok(actor, p.input.command);
}

/** The scenario's history as the store would give the timeline: each event with its time. */
const eventsOf = (s: Scenario): TimelineEvent[] =>
  s.history.flatMap((h) =>
    h.events.map((e) => ({
      type: e.type,
      at: new Date(h.at),
      payload: e as unknown as Record<string, unknown>,
    })),
  );

/** DP001 with a unanimous Panel Fast Track decision on Mon 11 Jan 2027 at 11:00. */
function inWindow(): Scenario {
  const s = new Scenario('2027-01-11T09:00');
  run(s, 'alice', 'raise title="Typo fix" problem="A typo" fasttrack');
  s.at('2027-01-11T10:00');
  run(s, 'chair', 'panel fasttrack DP001');
  for (const who of ['chair', 'pm1', 'pm2', 'pm3', 'pm4']) run(s, who, 'vote DP001 approve');
  s.at('2027-01-11T11:00');
  run(s, 'chair', 'ballot close DP001');
  return s;
}

describe('R82 R25 R57 the timeline ends the Fast Track window when it actually ended', () => {
  it('R82 R57 a withdrawal two days in ends the window on the day of the withdrawal, and says so', () => {
    const s = inWindow();
    s.at('2027-01-13T11:00');
    run(s, 'alice', 'withdraw DP001 no longer needed');
    const t = timeline(s.mod(1), eventsOf(s), s.calendar, londonTime('2027-01-14T12:00'));
    expect(t.fastTrack).toMatchObject({
      from: 0,
      to: 2,
      toText: 'Wed 13 Jan 2027, 11:00',
      objected: false,
      ending: 'ended early: it was withdrawn',
    });
    expect(t.length).toBe(2);
  });

  it('R82 R26 a window that ran to its cut-off with no objection ends there and says it closed with no objection', () => {
    const s = inWindow();
    s.at('2027-02-02T09:00');
    const t = timeline(s.mod(1), eventsOf(s), s.calendar, londonTime('2027-02-02T09:00'));
    expect(s.mod(1).status).toBe('approved');
    expect(t.fastTrack).toMatchObject({
      to: 15,
      toText: 'Mon 1 Feb 2027, 17:00',
      ending: 'closed with no objection',
    });
  });

  it('R82 R25 an objection ends it early and says so; a window still running has no ending', () => {
    const s = inWindow();
    const open = timeline(s.mod(1), eventsOf(s), s.calendar, londonTime('2027-01-12T12:00'));
    expect(open.fastTrack).toMatchObject({ to: 15, toText: 'Mon 1 Feb 2027, 17:00' });
    expect(open.fastTrack?.ending).toBeUndefined();
    s.at('2027-01-15T15:00');
    run(s, 'bob', 'object DP001 We rely on the wording');
    const t = timeline(s.mod(1), eventsOf(s), s.calendar, londonTime('2027-01-18T12:00'));
    expect(t.fastTrack).toMatchObject({
      to: 4,
      toText: 'Fri 15 Jan 2027, 15:00',
      objected: true,
      ending: 'ended early by an objection',
    });
  });
});
