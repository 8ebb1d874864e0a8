// R69, R70: what `secbot script` prints, as pure functions of results so that the runner only sequences
// them. JSON Lines keep the spacing shown in SPEC §8.1 (`{"line": 3, "ok": true, …}`) and stay valid JSON.
import type { Notification } from '../../src/app/notification.ts';
import type { Modification } from '../../src/domain/modification.ts';
import { refOf } from '../../src/domain/modification.ts';
import { formatLondon, isoLondon } from '../../src/domain/working-days.ts';
import { commandsAs } from '../../src/views/hints.ts';

/** Scripted mode names every command bare, as typed in a Teams 1:1 chat (src/views/hints.ts). */
const bare = (text: string): string => commandsAs(text, undefined);

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON on one line with `", "` and `": "` separators, key order as given. */
export function jsonText(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(jsonText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${jsonText(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

export interface FinalEntry {
  ref: string;
  number: number;
  status: string;
  deadlines: { what: string; due: string }[];
}

export type OutputItem =
  | { kind: 'command'; line: number; ok: boolean; code: string | null; reply: string }
  | { kind: 'notify'; at: Date; to: string; text: string }
  | { kind: 'final'; final: FinalEntry[] };

/** R69: `channel:<name>` or `person:<handle>`; a person outside the script's block keeps their id. */
export function notifyItem(
  at: Date,
  n: Notification,
  handleOf: (personId: string) => string | undefined,
): OutputItem {
  const to =
    n.to.kind === 'channel' ? `channel:${n.to.channel}` : `person:${handleOf(n.to.person) ?? n.to.person}`;
  return { kind: 'notify', at, to, text: n.text };
}

/** One line per logical message (R69): a notification repeated under one key is printed once. */
export function uniqueNotifications(ns: readonly Notification[]): Notification[] {
  const seen = new Set<string>();
  return ns.filter((n) => {
    if (seen.has(n.key)) return false;
    seen.add(n.key);
    return true;
  });
}

const isReminder = (d: Modification['deadlines'][number]): boolean =>
  d.reminder || d.what.startsWith('reminder');

/** R70: every modification by number, with its pending deadlines other than reminders, by due time. */
export function finalEntries(mods: readonly Modification[]): FinalEntry[] {
  return [...mods]
    .sort((a, b) => a.number - b.number)
    .map((m) => ({
      ref: refOf(m),
      number: m.number,
      status: m.status,
      // Array.prototype.sort is stable, so equal due times keep their creation order.
      deadlines: m.deadlines
        .filter((d) => d.status === 'pending' && !isReminder(d))
        .map((d) => ({ what: d.what, due: new Date(d.due) }))
        .sort((a, b) => a.due.getTime() - b.due.getTime())
        .map((d) => ({ what: d.what, due: isoLondon(d.due) })),
    }));
}

export function toJsonLine(item: OutputItem): string {
  switch (item.kind) {
    case 'command':
      return jsonText({ line: item.line, ok: item.ok, code: item.code, reply: bare(item.reply) });
    case 'notify':
      return jsonText({ at: isoLondon(item.at), notify: { to: item.to, text: bare(item.text) } });
    case 'final':
      return jsonText({
        final: item.final.map((f) => ({
          ref: f.ref,
          number: f.number,
          status: f.status,
          deadlines: f.deadlines.map((d) => ({ what: d.what, due: d.due })),
        })),
      });
  }
}

const indent = (text: string, pad: string): string => text.split('\n').join(`\n${pad}`);

/** The readable transcript printed without --json. */
export function toText(item: OutputItem): string {
  switch (item.kind) {
    case 'command': {
      const head = `line ${item.line}: ${item.ok ? 'ok' : `refused (${item.code ?? 'error'})`}`;
      return `${head}\n    ${indent(bare(item.reply), '    ')}`;
    }
    case 'notify':
      return `  ${formatLondon(item.at)} -> ${item.to}\n      ${indent(bare(item.text), '      ')}`;
    case 'final': {
      const rows = item.final.map((f) => {
        const ds = f.deadlines.map((d) => `\n      ${d.what}: ${formatLondon(new Date(d.due))}`).join('');
        return `  ${f.ref}  ${f.status}${ds}`;
      });
      return `final:\n${rows.length > 0 ? rows.join('\n') : '  (no modifications)'}`;
    }
  }
}
