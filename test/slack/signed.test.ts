// QUALITY.md security: the signature check on its own (adapters/slack/signed.ts), against signatures
// computed here the way Slack documents them; test/slack/signing.test.ts sends such requests to the bot.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ReadRequest } from '../../adapters/body-limit.ts';
import { MAX_SKEW_S, unsigned } from '../../adapters/slack/signed.ts';

const SECRET = 'signing-secret';
const NOW = 1_800_000_000;

const slackSignature = (ts: string, body: Buffer, secret = SECRET) =>
  `v0=${createHmac('sha256', secret)
    .update(`v0:${ts}:${body.toString('latin1')}`, 'latin1')
    .digest('hex')}`;

const request = (headers: Record<string, string | string[] | undefined>, body?: Buffer) =>
  ({ headers, rawBody: body }) as unknown as ReadRequest;

const signed = (body: Buffer, ts = String(NOW), secret = SECRET) =>
  request({ 'x-slack-request-timestamp': ts, 'x-slack-signature': slackSignature(ts, body, secret) }, body);

describe('the Slack signature check', () => {
  const body = Buffer.from('payload=%7B%22type%22%3A%22block_actions%22%7D');

  it('accepts what Slack signed, at any time within five minutes either side', () => {
    expect(unsigned(SECRET, signed(body), NOW)).toBeUndefined();
    expect(unsigned(SECRET, signed(body, String(NOW - MAX_SKEW_S)), NOW)).toBeUndefined();
    expect(unsigned(SECRET, signed(body, String(NOW + MAX_SKEW_S)), NOW)).toBeUndefined();
  });

  it('signs the bytes as sent: a body that is not UTF-8 is checked byte for byte', () => {
    const raw = Buffer.from([0x74, 0x3d, 0xff, 0xfe, 0x80]);
    expect(unsigned(SECRET, signed(raw), NOW)).toBeUndefined();
    expect(
      unsigned(SECRET, request(signed(raw).headers, Buffer.from([0x74, 0x3d, 0xff, 0xfe, 0x81])), NOW),
    ).toBe('signature mismatch');
  });

  const refused: [string, ReadRequest, string][] = [
    ['another secret', signed(body, String(NOW), 'other'), 'signature mismatch'],
    [
      'a changed body',
      request(signed(body).headers, Buffer.from(`${body.toString()}x`)),
      'signature mismatch',
    ],
    ['no body read', request(signed(body).headers), 'body not read'],
    ['no headers', request({}, body), 'signature headers missing'],
    [
      'an empty signature',
      request({ 'x-slack-request-timestamp': String(NOW), 'x-slack-signature': '' }, body),
      'signature headers missing',
    ],
    ['six minutes old', signed(body, String(NOW - 360)), 'timestamp more than 5 minutes off'],
    ['six minutes ahead', signed(body, String(NOW + 360)), 'timestamp more than 5 minutes off'],
    [
      'a timestamp that is not a whole number',
      request({ ...signed(body).headers, 'x-slack-request-timestamp': `${NOW}.5` }, body),
      'timestamp not a number',
    ],
    [
      'another version',
      request(
        {
          ...signed(body).headers,
          'x-slack-signature': slackSignature(String(NOW), body).replace('v0', 'v1'),
        },
        body,
      ),
      'signature malformed',
    ],
    [
      'a shortened signature',
      request(
        { ...signed(body).headers, 'x-slack-signature': slackSignature(String(NOW), body).slice(0, -2) },
        body,
      ),
      'signature malformed',
    ],
  ];

  it.each(refused)('refuses %s', (_name, req, why) => {
    expect(unsigned(SECRET, req, NOW)).toBe(why);
  });
});
