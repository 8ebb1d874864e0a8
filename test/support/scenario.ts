// Given/when/then harness for the decider: a directory of people, a world, a clock, and a scheduler
// that fires due deadlines in order (by due time, then creation) like the real one.
import { expect } from 'vitest';
import type { z } from 'zod';
import type { Command } from '../../src/domain/commands.ts';
import { commandSchema } from '../../src/domain/commands.ts';
import { decide } from '../../src/domain/decide.ts';
import type { DomainEvent } from '../../src/domain/events.ts';
import type { Modification, World } from '../../src/domain/modification.ts';
import { emptyWorld } from '../../src/domain/modification.ts';
import { evolveAll } from '../../src/domain/evolve.ts';
import type { Decision, Result } from '../../src/domain/stages/common.ts';
import type { Settings } from '../../src/domain/settings.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import type { Context, Person, Refusal, Role, Status } from '../../src/domain/types.ts';
import { isRefusal } from '../../src/domain/types.ts';
import type { Calendar } from '../../src/domain/working-days.ts';
import { createCalendar, parseLondonDateTime } from '../../src/domain/working-days.ts';
import { commandsAs } from '../../src/views/hints.ts';

const p = (handle: string, roles: Role[], extra: Partial<Person> = {}): Person => ({
  id: handle,
  handle,
  email: `${handle}@example.org`,
  name: handle[0]!.toUpperCase() + handle.slice(1),
  roles,
  ...extra,
});

/** A directory that makes every ballot meaningful: 2 parties, SECAS, 5 Change Board, 5 Panel (chair included). */
export function demoPeople(): Person[] {
  return [
    p('alice', ['party']),
    p('bob', ['party']),
    p('sam', ['secas']),
    p('cb1', ['change_board'], { votingGroup: 'suppliers', alternate: 'alt1' }),
    p('cb2', ['change_board'], { votingGroup: 'suppliers' }),
    p('cb3', ['change_board'], { votingGroup: 'networks' }),
    p('cb4', ['change_board'], { votingGroup: 'networks' }),
    p('cb5', ['change_board'], { votingGroup: 'consumers' }),
    p('alt1', ['party']),
    p('chair', ['panel_chair']),
    p('pm1', ['panel']),
    p('pm2', ['panel']),
    p('pm3', ['panel']),
    p('pm4', ['panel']),
    p('ada', ['admin']),
    p('nobody', []),
  ];
}

/** A command as written before the schema fills its defaults (the boundary's input), type-checked. */
export type CommandInput = z.input<typeof commandSchema>;

export class Scenario {
  world: World = emptyWorld();
  now: Date;
  people: Person[];
  settings: Settings;
  calendar: Calendar;
  history: { events: DomainEvent[]; reply: string; at: string }[] = [];

  constructor(
    start = '2026-12-01T10:00',
    opts: { people?: Person[]; settings?: Partial<Settings>; calendar?: Calendar } = {},
  ) {
    this.now = londonTime(start);
    this.people = opts.people ?? demoPeople();
    this.settings = { ...DEFAULT_SETTINGS, ...opts.settings };
    this.calendar = opts.calendar ?? createCalendar();
  }

  ctx(actor: string | 'system'): Context {
    const person = this.people.find((x) => x.id === actor);
    if (actor !== 'system' && !person) throw new Error(`no person ${actor} in the scenario`);
    return {
      now: this.now,
      actor: person ? { kind: 'person', person } : { kind: 'system' },
      calendar: this.calendar,
      settings: this.settings,
      people: this.people,
    };
  }

  /** Moves the clock, firing deadlines that fall due on the way (R69 order). */
  at(time: string): this {
    const to = londonTime(time);
    if (to < this.now) throw new Error(`time goes backwards: ${time}`);
    this.fireDue(to);
    this.now = to;
    return this;
  }

  fireDue(until: Date): Decision[] {
    const fired: Decision[] = [];
    for (;;) {
      const due = Object.values(this.world.modifications)
        .flatMap((m) => m.deadlines.filter((d) => d.status === 'pending').map((d) => ({ m: m.number, d })))
        .filter(({ d }) => new Date(d.due) <= until)
        .sort((a, b) => a.d.due.localeCompare(b.d.due));
      const next = due[0];
      if (!next) return fired;
      const saved = this.now;
      this.now = new Date(next.d.due);
      const r = this.exec('system', { type: 'deadline-fire', ref: next.m, deadlineId: next.d.id });
      if (isRefusal(r)) throw new Error(`deadline ${next.d.what} refused: ${r.message}`);
      fired.push(r);
      if (this.now < saved) this.now = saved;
    }
  }

  /** Runs a command (validated by the zod schema, as the boundary does). */
  exec(actor: string | 'system', cmd: CommandInput): Result {
    const parsed = commandSchema.parse(cmd) as Command;
    // What a bare reader (a script, a Teams 1:1 chat) sees: each command the text names, unmarked.
    const decided = decide(this.world, parsed, this.ctx(actor));
    const r: Result = isRefusal(decided)
      ? { ...decided, message: commandsAs(decided.message, undefined) }
      : { ...decided, reply: commandsAs(decided.reply, undefined) };
    if (!isRefusal(r)) {
      this.world = evolveAll(this.world, r.events, this.now.toISOString());
      this.history.push({ events: r.events, reply: r.reply, at: this.now.toISOString() });
    }
    return r;
  }

  /** Runs a command that must succeed; returns the decision. */
  ok(actor: string, cmd: CommandInput): Decision {
    const r = this.exec(actor, cmd);
    if (isRefusal(r))
      throw new Error(`expected ${cmd.type} by ${actor} to succeed, refused ${r.code}: ${r.message}`);
    return r;
  }

  /** Runs a command that must be refused with `code`, and checks nothing changed. */
  refused(actor: string, cmd: CommandInput, code: Refusal['code']): Refusal {
    const before = JSON.stringify(this.world);
    const r = this.exec(actor, cmd);
    expect(isRefusal(r) ? r.code : 'accepted', `${cmd.type} by ${actor}`).toBe(code);
    expect(JSON.stringify(this.world)).toBe(before);
    return r as Refusal;
  }

  mod(n: number): Modification {
    const m = this.world.modifications[n];
    if (!m) throw new Error(`no modification ${n}`);
    return m;
  }

  eventTypes(d: Decision): string[] {
    return d.events.map((e) => e.type);
  }

  pendingDeadlines(n: number) {
    return this.mod(n).deadlines.filter((d) => d.status === 'pending');
  }
}

export function londonTime(s: string): Date {
  const d = parseLondonDateTime(s);
  if (!d) throw new Error(`bad time ${s}`);
  return d;
}

/**
 * Given: DP001 "Tariff data" raised by alice at the scenario's start, optionally moved to `status` and
 * given a Working Group, built by folding events (for stage specs that start mid-process).
 */
export function givenDp(opts: { start?: string; status?: Status; wg?: string[] } = {}): Scenario {
  const s = new Scenario(opts.start ?? '2026-12-01T10:00');
  const at = s.now.toISOString();
  const events: DomainEvent[] = [
    {
      type: 'Raised',
      n: 1,
      title: 'Tariff data',
      problem: 'Gaps',
      proposer: 'alice',
      fastTrackRequested: false,
      at,
    },
  ];
  if (opts.status) events.push({ type: 'StatusChanged', n: 1, from: 'draft', to: opts.status });
  if (opts.wg) {
    events.push({
      type: 'WorkingGroupFormed',
      n: 1,
      wgId: 'wg-1',
      members: opts.wg,
      torVersion: null,
      shared: [1],
    });
  }
  s.world = evolveAll(s.world, events, at);
  return s;
}
