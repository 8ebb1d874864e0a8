// `/sec <text>` (R42, R45, R66): every subcommand of SPEC §6 through one slash command. A form command
// typed without its arguments opens its modal first (the trigger_id lives 3 s), unless its submit would
// be refused now (R75); anything else is a line for the interaction layer, answered privately in the
// ack: queries read-only, commands in one transaction, as the signed user id's person (R1, R2).
import { createHash } from 'node:crypto';
import type { App } from '@slack/bolt';
import { formRequest } from '../../../src/views/form-request.ts';
import { mentionNamesOf, resolveMentions, slackUser, unescapeSlack } from '../identity.ts';
import type { SlackDeps } from './index.ts';
import { SORRY, apology, ephemeral, ephemeralCard, errorText } from './reply.ts';
import { openForm } from './views.ts';

export function registerCommands(app: App, deps: SlackDeps): void {
  const { ix, log } = deps;
  app.command('/sec', async ({ command, ack, client, context }) => {
    const text = unescapeSlack(command.text ?? '');
    const where = { channel: command.channel_id, user: command.user_id };
    try {
      const wanted = formRequest(text);
      if (wanted) {
        // R75, R2: a form its submit would refuse now (views closed, a window over, not theirs) is not
        // opened: the person is told why, in the submit's words. The submit still decides.
        const refused = await ix.formRefusal(wanted.form, wanted.ref, slackUser(client, command.user_id));
        if (refused) {
          await ack(ephemeral(refused.reply));
          return;
        }
        // The trigger_id expires 3 s after the slash command: the modal opens before any other work.
        const opened = await openForm(client, deps, command.trigger_id, wanted.form, wanted.ref, where);
        await ack(opened ? undefined : ephemeral(SORRY));
        return;
      }
      // Mentions are read from the text as Slack sent it: a `&lt;@U1&gt;` typed as text is not a mention.
      const mentions = await resolveMentions(ix, client, command.text ?? '');
      const outcome = await ix.ask(text, slackUser(client, command.user_id), {
        deliveryId: commandDeliveryId(context.slackSignature, command),
        parse: {
          mentions,
          mentionNames: mentionNamesOf(command.text ?? ''),
          // Slack's direct messages have ids starting with D: no channel to register (`admin channel`).
          channel: {
            platform: 'slack',
            id: command.channel_id,
            ...(command.channel_id.startsWith('D') ? { direct: true } : {}),
          },
        },
        // The answer is the ack's ephemeral body: only this person sees it (R83, R84).
        privately: true,
      });
      await ack(outcome.card ? ephemeralCard(outcome.card) : ephemeral(outcome.reply));
    } catch (e) {
      log('slash command failed', { level: 'error', user: command.user_id, error: errorText(e) });
      await ack(ephemeral(apology(e)));
    }
  });
}

/** The delivery id of a slash command: the request signature, or a hash of the body (Socket Mode). */
export function commandDeliveryId(signature: unknown, body: unknown): string {
  if (typeof signature === 'string' && /^v0=[0-9a-f]{64}$/.test(signature))
    return `slack:cmd:${signature.slice(3)}`;
  return `slack:cmd:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}
