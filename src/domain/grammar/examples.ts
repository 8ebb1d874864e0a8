// R72: one example per command for `help <command>`, derived from its usage line (usage.ts, itself from
// the grammar's fields): optional parts dropped, the first of each choice, placeholders filled with
// plain values. The few whose usage cannot be filled that way are written out. Every example is parsed
// back in the tests, so an example can never drift from the grammar.
import type { UsageKey } from './usage.ts';
import { USAGE } from './usage.ts';

const FILLS: [RegExp, string][] = [
  [/<ref>\[,<ref>…\]/g, 'MP001'],
  [/<ref>/g, 'MP001'],
  [/<YYYY-MM-DDTHH:MM>…?/g, '2027-03-02T10:00'],
  [/<date>/g, '2027-03-01'],
  [/<slot n>|<n>/g, '2'],
  [/<option>/g, 'approve'],
  [/<person,…>/g, 'alice@example.org'],
  [/<person>…?|<member>/g, 'alice@example.org'],
  [/<email>/g, 'pat@example.org'],
  [/<name>/g, 'Pat'],
  [/<role>/g, 'panel'],
  [/<link>/g, 'https://example.org/doc'],
  [/<item>/g, 'legal-text'],
  [/<step>/g, 'benefits'],
  [/<id>/g, 'slack:U012AB3CD'],
  [/<reason>|<text>|<rationale>/g, 'As agreed at the meeting'],
];

/** Written out where the usage line has no single obvious filling. */
const WRITTEN: Partial<Record<UsageKey, string>> = {
  workdays: 'workdays 2027-03-01 15',
  help: 'help voting',
  amend: 'amend DP001 problem="A clearer problem"',
  'meeting-confirm': 'meeting confirm MP001 2',
  raise: 'raise title="Faster switching" problem="Switching takes too long"',
  respond: 'respond MP001 org="Bob Energy" S0=support',
  split: 'split DP001 title="Second part" problem="The other half"',
  merge: 'merge DP002 into DP001',
  batch: 'batch DP001 DP002',
  'meeting-propose': 'meeting propose MP001 2027-03-02T10:00 2027-03-03T14:00',
  'meeting-cancel': 'meeting cancel MP001 the papers are not ready',
  'meeting-held': 'meeting held MP001 attended=alice@example.org',
  'wg-form': 'wg form MP001 bob@example.org cb1@example.org cb2@example.org cb3@example.org',
  'panel-raise-fasttrack': 'panel raise-fasttrack title="Rename a committee" problem="The name changed"',
  'admin-person-add': 'admin person add pat@example.org "Pat Party" party',
  'admin-link': 'admin link alice@example.org slack:U012AB3CD',
  'admin-alternate': 'admin alternate cb1@example.org alt1@example.org',
  'admin-group': 'admin group cb1@example.org suppliers',
  'admin-channel': 'admin channel panel',
  'panel-approve-report': 'panel approve-report MP001',
  'panel-derogate': 'panel derogate MP001 min=3 Few parties are affected',
  report: 'report MP001 modification https://example.org/report-v1',
  'extension-request': 'extension request MP001 legal-text 2027-04-01 The DCC needs more time',
};

/** One example of the command, as typed. */
export function exampleOf(key: UsageKey): string {
  const written = WRITTEN[key];
  if (written) return written;
  let s = USAGE[key]
    .replace(/\s*\([^)]*\)\s*$/, '') // a trailing note such as "(run it in that channel)"
    .replace(/\s*\[[^\]]*\]…?/g, ''); // optional parts
  s = s.replace(/([\w-]+=)?"…"/g, (_m, k: string | undefined) => `${k ?? ''}"Short text"`);
  s = s.replace(
    /([\w-]+=)((?:[\w-]+\|)+[\w-]+)/g,
    (_m, k: string, alts: string) => `${k}${alts.split('|')[0]}`,
  );
  for (const [re, v] of FILLS) s = s.replace(re, v);
  s = s.replace(
    /(^|\s)((?:[\w-]+\|)+[\w-]+)/g,
    (_m, sp: string, alts: string) => `${sp}${alts.split('|')[0]}`,
  );
  return s.replace(/\s+/g, ' ').trim();
}
