// R42 R71: `admin channel` is decided knowing the channels already registered on its platform. Before,
// one conversation became the Panel and the Change Board channel without a word, registering a name in
// another conversation silently replaced the old one, and registering it again wrote another event.
import { describe, expect, it } from 'vitest';
import { commandSchema } from '../../src/domain/commands.ts';
import { decide } from '../../src/domain/decide.ts';
import type { ChannelRegistration } from '../../src/domain/types.ts';
import { isRefusal } from '../../src/domain/types.ts';
import { commandsAs } from '../../src/views/hints.ts';
import { Scenario } from '../support/scenario.ts';

type Name = 'change-board' | 'panel' | 'announcements';
const reg = (channel: Name, channelId: string, platform = 'slack'): ChannelRegistration => ({
  channel,
  platform,
  channelId,
});

/** `admin channel <name>` typed by the admin in conversation `channelId`, with these registrations. */
function register(channels: ChannelRegistration[], channel: Name, channelId: string, platform = 'slack') {
  const s = new Scenario();
  const cmd = commandSchema.parse({ type: 'admin-channel', channel, platform, channelId });
  const r = decide(s.world, cmd, { ...s.ctx('ada'), channels });
  return isRefusal(r)
    ? { ok: false as const, code: r.code, text: commandsAs(r.message, undefined), events: [] }
    : { ok: true as const, code: null, text: commandsAs(r.reply, undefined), events: r.events };
}

const PANEL_POSTS =
  'This Slack channel is now the Panel channel: Panel ballots, what awaits the Panel and the stalled digest are posted here from now on';

describe('admin channel knows what is registered (R42, R71)', () => {
  it('R42 the first registration says only what the channel gets', () => {
    const r = register([], 'panel', 'C0PANEL');
    expect(r).toMatchObject({ ok: true, text: `${PANEL_POSTS}.` });
    expect(r.events).toEqual([
      { type: 'ChannelRegistered', channel: 'panel', platform: 'slack', channelId: 'C0PANEL' },
    ]);
  });

  it('R42 the same name in the same conversation again is already done, and writes nothing', () => {
    const r = register([reg('panel', 'C0PANEL')], 'panel', 'C0PANEL');
    expect(r).toMatchObject({
      ok: false,
      code: 'already_done',
      text: 'This Slack channel is already the Panel channel.',
    });
  });

  it('R42 a conversation that is already another channel is allowed, and told it will get both', () => {
    const r = register([reg('change-board', 'C0ROOM')], 'panel', 'C0ROOM');
    expect(r).toMatchObject({
      ok: true,
      text: `${PANEL_POSTS}. This channel is also the Change Board channel; it will get both.`,
    });
    const three = register(
      [reg('change-board', 'C0ROOM'), reg('announcements', 'C0ROOM')],
      'panel',
      'C0ROOM',
    );
    expect(three.text).toBe(
      `${PANEL_POSTS}. This channel is also the Change Board and announcements channels; it will get all three.`,
    );
  });

  it('R42 a name registered to another conversation moves here, and the reply says it replaces that one', () => {
    const r = register([reg('panel', 'C0OLD'), reg('change-board', 'C0BOARD')], 'panel', 'C0NEW');
    expect(r).toMatchObject({
      ok: true,
      text: `${PANEL_POSTS}; it replaces the previous Panel channel, which gets no more of them.`,
    });
    expect(r.events).toEqual([
      { type: 'ChannelRegistered', channel: 'panel', platform: 'slack', channelId: 'C0NEW' },
    ]);
    // Both at once: moved here, into a conversation that is already the Change Board channel.
    expect(register([reg('panel', 'C0OLD'), reg('change-board', 'C0NEW')], 'panel', 'C0NEW').text).toBe(
      `${PANEL_POSTS}; it replaces the previous Panel channel, which gets no more of them. This channel is also the Change Board channel; it will get both.`,
    );
  });

  it('R42 registrations on the other platform are not this one: each platform has its own channels', () => {
    const teams = [reg('panel', 'C0PANEL', 'teams'), reg('change-board', 'C0PANEL', 'teams')];
    expect(register(teams, 'panel', 'C0PANEL')).toMatchObject({ ok: true, text: `${PANEL_POSTS}.` });
  });
});
