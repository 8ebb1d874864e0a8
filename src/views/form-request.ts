// Which typed lines open a form instead of running (R43, R65), and what a form
// needs to know about its modification. Shared by both adapters so a line that opens a Slack modal is
// the line that offers a Teams dialog: `raise` alone, or a form command with only a reference when the
// line does not parse as it stands (`proceed DP001` is a whole command; `view DP001` lacks the stance).
import { parseRef } from '../domain/grammar/args.ts';
import { parse } from '../domain/grammar/parse.ts';
import type { Modification } from '../domain/modification.ts';
import type { FormContext, FormId } from './forms.ts';

/** What people type to open each form: the command's words (aliases the grammar accepts too). */
export const FORM_PHRASES: Readonly<Record<string, FormId>> = {
  raise: 'raise',
  amend: 'amend',
  iar: 'iar',
  view: 'view',
  respond: 'respond',
  object: 'object',
  proceed: 'proceed',
  withdraw: 'withdraw',
  'panel route': 'panel-route',
  'panel stall-notice': 'panel-stall-notice',
  'panel stall': 'panel-stall-notice',
  'panel close': 'panel-close',
  'meeting propose': 'meeting-propose',
};

/** The form a line asks for, with the reference it names; undefined for any other line. */
export function formRequest(text: string): { form: FormId; ref?: string } | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words[0] !== undefined && /^\/?sec$/i.test(words[0])) words.shift();
  for (const k of [2, 1]) {
    const form = FORM_PHRASES[words.slice(0, k).join(' ').toLowerCase()];
    if (!form) continue;
    const rest = words.slice(k);
    // Only raise is about nothing yet; the others need to know which one (the usage line says so).
    if (rest.length === 0) return form === 'raise' ? { form } : undefined;
    const ref = rest.length === 1 ? (rest[0] as string) : undefined;
    if (ref !== undefined && parseRef(ref) !== undefined && !parse(text).ok)
      return { form, ref: ref.toUpperCase() };
    return undefined;
  }
  return undefined;
}

/** Forms whose fields come from the modification (prefilled text, one answer per solution). */
export const NEEDS_STATE: ReadonlySet<FormId> = new Set(['amend', 'iar', 'respond', 'panel-route']);

/** The context formFor needs: the modification for the forms that read it, else just the reference. */
export async function formContext(
  form: FormId,
  ref: string | undefined,
  modifications: () => Promise<readonly Modification[]>,
): Promise<FormContext> {
  if (ref === undefined) return {};
  const n = parseRef(ref);
  const m =
    n !== undefined && NEEDS_STATE.has(form)
      ? (await modifications()).find((x) => x.number === n)
      : undefined;
  return m ? { modification: m } : { ref: ref.toUpperCase() };
}
