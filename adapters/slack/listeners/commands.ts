// `/sec <text>` (issue 4 §3, R42, R45, R66): every subcommand of SPEC §6 through one slash command.
// A form command typed without its arguments opens its modal first (the trigger_id lives 3 s); anything
// else is parsed and answered privately in the ack: queries read-only, commands in one transaction.
import type { App, webApi } from '@slack/bolt';
import { commandDeliveryId } from '../app.ts';
import { resolveMentions, resolvePerson, unescapeSlack } from '../identity.ts';
import type { SlackDeps } from './index.ts';
import { SORRY, apology, ephemeral, errorText } from './reply.ts';
import { formRequest } from '../../../src/views/form-request.ts';
import { openForm } from './views.ts';

type WebClient = webApi.WebClient;

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command('/sec', async ({ command, ack, client, context }) => {
    const text = unescapeSlack(command.text ?? '');
    const where = { channel: command.channel_id, user: command.user_id };
    try {
      const wanted = formRequest(text);
      if (wanted) {
        // The trigger_id expires 3 s after the click: the modal opens before any other work. Who may
        // submit it is decided when it is submitted (R2).
        const opened = await openForm(client, deps, command.trigger_id, wanted.form, wanted.ref, where);
        await ack(opened ? undefined : ephemeral(SORRY));
        return;
      }
      const reply = await answer(client, deps, command, text, context.slackSignature);
      await ack(ephemeral(reply));
    } catch (e) {
      deps.log('slash command failed', { level: 'error', user: command.user_id, error: errorText(e) });
      await ack(ephemeral(apology(e)));
    }
  });
}

interface CommandBody {
  text?: string;
  user_id: string;
  channel_id: string;
}

async function answer(
  client: WebClient,
  deps: SlackDeps,
  command: CommandBody,
  text: string,
  signature: unknown,
): Promise<string> {
  const actor = await resolvePerson(deps, client, command.user_id);
  // An unknown sender gets help and workdays only: the engine decides (R66).
  // Mentions are read from the text as Slack sent it: a `&lt;@U1&gt;` typed as text is not a mention.
  const mentions = await resolveMentions(deps, client, command.text ?? '');
  const outcome = await deps.engine.ask(text, actor, deps.now(), {
    platform: 'slack',
    deliveryId: commandDeliveryId(signature, command),
    parse: { mentions, channel: { platform: 'slack', id: command.channel_id } },
    // The answer is the ack's ephemeral body: only this person sees it (R83, R84).
    privately: true,
  });
  return outcome.reply;
}
