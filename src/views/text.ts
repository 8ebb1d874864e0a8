// Small wording helpers of the card builders: option labels, plurals, optional fields. Names, times and
// titles the core also uses live in src/domain/words.ts. Plain text only: user text is passed through
// as given, never turned into mentions or links here (R44); the platform renderers escape it.

// R74: a button's label and the confirmation of its click are the same words, from one table.
export { optionWords as optionLabel } from '../domain/words.ts';

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Drops the optional fields that are empty, so cards never show a blank row. */
export function fields(
  rows: [label: string, value: string | undefined][],
): { label: string; value: string }[] {
  return rows
    .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
    .map(([label, value]) => ({ label, value }));
}
