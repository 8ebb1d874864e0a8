// R47: a Slack token of the right shape that Slack refuses, or a Slack that cannot be reached, stops the
// start with one line that names the variable and says what to do. The real Bolt app and Web API
// client against the local fake Slack (test/support/fake-slack.ts); nothing is mocked.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../adapters/slack/app.ts';
import { slackStartProblem } from '../../adapters/slack/start-problem.ts';
import type { Engine } from '../../src/app/engine.ts';
import type { FakeSlack } from '../support/fake-slack.ts';
import { startFakeSlack } from '../support/fake-slack.ts';

// start() only checks the tokens: the engine is never reached.
const engine = {} as Engine;
const start = (config: { botToken: string; apiUrl: string; appToken?: string }) =>
  createSlackApp({
    config: { signingSecret: 'unused', ...config },
    engine,
    log: () => {},
    clientOptions: { retryConfig: { retries: 0 }, timeout: 2_000 },
  }).start();

/** A base URL on 127.0.0.1 where nothing listens (a port just freed). */
async function closedUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}/api/`;
}

describe('R47 Slack refuses or cannot be reached at start: one line naming the variable', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack({ token: 'xoxb-the-right-token', users: [] });
  });
  afterAll(() => fake.close());

  it('R47 a bot token of the right shape that Slack refuses names SLACK_BOT_TOKEN and where to find it', async () => {
    const failed = start({ botToken: 'xoxb-wrong', apiUrl: fake.url });
    await expect(failed).rejects.toThrow(
      /^Slack refused SLACK_BOT_TOKEN \(invalid_auth\): check the Bot User OAuth Token .*"OAuth & Permissions" page/,
    );
    await expect(failed).rejects.not.toThrow(/An API error occurred|xoxb-wrong/);
  });

  it('R47 in Socket Mode, an app-level token Slack refuses names SLACK_APP_TOKEN', async () => {
    await expect(
      start({ botToken: 'xoxb-the-right-token', appToken: 'xapp-1-wrong', apiUrl: fake.url }),
    ).rejects.toThrow(/^Slack refused SLACK_APP_TOKEN \(invalid_auth\): check the app-level token/);
  });

  it('R47 Slack unreachable says where it looked and names SLACK_BOT_TOKEN and SLACK_API_URL', async () => {
    const url = await closedUrl();
    const failed = start({ botToken: 'xoxb-the-right-token', apiUrl: url });
    await expect(failed).rejects.toThrow(
      `no answer from Slack at ${url} to check SLACK_BOT_TOKEN (fetch failed: ECONNREFUSED): check SLACK_API_URL`,
    );
  });

  it('R47 the right token starts', async () => {
    await expect(start({ botToken: 'xoxb-the-right-token', apiUrl: fake.url })).resolves.toBeUndefined();
  });
});

describe('R47 slackStartProblem: the Web API client errors in words', () => {
  it('R47 without SLACK_API_URL the line names slack.com and the network', () => {
    const e = { code: 'slack_webapi_request_error', original: { message: 'fetch failed' } };
    expect(slackStartProblem(e, 'SLACK_BOT_TOKEN')).toBe(
      'no answer from Slack at https://slack.com/api/ to check SLACK_BOT_TOKEN (fetch failed): check that this machine can reach slack.com',
    );
  });

  it('R47 an HTTP error and an error code that is not about the token', () => {
    expect(
      slackStartProblem(
        { code: 'slack_webapi_http_error', statusCode: 404 },
        'SLACK_BOT_TOKEN',
        'http://x/api/',
      ),
    ).toBe('Slack at http://x/api/ answered HTTP 404 when checking SLACK_BOT_TOKEN: check SLACK_API_URL');
    expect(
      slackStartProblem(
        { code: 'slack_webapi_platform_error', data: { error: 'fatal_error' } },
        'SLACK_BOT_TOKEN',
      ),
    ).toBe(
      'Slack at https://slack.com/api/ answered "fatal_error" when checking SLACK_BOT_TOKEN: try again in a few minutes',
    );
  });
});
