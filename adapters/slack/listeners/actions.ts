// Buttons (block_actions; R2, R36, R43): decode Slack's action id and value, and hand the click to the
// interaction layer as Slack's signed `user.id` (never the button's value). The command commits
// before the ack, so a vote is durable before Slack hears back; a retry of the same click carries the
// same action_ts, so the same delivery id, and nothing is written twice.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { decodeAction } from '../actions.ts';
import { slackUser } from '../identity.ts';
import type { SlackDeps } from './index.ts';
import { OUT_OF_DATE, SORRY, apology, errorText, redrawMine, tell } from './reply.ts';
import { MINE_BLOCK } from '../render/blocks.ts';
import { openForm } from './views.ts';

/** The delivery id of a click (R36): who clicked and when Slack says they did. */
export const clickDeliveryId = (user: string, actionTs: string): string => `slack:${user}:${actionTs}`;

export function registerActions(app: App, deps: SlackDeps): void {
  const { ix, log, respond } = deps;
  // Every action id, not only ours: a button from an older release still gets "out of date".
  app.action<BlockAction<ButtonAction>>(/.*/, async ({ ack, body, action, client }) => {
    const user = body.user.id;
    const where = {
      user,
      channel: body.channel?.id ?? body.container?.channel_id,
      // Only a button on a message has one (not in a modal or on the Home tab).
      responseUrl: body.response_url,
    };
    const decoded = action.type === 'button' ? decodeAction(action.action_id, action.value) : undefined;
    if (!decoded?.ok) {
      // A button from an older release or a tampered value: nothing is written (R2).
      await ack();
      log('slack button refused', { level: 'warn', user, actionId: action.action_id, why: decoded?.message });
      void tell(client, log, where, OUT_OF_DATE, respond);
      return;
    }
    try {
      const answer = await ix.click(
        decoded.action,
        slackUser(client, user),
        clickDeliveryId(user, action.action_ts),
      );
      if ('opens' in answer) {
        // Only a form its submit would accept now; else the answer is that refusal, told below (R75).
        // The trigger_id is good for 3 s: the modal opens before the ack.
        const { form, ref } = answer.opens;
        const opened = await openForm(client, deps, body.trigger_id, form, ref, where);
        await ack();
        if (!opened) void tell(client, log, where, SORRY, respond);
        return;
      }
      // The transaction has committed: now Slack may hear back.
      await ack();
      // A repeated delivery was answered the first time; card updates go through the outbox.
      if (answer.outcome.duplicate) return;
      // R81: a click on the `mine` card is answered with that card drawn again, what was recorded on top.
      if (action.block_id?.startsWith(MINE_BLOCK) && answer.outcome.ok)
        void redrawMine(client, deps, slackUser(client, user), where, answer.outcome);
      else void tell(client, log, where, answer.outcome.reply, respond);
    } catch (e) {
      log('slack button failed', { level: 'error', user, actionId: action.action_id, error: errorText(e) });
      await ack();
      void tell(client, log, where, apology(e), respond);
    }
  });
}
