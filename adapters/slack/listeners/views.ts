// Forms as modals (R43, R65): opened from `/sec <form> [ref]` or a button, straight from the
// trigger_id; a submission is read into the form's values and handed to the interaction layer, which
// runs its text twin through the one grammar. Field problems go back in the ack (`response_action:
// 'errors'`) and the modal stays open with what was typed.
import { createHash } from 'node:crypto';
import type { App, webApi } from '@slack/bolt';
import type { FormId } from '../../../src/views/forms.ts';
import type { StateValues } from '../render/modals.ts';
import { formIdOfCallback, readSubmission, renderModal } from '../render/modals.ts';
import { slackCommands } from '../render/blocks.ts';
import { slackUser } from '../identity.ts';
import type { SlackDeps } from './index.ts';
import { apology, errorText, tell } from './reply.ts';

type WebClient = webApi.WebClient;

/** Given back by Slack on submit: which form, about what, and where to answer. */
interface Meta {
  form: FormId;
  ref?: string;
  channel?: string;
}

/**
 * Opens a form's modal. Called first thing in a listener: the trigger_id is good for 3 s and once.
 * False when Slack refused to open it (the caller apologises).
 */
export async function openForm(
  client: WebClient,
  deps: SlackDeps,
  triggerId: string,
  id: FormId,
  ref: string | undefined,
  where: { channel?: string | undefined; user: string },
): Promise<boolean> {
  try {
    const form = await deps.ix.form(id, ref);
    const meta: Meta = {
      form: id,
      ...(form.ref ? { ref: form.ref } : {}),
      ...(where.channel ? { channel: where.channel } : {}),
    };
    const view = renderModal(form, { privateMetadata: JSON.stringify(meta) });
    await client.views.open({ trigger_id: triggerId, view });
    return true;
  } catch (e) {
    deps.log('slack views.open failed', { level: 'error', form: id, user: where.user, error: errorText(e) });
    return false;
  }
}

function readMeta(raw: unknown, id: FormId): Meta {
  try {
    const m = JSON.parse(typeof raw === 'string' ? raw : '') as Partial<Meta>;
    return {
      form: id,
      ...(typeof m.ref === 'string' ? { ref: m.ref } : {}),
      ...(typeof m.channel === 'string' ? { channel: m.channel } : {}),
    };
  } catch {
    return { form: id };
  }
}

/** A modal's error lines name commands as Slack users type them (R42). */
const slackErrors = (errors: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, slackCommands(v)]));

export function registerViews(app: App, deps: SlackDeps): void {
  const { ix, log } = deps;
  // Every callback id: a modal that is not one of our forms is acked and closed, never left hanging.
  app.view(/.*/, async ({ ack, body, view, client }) => {
    const user = body.user.id;
    const id = formIdOfCallback(view.callback_id);
    if (!id) {
      await ack();
      return;
    }
    const meta = readMeta(view.private_metadata, id);
    const where = { user, channel: meta.channel };
    try {
      const form = await ix.form(id, meta.ref);
      const read = readSubmission(form, view.state.values as unknown as StateValues);
      if (!read.ok) {
        await ack({ response_action: 'errors', errors: read.errors });
        return;
      }
      // The same view submitted again with the same answers is one delivery (R36); corrected answers
      // after a refusal are a new one.
      const deliveryId = (twin: string) =>
        `slack:view:${view.id}:${createHash('sha256').update(twin).digest('hex').slice(0, 32)}`;
      const answer = await ix.submitForm(form, meta.ref, read.values, slackUser(client, user), deliveryId, {
        parse: { channel: { platform: 'slack', id: meta.channel ?? '' } },
      });
      if ('errors' in answer) {
        // Something the person can fix: the modal stays open with the grammar's sentence (R45).
        await ack({ response_action: 'errors', errors: slackErrors(answer.errors) });
        return;
      }
      await ack();
      if (!answer.outcome.duplicate) void tell(client, log, where, answer.outcome.reply);
    } catch (e) {
      log('slack form submission failed', { level: 'error', form: id, user, error: errorText(e) });
      await ack();
      void tell(client, log, where, apology(e));
    }
  });
}
