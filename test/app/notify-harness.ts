// Runs commands through the Scenario harness and turns each accepted command's events into notifications,
// with the world before and after, as the engine does in one transaction.
import ICAL from 'ical.js';
import { notificationsFor } from '../../src/app/notify/notifications.ts';
import type { Notification } from '../../src/app/notification.ts';
import { audienceLabel } from '../../src/app/notification.ts';
import { expect } from 'vitest';
import { parse } from '../../src/domain/grammar/parse.ts';
import type { Modification } from '../../src/domain/modification.ts';
import { isRefusal } from '../../src/domain/types.ts';
import type { CardButton } from '../../src/views/card.ts';
import type { CommandInput } from '../support/scenario.ts';
import { Scenario, londonTime } from '../support/scenario.ts';
import { toRefinement } from '../support/formal.ts';

export type Cmd = CommandInput;

export class Notify {
  count = 0;
  readonly s: Scenario;
  constructor(s: Scenario) {
    this.s = s;
  }

  /** Runs a command that must succeed; returns its notifications. */
  run(actor: string, cmd: Cmd): Notification[] {
    const before = this.s.world;
    const d = this.s.ok(actor, cmd);
    return notificationsFor({
      events: d.events,
      before,
      after: this.s.world,
      ctx: this.s.ctx(actor),
      keyBase: `c${++this.count}`,
    });
  }

  /** Moves the clock, firing each due deadline as the scheduler does; returns each firing's notifications. */
  advance(time: string): Notification[][] {
    const to = londonTime(time);
    const fired: Notification[][] = [];
    for (;;) {
      const next = Object.values(this.s.world.modifications)
        .flatMap((m) => m.deadlines.filter((d) => d.status === 'pending').map((d) => ({ n: m.number, d })))
        .filter(({ d }) => new Date(d.due) <= to)
        .sort((a, b) => a.d.due.localeCompare(b.d.due))[0];
      if (!next) break;
      this.s.now = new Date(next.d.due);
      const before = this.s.world;
      const r = this.s.exec('system', { type: 'deadline-fire', ref: next.n, deadlineId: next.d.id });
      if (isRefusal(r)) throw new Error(r.message);
      fired.push(
        notificationsFor({
          events: r.events,
          before,
          after: this.s.world,
          ctx: this.s.ctx('system'),
          keyBase: `c${++this.count}`,
        }),
      );
    }
    if (to > this.s.now) this.s.now = to;
    return fired;
  }
}

export const audiences = (ns: readonly Notification[]): string[] => ns.map((n) => audienceLabel(n.to));
export const to = (ns: readonly Notification[], label: string): Notification[] =>
  ns.filter((n) => audienceLabel(n.to) === label);
export const one = (ns: readonly Notification[], label: string, pattern?: RegExp): Notification => {
  const hits = to(ns, label).filter((n) => !pattern || pattern.test(n.text));
  if (hits.length !== 1)
    throw new Error(
      `expected one notification to ${label} ${pattern ?? ''}, got ${hits.length}: ${JSON.stringify(audiences(ns))}`,
    );
  return hits[0] as Notification;
};

/** R43: a button's twin parses back to the command the button stands for. */
export function expectTwinMatches(m: Pick<Modification, 'number'>, b: CardButton): void {
  const r = parse(b.twin);
  expect(r.ok, `${b.twin} parses`).toBe(true);
  if (!r.ok || r.input.kind !== 'command') throw new Error(`${b.twin} is not a command`);
  const c = r.input.command;
  expect(c.type).toBe(b.action);
  expect('ref' in c ? c.ref : undefined).toBe(m.number);
  if (c.type === 'vote') {
    expect(c.option).toBe(b.value.option);
    // The very same command: a solution on the button exactly where the twin names one.
    expect(c.solution).toBe(b.value.solution);
  }
  if (c.type === 'available') expect([c.slot, c.yes]).toEqual([b.value.slot, b.value.yes]);
  if (c.type === 'attend') expect(c.yes).toBe(b.value.yes);
}

/** R78: the fields of an invite's VEVENT (and its calendar's METHOD) that the invite tests compare. */
export const vevent = (ics: string | undefined) => {
  const cal = new ICAL.Component(ICAL.parse(ics ?? ''));
  const ev = cal.getFirstSubcomponent('vevent');
  if (!ev) throw new Error('no VEVENT');
  return {
    method: cal.getFirstPropertyValue('method'),
    uid: ev.getFirstPropertyValue('uid'),
    sequence: Number(ev.getFirstPropertyValue('sequence')),
    status: ev.getFirstPropertyValue('status'),
    start: String(ev.getFirstPropertyValue('dtstart')),
  };
};
/** The calendar files sent to one audience. */
export const filesTo = (ns: Notification[], who: string): Notification[] =>
  ns.filter((n) => n.file && audiences([n])[0] === who);

export const MEETING_SLOTS = ['2026-12-14T14:00:00.000Z', '2026-12-15T10:00:00.000Z'];

/** An MP in Refinement whose Working Group meeting is confirmed for the first slot, and cb1's invite. */
export function confirmedMeeting() {
  const N = new Notify(toRefinement());
  N.run('sam', { type: 'meeting-propose', ref: 1, slots: MEETING_SLOTS });
  const ns = N.run('sam', { type: 'meeting-confirm', ref: 1, slot: 1 });
  return { N, first: vevent(filesTo(ns, 'person:cb1')[0]?.file?.text) };
}
