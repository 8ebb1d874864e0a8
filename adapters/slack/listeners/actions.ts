// Buttons (block_actions; issue 4 §3, §7, R2, R36, R43): decode the action with its zod schema, take
// the person from Slack's signed `user.id` (never from the button's value), run the command its twin
// stands for in one transaction, and only then ack, so a vote is durable before Slack hears back.
// A retry of the same click carries the same action_ts: same delivery id, nothing written twice.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { NOT_REGISTERED } from '../../../src/app/execute.ts';
import { actionToCommand, decodeAction, opensForm } from '../actions.ts';
import { actionTwin } from '../../../src/views/actions.ts';
import { resolvePerson } from '../identity.ts';
import type { SlackDeps } from './index.ts';
import { OUT_OF_DATE, SORRY, apology, errorText, tell } from './reply.ts';
import { openForm } from './views.ts';

/** The delivery id of a click (R36): who clicked and when Slack says they did. */
export const clickDeliveryId = (user: string, actionTs: string): string => `slack:${user}:${actionTs}`;

export function registerActions(app: App, deps: SlackDeps): void {
  // Every action id, not only ours: a button from an older release still gets "out of date".
  app.action<BlockAction<ButtonAction>>(/.*/, async ({ ack, body, action, client }) => {
    const user = body.user.id;
    const where = { user, channel: body.channel?.id ?? body.container?.channel_id };
    const decoded = action.type === 'button' ? decodeAction(action.action_id, action.value) : undefined;
    if (!decoded?.ok) {
      // A button from an older release or a tampered value: nothing is written (R2).
      await ack();
      deps.log('slack button refused', {
        level: 'warn',
        user,
        actionId: action.action_id,
        why: decoded?.message,
      });
      void tell(client, deps.log, where, OUT_OF_DATE);
      return;
    }
    try {
      const target = actionToCommand(decoded.action);
      if (opensForm(target)) {
        const ref = decoded.action.value.ref.toUpperCase();
        const opened = await openForm(client, deps, body.trigger_id, target.opensForm, ref, where);
        await ack();
        if (!opened) void tell(client, deps.log, where, SORRY);
        return;
      }
      const actor = await resolvePerson(deps, client, user);
      if (actor === null) {
        await ack();
        void tell(client, deps.log, where, NOT_REGISTERED);
        return;
      }
      const text = actionTwin(decoded.action);
      const outcome = await deps.engine.execute(
        {
          command: target,
          actor,
          platform: 'slack',
          deliveryId: clickDeliveryId(user, action.action_ts),
          ...(text ? { text } : {}),
        },
        deps.now(),
      );
      // The transaction has committed: now Slack may hear back (issue 4 §7).
      await ack();
      // A repeated delivery was answered the first time; card updates go through the outbox.
      if (!outcome.duplicate) void tell(client, deps.log, where, outcome.reply);
    } catch (e) {
      deps.log('slack button failed', {
        level: 'error',
        user,
        actionId: action.action_id,
        error: errorText(e),
      });
      await ack();
      void tell(client, deps.log, where, apology(e));
    }
  });
}
