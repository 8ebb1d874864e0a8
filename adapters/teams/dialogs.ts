// Forms as Teams dialogs (task modules; R2, R36, R43, R45, R65), as Slack shows them as modals. A form
// button (Action.Submit + task/fetch, render/card.ts) sends `task/fetch`: the dialog is answered with
// the form's Adaptive Card. Its Submit sends `task/submit`: the values are read and handed to the
// interaction layer as the person in the activity's `from` (never the data, R2), once per activity id
// (R36); field problems answer with the dialog again (values kept, errors under their fields). A line
// typed to the bot that would open a Slack modal is answered with a card whose button opens the same
// dialog. Functions of plain activity shapes, like handlers.ts, so app.ts registers one line per route.
import type { TaskModuleResponse } from '@microsoft/teams.api';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { parse } from '../../src/domain/grammar/parse.ts';
import { formRequest } from '../../src/views/form-request.ts';
import { cmd } from '../../src/views/hints.ts';
import type { MessageLike, TeamsDeps } from './handlers.ts';
import { OUT_OF_DATE, SORRY, addressedText, errorText } from './handlers.ts';
import type { TeamsAccount } from './identity.ts';
import { teamsUser } from './identity.ts';
import { mentionFor, withMention } from './render/mention.ts';
import {
  decodeTaskFetch,
  dialogMessage,
  dialogMeta,
  dialogResponse,
  formPromptCard,
  readDialogSubmission,
  submittedValues,
} from './render/dialog.ts';

/** The fields of a `task/fetch` or `task/submit` invoke the bot reads (`value` is `{ data, context }`). */
export interface TaskInvokeLike {
  id: string;
  from: TeamsAccount;
  value?: unknown;
  conversation?: { conversationType?: unknown } | undefined;
}

const dataOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? (value as { data?: unknown }).data : undefined;

/**
 * The answer to `task/fetch`: the form's dialog, unless its submit would be refused whatever is filled
 * in (not registered, not allowed, the window closed): then that sentence. The submit still decides (R2).
 */
export async function openDialog(deps: TeamsDeps, a: TaskInvokeLike): Promise<TaskModuleResponse> {
  const asked = decodeTaskFetch(a.value);
  if (!asked.ok) {
    // A card from an older release or tampered data: nothing opens, nothing is written.
    deps.log('teams dialog refused', { level: 'warn', activity: a.id, why: asked.message });
    return dialogMessage(OUT_OF_DATE);
  }
  try {
    // R75, R2: a form its submit would refuse now does not open: the submit's own sentence instead
    // (an unregistered person is told so), rather than a refusal after the form is filled in.
    const refused = await deps.ix.formRefusal(asked.form, asked.ref, teamsUser(a.from));
    if (refused)
      return dialogMessage(withMention(refused.reply, mentionFor(a.conversation?.conversationType)));
    return dialogResponse(await deps.ix.form(asked.form, asked.ref));
  } catch (e) {
    deps.log('teams dialog open failed', { level: 'error', activity: a.id, error: errorText(e) });
    return dialogMessage(SORRY);
  }
}

/**
 * The answer to `task/submit`. The command has committed (or been refused) before this returns; a
 * re-sent submit (same activity id) gets the first outcome and writes nothing (R36).
 */
export async function submitDialog(deps: TeamsDeps, a: TaskInvokeLike): Promise<TaskModuleResponse> {
  const data = dataOf(a.value);
  const meta = dialogMeta(data);
  if (!meta) {
    deps.log('teams dialog submission refused', { level: 'warn', activity: a.id });
    return dialogMessage(OUT_OF_DATE);
  }
  // R77: a sentence in the dialog names commands as they are typed in the conversation it came from.
  const mention = mentionFor(a.conversation?.conversationType);
  try {
    const form = await deps.ix.form(meta.secForm, meta.secRef);
    const again = (errors: Record<string, string>) =>
      dialogResponse(form, {
        values: submittedValues(form, data),
        errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, withMention(v, mention)])),
      });
    const read = readDialogSubmission(form, data);
    if (!read.ok) return again(read.errors);
    const user = teamsUser(a.from);
    const answer = await deps.ix.submitForm(form, meta.secRef, read.values, user, `teams:dialog:${a.id}`);
    // Something the person can fix: the dialog stays with the grammar's sentence (R45).
    if ('errors' in answer) return again(answer.errors);
    // Done, or refused (a role, a closed window, not registered): the sentence, and the dialog closes.
    return dialogMessage(withMention(answer.outcome.reply, mention));
  } catch (e) {
    deps.log('teams dialog submission failed', {
      level: 'error',
      activity: a.id,
      form: meta.secForm,
      error: errorText(e),
    });
    return dialogMessage(SORRY);
  }
}

/**
 * A typed line that opens a form on Slack (`raise`, `view DP001`…): a card with the usage line and a
 * button that opens the dialog, since a typed message cannot open one in Teams. Undefined for any
 * other line (handlers.ts answers it).
 */
export async function formPrompt(deps: TeamsDeps, a: MessageLike): Promise<IAdaptiveCard | undefined> {
  const text = addressedText(a);
  const wanted = text === undefined ? undefined : formRequest(text);
  if (text === undefined || !wanted) return undefined;
  const parsed = parse(text);
  // R43, R71: the line to type is the command for the reference typed ("withdraw DP001 <reason>"),
  // not the grammar's generic `<ref>`.
  const usage = parsed.ok ? text : wanted.ref ? parsed.usage.replace('<ref>', wanted.ref) : parsed.usage;
  try {
    // One marked command, typed with the @mention outside the 1:1 chat (R77).
    const mention = mentionFor(a.conversation.conversationType);
    return formPromptCard(await deps.ix.form(wanted.form, wanted.ref), withMention(cmd(usage), mention));
  } catch (e) {
    deps.log('teams form prompt failed', { level: 'error', activity: a.id, error: errorText(e) });
    return undefined;
  }
}
