import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript, scriptArgs } from '../../adapters/cli/script.ts';
import {
  finalEntries,
  jsonText,
  notifyItem,
  toJsonLine,
  toText,
  uniqueNotifications,
} from '../../adapters/cli/script-output.ts';
import type { Notification } from '../../src/app/notification.ts';
import type { Modification } from '../../src/domain/modification.ts';

const at = new Date('2026-07-01T08:30:00Z');

describe('R69 R70 script output (pure)', () => {
  it('R69 a command prints {"line", "ok", "code", "reply"} with the spacing of SPEC §8.1', () => {
    const line = toJsonLine({
      kind: 'command',
      line: 7,
      ok: false,
      code: 'not_eligible',
      reply: 'No "vote".',
    });
    expect(line).toBe('{"line": 7, "ok": false, "code": "not_eligible", "reply": "No \\"vote\\"."}');
    expect(JSON.parse(line)).toEqual({ line: 7, ok: false, code: 'not_eligible', reply: 'No "vote".' });
    expect(toJsonLine({ kind: 'command', line: 3, ok: true, code: null, reply: 'Done' })).toBe(
      '{"line": 3, "ok": true, "code": null, "reply": "Done"}',
    );
  });

  it('R69 a notification prints the London time and channel:<name> or person:<handle>', () => {
    const handles: Record<string, string> = { 'ann@example.org': 'ann' };
    const dm: Notification = {
      key: 'k1',
      to: { kind: 'person', person: 'ann@example.org' },
      text: 'Hi\nthere',
    };
    const ch: Notification = { key: 'k2', to: { kind: 'channel', channel: 'announcements' }, text: 'News' };
    const stranger: Notification = { key: 'k3', to: { kind: 'person', person: 'x@example.org' }, text: 'X' };
    const look = (id: string): string | undefined => handles[id];
    expect(toJsonLine(notifyItem(at, dm, look))).toBe(
      '{"at": "2026-07-01T09:30:00+01:00", "notify": {"to": "person:ann", "text": "Hi\\nthere"}}',
    );
    expect(JSON.parse(toJsonLine(notifyItem(at, ch, look)))).toEqual({
      at: '2026-07-01T09:30:00+01:00',
      notify: { to: 'channel:announcements', text: 'News' },
    });
    expect(notifyItem(at, stranger, look)).toMatchObject({ to: 'person:x@example.org' });
    expect(uniqueNotifications([dm, ch, { ...dm }]).map((n) => n.key)).toEqual(['k1', 'k2']);
  });

  it('R70 final lists modifications by number with pending non-reminder deadlines sorted by due', () => {
    const dl = (id: string, what: string, due: string, extra: object = {}) => ({
      id,
      what,
      due,
      calendarVersion: 'v1',
      status: 'pending' as const,
      reminder: false,
      ...extra,
    });
    const mods = [
      {
        number: 12,
        isMP: true,
        status: 'report',
        deadlines: [
          dl('d1', 'consult-close:report', '2027-01-20T17:00:00.000Z'),
          dl('d2', 'reminder:consult-close:report', '2027-01-19T17:00:00.000Z', { reminder: true }),
          dl('d3', 'timetable:report', '2026-12-20T17:00:00.000Z'),
          dl('d4', 'views-close', '2026-11-20T17:00:00.000Z', { status: 'fired' }),
          dl('d5', 'ballot-close:decision', '2026-12-01T17:00:00.000Z', { status: 'cancelled' }),
        ],
      },
      {
        number: 3,
        isMP: false,
        status: 'draft',
        deadlines: [dl('d6', 'secas-comments', '2026-07-08T16:00:00.000Z')],
      },
    ] as unknown as Modification[];
    const final = finalEntries(mods);
    expect(final).toEqual([
      {
        ref: 'DP003',
        number: 3,
        status: 'draft',
        deadlines: [{ what: 'secas-comments', due: '2026-07-08T17:00:00+01:00' }],
      },
      {
        ref: 'MP012',
        number: 12,
        status: 'report',
        deadlines: [
          { what: 'timetable:report', due: '2026-12-20T17:00:00+00:00' },
          { what: 'consult-close:report', due: '2027-01-20T17:00:00+00:00' },
        ],
      },
    ]);
    expect(toJsonLine({ kind: 'final', final })).toMatch(
      /^\{"final": \[\{"ref": "DP003", "number": 3, "status": "draft", "deadlines": \[\{"what": "secas-comments", "due": "2026-07-08T17:00:00\+01:00"\}\]\}, /,
    );
  });

  it('prints a readable transcript without --json', () => {
    expect(toText({ kind: 'command', line: 4, ok: false, code: 'forbidden', reply: 'Only SECAS.' })).toBe(
      'line 4: refused (forbidden)\n    Only SECAS.',
    );
    expect(toText({ kind: 'notify', at, to: 'channel:panel', text: 'A\nB' })).toBe(
      '  Wed 1 Jul 2026, 09:30 -> channel:panel\n      A\n      B',
    );
    expect(
      toText({
        kind: 'final',
        final: [
          {
            ref: 'MP001',
            number: 1,
            status: 'approved',
            deadlines: [{ what: 'implementation', due: '2027-04-01T00:00:00+01:00' }],
          },
        ],
      }),
    ).toBe('final:\n  MP001  approved\n      implementation: Thu 1 Apr 2027, 00:00');
    expect(toText({ kind: 'final', final: [] })).toBe('final:\n  (no modifications)');
    expect(jsonText({ a: [1, { b: null }], c: 'x' })).toBe('{"a": [1, {"b": null}], "c": "x"}');
  });
});

const PEOPLE = [
  'people:',
  'alice alice@example.org "Alice Party" party',
  'sam sam@example.org "Sam Secas" secas',
  'cb1 CB1@example.org "Cb One" change_board alt=cb2',
  // R62: an alternate is not on the Change Board (a member votes in their own seat).
  'cb2 cb2@example.org "Cb Two" party',
  '',
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'secbot-script-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(lines: string[], extra: string[] = ['--json']) {
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.sec`);
  writeFileSync(file, lines.join('\n'));
  const out: string[] = [];
  const err: string[] = [];
  const code = await runScript([file, ...extra], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err, file };
}

describe('secbot script (R68, R69, R70)', () => {
  it('R69 deadlines due before a line fire first, in due order, at their due time; then the line and its notifications', async () => {
    const r = await run([
      ...PEOPLE,
      'config SEC_VIEWS_WD=2',
      '2027-01-11T09:00 alice raise title="T" problem="P"',
      '2027-01-12T10:00 sam iar DP001 impacts="x" route=report',
      '2027-01-12T10:05 sam views open DP001',
      '2027-01-12T10:06 cb1 vote DP001 approve',
      '2027-01-12T10:07 alice frobnicate',
      '# the views close (2 Working Days) and the SECAS reminder (4th Working Day) fall due before this line',
      '2027-01-18T12:00 cb1 status DP001',
    ]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const objs = r.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    const kinds = objs.map((o) =>
      'line' in o ? `line ${String(o.line)}` : 'at' in o ? `at ${String(o.at)}` : 'final',
    );
    // Every line is JSON with the key order of SPEC §8.1.
    for (const o of objs) {
      const keys = Object.keys(o).join(',');
      expect(['line,ok,code,reply', 'at,notify', 'final']).toContain(keys);
    }
    const line = (n: number) => kinds.indexOf(`line ${n}`);
    expect(line(8)).toBe(0);
    expect(kinds.slice(line(8) + 1, line(9))).toEqual([
      'at 2027-01-11T09:00:00+00:00',
      'at 2027-01-11T09:00:00+00:00',
    ]);
    // A refused command and a line the grammar cannot read are results (exit 0), with codes.
    expect(objs[line(11)]).toMatchObject({ ok: false, code: 'no_open_ballot' });
    expect(objs[line(12)]).toMatchObject({ ok: false, code: 'bad_input' });
    expect(objs[line(12)]?.reply).toMatch(/Unknown command "frobnicate".*Usage: help/);
    // Between lines 12 and 14: the views close (Thu 14 Jan) and the SECAS reminder (Fri 15 Jan), in due order,
    // each stamped with its due time; the wording and the count per deadline are the notifications' business.
    const between = objs.slice(line(12) + 1, line(14)).map((o) => o.at as string);
    expect(between).toEqual([...between].sort());
    expect([...new Set(between)]).toEqual(['2027-01-14T17:00:00+00:00', '2027-01-15T17:00:00+00:00']);
    expect(objs[line(14)]).toMatchObject({ ok: true, code: null });
    expect(objs[line(14)]?.reply).toMatch(/Status: Awaiting the Panel/);
    // R70: the final object, with the pending non-reminder deadline printed in London time.
    expect(objs.at(-1)).toEqual({
      final: [
        {
          ref: 'DP001',
          number: 1,
          status: 'awaiting_panel',
          deadlines: [{ what: 'secas-comments', due: '2027-01-18T17:00:00+00:00' }],
        },
      ],
    });
  });

  it('R68 a malformed file exits 2 naming the file and line, before any database is opened', async () => {
    const started = performance.now();
    const r = await run([...PEOPLE, '2027-01-11T09:00 alice help', '2027-01-10T09:00 alice help']);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([`secbot script: ${r.file}:8: time 2027-01-10T09:00 is before the time on line 7`]);
    expect(performance.now() - started).toBeLessThan(1000);
    const unknown = await run([...PEOPLE, '2027-01-11T09:00 zed help']);
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toMatch(/:7: unknown handle zed/);
  });

  it('exits 2 on bad arguments or an unreadable file, with the usage line', async () => {
    const errs: string[] = [];
    const io = { out: () => {}, err: (l: string) => errs.push(l) };
    expect(await runScript([], io)).toBe(2);
    expect(await runScript(['a.sec', '--yaml'], io)).toBe(2);
    expect(await runScript([join(dir, 'missing.sec')], io)).toBe(2);
    expect(errs.join('\n')).toMatch(/no script file given[\s\S]*usage: secbot script FILE/);
    expect(errs.join('\n')).toMatch(/unknown option --yaml/);
    expect(errs.join('\n')).toMatch(/cannot read .*missing\.sec/);
    expect(scriptArgs(['--database-url=postgres://h/db', 'x.sec', '--json'])).toEqual({
      file: 'x.sec',
      json: true,
      databaseUrl: 'postgres://h/db',
    });
  });

  it('without --json prints a readable transcript with London times', async () => {
    const r = await run([...PEOPLE, '2026-07-01T09:30 alice raise title="Summer" problem="P"'], []);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toMatch(/^line 7: ok\n {4}DP001 raised/);
    expect(text).toContain('  Wed 1 Jul 2026, 09:30 -> channel:change-board');
    expect(text).toMatch(/final:\n {2}DP001 {2}draft\n {6}secas-comments: Wed 8 Jul 2026, 17:00$/);
  });
});
