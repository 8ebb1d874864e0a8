// A directory for store and engine tests: the demo people of the core's scenarios, with e-mails
// (person ids are lower-cased e-mails, R1) and handles, plus London-time helpers.
import type { PersonInput } from '../../src/app/engine.ts';
import type { Role } from '../../src/domain/types.ts';
import { parseLondonDateTime } from '../../src/domain/working-days.ts';

const row = (handle: string, roles: Role[], extra: Partial<PersonInput> = {}): PersonInput => ({
  email: `${handle}@example.org`,
  name: handle[0]!.toUpperCase() + handle.slice(1),
  handle,
  roles,
  ...extra,
});

/** Two parties, SECAS, five Change Board members, the Panel (chair + four), an admin. */
export const PEOPLE: PersonInput[] = [
  row('alice', ['party']),
  row('bob', ['party']),
  row('sam', ['secas']),
  row('cb1', ['change_board'], { group: 'suppliers', alternate: 'alt1' }),
  row('cb2', ['change_board'], { group: 'suppliers' }),
  row('cb3', ['change_board'], { group: 'networks' }),
  row('cb4', ['change_board'], { group: 'networks' }),
  row('cb5', ['change_board'], { group: 'consumers' }),
  row('alt1', ['party']),
  row('chair', ['panel_chair']),
  row('pm1', ['panel']),
  row('pm2', ['panel']),
  row('pm3', ['panel']),
  row('pm4', ['panel']),
  row('ada', ['admin']),
];

/** The person id of a handle in PEOPLE. */
export const id = (handle: string): string => `${handle}@example.org`;

export function london(s: string): Date {
  const d = parseLondonDateTime(s);
  if (!d) throw new Error(`bad London time ${s}`);
  return d;
}
