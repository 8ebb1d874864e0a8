// R17: what a Modification Report carries, as data. `report <ref> modification <link>
// items=…` says which items a version covers; the Panel chair cannot approve a report with a missing item
// unless recording why it does not apply (`na:<item>="why"`, R65).
import type { Modification } from './modification.ts';
import { refOf } from './modification.ts';
import { cmd } from '../views/hints.ts';

export interface ReportItem {
  id: string;
  title: string;
  clause: string;
}

export const REPORT_ITEMS: readonly ReportItem[] = [
  { id: 'background', title: 'Background and the issue', clause: 'R17' },
  { id: 'solutions', title: 'Each solution', clause: 'R17' },
  { id: 'requirements', title: 'Business requirements of each solution', clause: 'R17, R16.2' },
  { id: 'legal-text', title: 'Legal text of each solution', clause: 'R17, R16.3' },
  { id: 'impacts-costs', title: 'Participant impacts and costs', clause: 'R17' },
  { id: 'implementation', title: 'Implementation approach', clause: 'R17' },
  { id: 'benefits', title: 'Benefits case', clause: 'R17, R16.4' },
  { id: 'wg-conclusions', title: "The Working Group's discussions and conclusions", clause: 'R17' },
  {
    id: 'views',
    title: 'Views of the proposer, the Working Group, Sub-Committees and industry',
    clause: 'R17, R37',
  },
  { id: 'dcc-assessment', title: 'The latest DCC assessment', clause: 'R17, R16.3, R16.10' },
];

export const REPORT_ITEM_IDS: readonly string[] = REPORT_ITEMS.map((i) => i.id);

/** R16.6, R17, R18: SECAS has recorded at least one version of the Modification Report. */
export const hasModificationReport = (m: Pick<Modification, 'documents'>): boolean =>
  (m.documents.modification?.length ?? 0) > 0;

/**
 * R17: the command SECAS types to record a version of the Modification Report, naming the items it covers
 * (the Panel chair's approval checks them, R16.12); only SECAS may type it.
 */
export const recordReportCommand = (ref: string): string => `report ${ref} modification <link> items=<id,…>`;

/**
 * R16.6: how SECAS completes the Draft Modification Report step, for SECAS to read: the step is done
 * once a version is recorded, so the first version (or a new one, when the report is redrafted) comes first.
 */
export function draftReportHow(m: Pick<Modification, 'documents' | 'number' | 'isMP'>): string {
  const ref = refOf(m);
  const record = cmd(recordReportCommand(ref));
  const done = cmd(`step ${ref} draft-report done`);
  return hasModificationReport(m)
    ? `record the new version (${record}), then mark the draft done (${done})`
    : `record it (${record}), then mark the draft done (${done})`;
}

export const unknownItems = (ids: readonly string[]): string[] =>
  ids.filter((id) => !REPORT_ITEM_IDS.includes(id));

/** Items the latest Modification Report covers (the newer version supersedes the older). */
export function coveredItems(m: Pick<Modification, 'documents'>): string[] {
  const versions = m.documents.modification ?? [];
  return versions[versions.length - 1]?.items ?? [];
}

/** Items neither covered by the latest report nor given a reason why they do not apply. */
export function missingItems(
  m: Pick<Modification, 'documents'>,
  na: Readonly<Record<string, string>>,
): ReportItem[] {
  const covered = new Set(coveredItems(m));
  return REPORT_ITEMS.filter((i) => !covered.has(i.id) && !(na[i.id] ?? '').trim());
}
