// `report <ref> iar|development|modification|summary <link>` (R5, R7, R17, R55, R65): versioned documents.
// In the Report Stage the Modification Report and the Decision Summary are final: only a change marked
// non-material, with a note, is accepted, and the history shows it as such (R7).
import type { CommandOf } from '../commands.ts';
import type { Modification, World } from '../modification.ts';
import { refOf } from '../modification.ts';
import { REPORT_ITEM_IDS, unknownItems } from '../report-checklist.ts';
import type { Context, Refusal, Status } from '../types.ts';
import { PRE_ROUTING, isRefusal, refuse } from '../types.ts';
import type { Result } from './common.ts';
import { actorId, getMod, nowIso, ok } from './common.ts';
import { statusIs, statusLabel } from '../words.ts';
import { cmd as cmdText } from '../../views/hints.ts';

type Doc = CommandOf<'report'>['doc'];

export const DOC_NAMES: Record<Doc, string> = {
  iar: 'Initial Assessment Report',
  development: 'Development Report',
  modification: 'Modification Report',
  summary: 'Decision Summary',
};

/** Where each document may be recorded; in FINAL_IN only a non-material change is accepted (R7, R65). */
const ALLOWED: Record<Doc, readonly Status[]> = {
  iar: [...PRE_ROUTING, 'development', 'refinement'],
  development: ['development', 'awaiting_panel'],
  modification: ['refinement'],
  summary: ['awaiting_authority', 'approved', 'rejected', 'implemented'],
};
const FINAL_IN: Partial<Record<Doc, readonly Status[]>> = {
  modification: ['report', 'awaiting_authority'],
  // The Decision Summary is published after the decision; it is final only once sent back to the Report Stage.
  summary: ['report'],
};

function check(m: Modification, cmd: CommandOf<'report'>): Refusal | undefined {
  const name = DOC_NAMES[cmd.doc];
  if (cmd.items && cmd.doc !== 'modification') {
    return refuse('bad_input', 'items= lists the report checklist items a Modification Report covers.');
  }
  const bad = unknownItems(cmd.items ?? []);
  if (bad.length)
    return refuse(
      'bad_input',
      `Unknown report item ${bad.join(', ')}; the items are ${REPORT_ITEM_IDS.join(', ')}.`,
    );
  if (cmd.doc === 'summary' && m.decisionSummaryDraft === undefined) {
    return refuse(
      'prerequisites',
      `${refOf(m)} has no Decision Summary yet: it is drafted when the decision ballot closes.`,
    );
  }
  if (FINAL_IN[cmd.doc]?.includes(m.status)) {
    // R7, R18: routed straight to the Report Stage (§9.5), an MP has no Modification Report yet; its first
    // version is recorded as usual, and only later versions are final. The consultation and the decision
    // ballot wait for that first version, so it always comes before either opens.
    if (cmd.doc === 'modification' && !m.documents.modification?.length) return undefined;
    if (cmd.nonMaterial && cmd.note) return undefined;
    return refuse(
      'report_final',
      `The ${name} of ${refOf(m)} is final in the Report Stage: only a non-material change with a note is accepted (${cmdText(`report ${refOf(m)} ${cmd.doc} <link> non-material note="…"`)}).`,
    );
  }
  if (!ALLOWED[cmd.doc].includes(m.status)) {
    // Where it is final it is still recorded (a first version, or a non-material change), so say so too.
    const where = [...ALLOWED[cmd.doc], ...(FINAL_IN[cmd.doc] ?? [])];
    return refuse(
      'wrong_status',
      `${refOf(m)} is ${statusIs(m.status)}: the ${name} is recorded when it is ${where.map(statusIs).join(' or ')}.`,
    );
  }
  // R14, R52: awaiting the Panel, a Development Report is a new version for a DP back from Development,
  // not a first one for a DP that never went there.
  if (cmd.doc === 'development' && m.status === 'awaiting_panel' && m.route !== 'development') {
    return refuse(
      'wrong_status',
      `${refOf(m)} has not been through Development: a ${name} is recorded while a DP is in development.`,
    );
  }
  return undefined;
}

function nextText(m: Modification, doc: Doc): string {
  // Only in development does the proposer then choose (R52); back with the Panel, it has proceeded.
  if (doc === 'development')
    return m.status === 'development'
      ? ` The proposer may now ask to proceed (${cmdText(`proceed ${refOf(m)}`)}) or withdraw.`
      : '';
  if (doc === 'summary') return ` The status stays ${statusLabel(m.status)}.`;
  return '';
}

export function recordDocument(world: World, cmd: CommandOf<'report'>, ctx: Context): Result {
  const m = getMod(world, cmd.ref);
  if (isRefusal(m)) return m;
  const denied = check(m, cmd);
  if (denied) return denied;
  const versions = m.documents[cmd.doc] ?? [];
  const version = (versions[versions.length - 1]?.version ?? 0) + 1;
  const nonMaterial = cmd.nonMaterial ? ' (non-material change)' : '';
  const covers = cmd.items?.length ? `, covering ${cmd.items.join(', ')}` : '';
  const verb = cmd.doc === 'summary' ? 'Published' : 'Recorded';
  return ok(
    `${verb} the ${DOC_NAMES[cmd.doc]} v${version} for ${refOf(m)}${covers}${nonMaterial}.${nextText(m, cmd.doc)}`,
    [
      {
        type: 'DocumentRecorded',
        n: m.number,
        doc: cmd.doc,
        version,
        link: cmd.link,
        by: actorId(ctx),
        at: nowIso(ctx),
        ...(cmd.nonMaterial ? { nonMaterial: true } : {}),
        ...(cmd.note ? { note: cmd.note } : {}),
        ...(cmd.items ? { items: cmd.items } : {}),
      },
    ],
  );
}
