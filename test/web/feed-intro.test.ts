// R42, R77, R84: the `calendar` reply names `calendar reset` as people type it where they read it:
// `/sec calendar reset` on Slack, bare in a Teams 1:1 chat, scripted mode and the CLI. It was written
// bare in the core, so Slack showed `calendar reset`, which Slack does not take without `/sec`.
import { describe, expect, it } from 'vitest';
import type { FeedTokens } from '../../src/app/web-ports.ts';
import { FEED_INTRO, webRequests } from '../../src/app/web-requests.ts';
import type { Person } from '../../src/domain/types.ts';
import { commandsAs } from '../../src/views/hints.ts';

const tokens = {
  issue: async () => 1,
  revoke: async () => true,
} as unknown as FeedTokens;
const person = { id: 'ann@example.org', name: 'Ann', roles: ['party'] } as unknown as Person;

describe('R84 the calendar reply', () => {
  it('names calendar reset with the platform’s prefix', async () => {
    const web = webRequests(
      {
        public: false,
        showVotes: false,
        linkHours: 24,
        secret: 'feed-intro-secret-0123456789abcdef0123456789',
        baseUrl: 'https://secbot.example.org',
      },
      tokens,
    );
    const reply = await web.answer({ kind: 'calendar', reset: false }, person, new Date(), {
      privately: true,
    });
    expect(reply).toContain(FEED_INTRO);
    expect(commandsAs(reply, '/sec')).toMatch(/ \/sec calendar reset stops this address\.$/);
    expect(commandsAs(reply, undefined)).toMatch(/these dates\. calendar reset stops this address\.$/);
    expect(commandsAs(FEED_INTRO, '@SEC Change Bot')).toContain('@SEC Change Bot calendar reset stops');
  });
});
