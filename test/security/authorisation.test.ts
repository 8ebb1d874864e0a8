// R2 (QUALITY.md, security): the authorisation matrix through the real adapters. Every typed command ×
// every role and relation (proposer, Working Group member, registered with no role, unregistered), in
// the state where the command is otherwise done, through the signed Slack app and the Teams app on one
// database: allowed → its event is written, by that person, from that platform; refused → a private
// refusal (code `forbidden` recorded, "Only …" shown) and nothing written. The cases come from the
// permission table (roles.ts), so a new command without a case fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandType } from '../../src/domain/commands.ts';
import { COMMAND_TYPES } from '../../src/domain/commands.ts';
import { PERMISSIONS, roleAllows } from '../../src/domain/roles.ts';
import type { Role } from '../../src/domain/types.ts';
import { USAGE } from '../../src/domain/grammar/usage.ts';
import type { TypedCommand } from '../../src/domain/grammar/usage.ts';
import { NOT_REGISTERED } from '../../src/app/execute.ts';
import type { Target } from '../support/databases.ts';
import { POSTGRES, databasesForThisFile, pgUnreachable, query } from '../support/databases.ts';
import { id } from '../support/directory.ts';
import type { Bots, Platform } from './harness.ts';
import { DIRECTORY, PLATFORMS, STRANGER, startBots } from './harness.ts';
import { HAPPY, STATES, TEXT, UNTYPED } from './matrix-cases.ts';
import type { Happy } from './matrix-cases.ts';
import { london } from '../support/directory.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { SLASH_COMMAND } from '../../adapters/slack/render/blocks.ts';
import { mentionFor } from '../../adapters/teams/render/mention.ts';

/**
 * R42: `admin channel` is typed in the channel it registers (it is refused in a 1:1 chat); on Teams the
 * answer to a channel line is in that channel, where every command it names takes the @mention.
 */
const inTeamsChannel = (t: string, p: Platform): boolean => p === 'teams' && t === 'admin-channel';

/** One person per role, plus the relations: alice proposes DP001, alice and bob sit on its Working Group. */
const ACTORS = ['alice', 'bob', 'sam', 'cb4', 'pm1', 'chair', 'ada', 'nobody'] as const;
const PROPOSER = 'alice';
const WG = ['alice', 'bob'];
const rolesOf = (h: string): Role[] => DIRECTORY.find((p) => p.handle === h)?.roles ?? [];

/** R2 from the table alone: may this actor do this command to DP001? */
function tableAllows(type: CommandType, h: string): boolean {
  if (roleAllows(type, rolesOf(h))) return true;
  switch (PERMISSIONS[type].relation) {
    case 'proposer':
      return h === PROPOSER;
    case 'wg_member':
      return WG.includes(h);
    case 'registered':
      return true;
    default:
      return false;
  }
}

const TYPED = COMMAND_TYPES.filter((t): t is TypedCommand => !UNTYPED.includes(t));
const [pglite] = databasesForThisFile();

describe('R2 the matrix covers every command', () => {
  it('R2 every command in the permission table has a typed line and a state where it is done', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...COMMAND_TYPES].sort());
    for (const t of TYPED) {
      expect(TEXT[t], t).toBeTypeOf('string');
      expect(HAPPY[t], t).toBeDefined();
      expect(STATES[HAPPY[t].state], t).toBeDefined();
    }
    expect(Object.keys(HAPPY).sort()).toEqual([...TYPED].sort());
    // The scheduler's command has no typed form and no usage line (R2: people cannot fire deadlines).
    for (const t of UNTYPED) expect(Object.hasOwn(USAGE, t), t).toBe(false);
  });
});

/** The whole matrix on PGlite; a sample on PostgreSQL (one session per command there, and the locks). */
const SAMPLE: TypedCommand[] = [
  'vote',
  'ballot-close',
  'object',
  'proceed',
  'available',
  'admin-role',
  'panel-route',
];
if (pglite) matrix(pglite, TYPED);
if (!pgUnreachable) matrix(POSTGRES, SAMPLE);

function matrix(target: Target, types: readonly TypedCommand[]) {
  describe(`R2 authorisation matrix through Slack and Teams on ${target.name}`, () => {
    let bots: Bots;
    beforeAll(async () => {
      bots = await startBots(await target.store());
    }, 60_000);
    afterAll(() => bots?.close());

    /** Types the command's line and checks a refusal: private, recorded with `code`, nothing written. */
    async function expectRefused(
      t: TypedCommand,
      h: string,
      p: Platform,
      code: string | undefined,
      at: Date,
    ): Promise<void> {
      const label = `${t} by ${h} on ${p}`;
      const before = await bots.rows();
      bots.clock.now = at;
      const a = await bots.type(p, h, TEXT[t], t === 'admin-channel' ? 'C0PANEL' : undefined);
      expect(a.privately, label).toBe(!inTeamsChannel(t, p));
      if (h === STRANGER) {
        expect(a.reply, label).toBe(NOT_REGISTERED);
        expect(await bots.outcome(a.deliveryId), label).toBeUndefined();
      } else {
        const o = await bots.outcome(a.deliveryId);
        expect(o?.ok, `${label}: ${a.reply}`).toBe(false);
        if (code) expect(o?.code, `${label}: ${a.reply}`).toBe(code);
        else expect(o?.code, `${label}: ${a.reply}`).not.toBe('forbidden');
        // The stored outcome keeps its commands marked; the person reads them as typed on their
        // platform (R42, R77): after /sec on Slack, bare in the Teams 1:1 chat the harness types in.
        const prefix =
          p === 'slack' ? SLASH_COMMAND : inTeamsChannel(t, p) ? mentionFor('channel') : undefined;
        expect(a.reply, label).toBe(commandsAs(o?.reply ?? '', prefix));
        if (code === 'forbidden' && PERMISSIONS[t].roles.length + (PERMISSIONS[t].relation ? 1 : 0) > 0)
          expect(a.reply, label).toMatch(/^Only .* can /);
      }
      expect(await bots.rows(), label).toEqual(before);
    }

    async function expectDone(t: TypedCommand, c: Happy, h: string, p: Platform, at: Date): Promise<void> {
      const label = `${t} by ${h} on ${p}`;
      const [last] = await query<{ id: number | null }>(bots.store, 'select max(id) as id from events');
      bots.clock.now = at;
      const a = await bots.type(p, h, TEXT[t], t === 'admin-channel' ? 'C0PANEL' : undefined);
      expect(a.privately, label).toBe(!inTeamsChannel(t, p));
      const o = await bots.outcome(a.deliveryId);
      expect(o?.ok, `${label}: ${a.reply}`).toBe(true);
      const written = await query<{ type: string; actor: string; platform: string }>(
        bots.store,
        `select type, actor, platform from events where id > ${Number(last?.id ?? 0)} order by id`,
      );
      expect(
        written.map((e) => e.type),
        label,
      ).toContain(c.event);
      expect(new Set(written.map((e) => `${e.actor} ${e.platform}`)), label).toEqual(
        new Set([`${id(h)} ${p}`]),
      );
    }

    // R2 with the state: the same line by the same person, allowed in one state and refused in another.
    const STATEFUL: {
      t: TypedCommand;
      h: string;
      state: keyof typeof STATES;
      at?: string;
      code?: string;
      event?: string;
    }[] = [
      { t: 'vote', h: 'cb4', state: 'consulted', code: 'no_open_ballot' },
      { t: 'vote', h: 'cb4', state: 'voted', code: 'ballot_closed' },
      { t: 'object', h: 'alice', state: 'ftWindow', at: '2027-02-01T10:00', code: 'window_closed' },
      { t: 'object', h: 'bob', state: 'ftBallot', code: 'wrong_status' },
      { t: 'ballot-close', h: 'chair', state: 'ftBallot', event: 'BallotClosed' },
      { t: 'ballot-close', h: 'sam', state: 'ftBallot', code: 'forbidden' },
      { t: 'proceed', h: 'alice', state: 'development', code: 'prerequisites' },
      { t: 'available', h: 'bob', state: 'refinement' },
    ];
    if (types.length === TYPED.length) {
      for (const c of STATEFUL) {
        const what = c.event ?? c.code ?? 'refused by the stage';
        it(`R2 ${c.t} by ${c.h} when ${c.state}${c.at ? ` at ${c.at}` : ''}: ${what}`, async () => {
          const at = london(c.at ?? '2026-12-01T10:00');
          for (const p of PLATFORMS) {
            await bots.build(STATES[c.state]);
            if (c.event) await expectDone(c.t, { ...HAPPY[c.t], event: c.event }, c.h, p, at);
            else await expectRefused(c.t, c.h, p, c.code, at);
          }
        });
      }
    }

    for (const t of types) {
      const c = HAPPY[t];
      const refusedActors = ACTORS.filter((h) => !c.by.includes(h));
      it(`R2 ${t}: ${c.by.join(', ')} may (${c.event}); ${refusedActors.join(', ')} and strangers are refused, writing nothing`, async () => {
        const at = c.at ? london(c.at) : london('2026-12-01T10:00');
        await bots.build(STATES[c.state]);
        for (const h of refusedActors) {
          const code = tableAllows(t, h) ? c.others : 'forbidden';
          for (const p of PLATFORMS) await expectRefused(t, h, p, code, at);
        }
        for (const p of PLATFORMS) await expectRefused(t, STRANGER, p, undefined, at);
        let clean = true;
        for (const [i, h] of c.by.entries()) {
          expect(tableAllows(t, h), `${h} is allowed ${t} by the table`).toBe(true);
          const platforms = c.independent ? [PLATFORMS[i % 2] as Platform] : PLATFORMS;
          for (const p of platforms) {
            if (!clean) await bots.build(STATES[c.state]);
            await expectDone(t, c, h, p, at);
            clean = Boolean(c.independent);
          }
        }
      });
    }
  });
}
