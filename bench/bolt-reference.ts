// The reference apps P1 compares the bot with (bench/slack-vote.ts): plain Bolt apps with the bot's
// receiver settings (Bolt's own signature check, processBeforeResponse) on the shared HTTP server
// code. Only their vote listener differs: the app that only acks, and the naive one (naive-vote.ts).
import { App, ExpressReceiver } from '@slack/bolt';
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import express from 'express';
import { createHttpServer } from '../adapters/http.ts';
import { ACTION_ID_PATTERN } from '../adapters/slack/actions.ts';
import { SIGNING_SECRET } from '../test/support/slack-requests.ts';

export type VoteListener = (args: SlackActionMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;

/** A Bolt app answering vote clicks with `listener`, listening on a free loopback port. */
export async function boltReference(
  fakeUrl: string,
  listener: VoteListener,
): Promise<{ url: string; close: () => Promise<void> }> {
  const receiver = new ExpressReceiver({
    signingSecret: SIGNING_SECRET,
    endpoints: '/slack/events',
    processBeforeResponse: true,
    router: express.Router(),
  });
  const app = new App({
    token: 'xoxb-bench',
    receiver,
    clientOptions: { slackApiUrl: fakeUrl },
    deferInitialization: true,
    convoStore: false,
  });
  app.action(ACTION_ID_PATTERN, listener);
  await app.init();
  const http = createHttpServer();
  http.mount(receiver.router);
  await http.listen(0, '127.0.0.1');
  return { url: http.url(), close: () => http.close() };
}
