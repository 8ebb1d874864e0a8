// Teams conversation references (R46): what the recorded activities give (pure), and the
// store that keeps them (PGlite and PostgreSQL): upsert by conversation id, names kept when a later
// activity lacks them, a person's 1:1 chat, the tenant's newest reference, removal with the bot.
import { describe, expect, it } from 'vitest';
import type { ConversationReference } from '../../adapters/teams/conversations.ts';
import { conversationIdOf, referenceChange, referenceRecorder } from '../../adapters/teams/conversations.ts';
import { teamsStore } from '../../db/teams-store.ts';
import { count, eachDatabase, resetStore } from '../support/databases.ts';
import { fixture } from '../support/teams-activities.ts';

const TENANT = '00000000-0000-0000-0000-0000000000001';
const EMULATOR = 'http://localhost:56150/_connector';
const BOT = '00000000-0000-0000-0000-00000000000011';

const saved = (activity: unknown): ConversationReference => {
  const c = referenceChange(activity);
  if (c?.kind !== 'save') throw new Error(`expected a reference, got ${JSON.stringify(c)}`);
  return c.reference;
};

describe('conversation references from activities', () => {
  it('R46: the emulator install in a 1:1 chat gives the personal chat with the user AAD id', () => {
    expect(saved(fixture('installation-update-personal'))).toEqual({
      conversationId: '99e41d90-cb0d-4e40-a334-75a52d014687',
      serviceUrl: EMULATOR,
      tenantId: TENANT,
      type: 'personal',
      teamId: null,
      teamName: null,
      channelId: null,
      channelName: null,
      userAadId: '00000000-0000-0000-0000-0000000000020',
      botId: BOT,
    });
  });

  it('R46: the bot added to a team gives its General channel (the team id), with the team name', () => {
    expect(saved(fixture('conversation-update-team'))).toEqual({
      conversationId: 'team-id',
      serviceUrl: EMULATOR,
      tenantId: TENANT,
      type: 'channel',
      teamId: 'team-id',
      teamName: 'My Team',
      channelId: 'team-id',
      channelName: null,
      userAadId: null,
      botId: BOT,
    });
  });

  it('R46: a channel message or click is keyed by its channel, never by the thread (;messageid=)', () => {
    const mention = saved(fixture('message-channel-mention'));
    expect(mention).toMatchObject({
      conversationId: '19:panelchannel@thread.tacv2',
      type: 'channel',
      channelId: '19:panelchannel@thread.tacv2',
      teamId: '19:teamgeneral@thread.tacv2',
      userAadId: null,
    });
    const click = saved(fixture('invoke-action-execute'));
    expect(click.conversationId).toBe('19:boardchannel@thread.tacv2');
    // The emulator's channel thread carries no channelData.channel: the conversation id is cut.
    const thread = { conversation: { id: 'team-id;messageid=17', conversationType: 'channel' } };
    expect(conversationIdOf(thread)).toBe('team-id');
  });

  it('R46: a 1:1 message (first contact) gives the personal chat with the sender', () => {
    expect(saved(fixture('message-personal'))).toMatchObject({
      conversationId: 'a:1PersonalChatWithAlice',
      type: 'personal',
      tenantId: '11111111-2222-3333-4444-555555555555',
      userAadId: '00000000-0000-0000-0000-00000000a11c',
    });
  });

  it('R46: an uninstall or the bot removed from a team forgets the conversation (and the team)', () => {
    const install = fixture('installation-update-personal');
    expect(referenceChange({ ...install, action: 'remove' })).toEqual({
      kind: 'remove',
      conversationId: '99e41d90-cb0d-4e40-a334-75a52d014687',
      teamId: null,
    });
    const team = fixture('conversation-update-team');
    const removed = { ...team, membersAdded: undefined, membersRemoved: [{ id: BOT }] };
    expect(referenceChange(removed)).toEqual({
      kind: 'remove',
      conversationId: 'team-id',
      teamId: 'team-id',
    });
    // Another member leaving is not the bot leaving.
    expect(referenceChange({ ...team, membersRemoved: [{ id: 'user-id-1' }] })?.kind).toBe('save');
  });

  it('an activity without serviceUrl or conversation gives nothing', () => {
    expect(referenceChange({ type: 'message' })).toBeNull();
    expect(referenceChange(null)).toBeNull();
  });
});

eachDatabase('the Teams conversation store', (h) => {
  const at = (s: number) => new Date(Date.UTC(2027, 0, 11, 9, 0, s));
  const ref = (over: Partial<ConversationReference>): ConversationReference => ({
    conversationId: 'c',
    serviceUrl: 'https://smba.example/emea/',
    tenantId: 't1',
    type: 'channel',
    teamId: null,
    teamName: null,
    channelId: null,
    channelName: null,
    userAadId: null,
    botId: null,
    ...over,
  });

  it('R46: upserts by conversation id; a name or tenant a later activity lacks is kept', async () => {
    await resetStore(h.store);
    const s = teamsStore(h.store.db);
    await s.save(ref({ conversationId: 'ch', teamId: 'T', teamName: 'My Team' }), at(0));
    await s.save(
      ref({ conversationId: 'ch', serviceUrl: 'https://smba.example/amer/', tenantId: null }),
      at(1),
    );
    expect(await s.get('ch')).toMatchObject({
      serviceUrl: 'https://smba.example/amer/',
      tenantId: 't1',
      teamId: 'T',
      teamName: 'My Team',
    });
    expect(await count(h.store, 'teams_conversations')).toBe(1);
    expect(await s.get('nope')).toBeNull();
  });

  it('R46: the newest 1:1 chat of a person and the newest reference of a tenant', async () => {
    await resetStore(h.store);
    const s = teamsStore(h.store.db);
    await s.save(ref({ conversationId: 'a:old', type: 'personal', userAadId: 'u1' }), at(0));
    await s.save(ref({ conversationId: 'a:new', type: 'personal', userAadId: 'u1' }), at(5));
    await s.save(ref({ conversationId: 'x', tenantId: 't2', serviceUrl: 'https://t2/' }), at(9));
    expect((await s.personal('u1'))?.conversationId).toBe('a:new');
    expect(await s.personal('u2')).toBeNull();
    expect((await s.latest('t1'))?.conversationId).toBe('a:new');
    expect((await s.latest())?.serviceUrl).toBe('https://t2/');
    expect(await s.latest('t3')).toBeNull();
  });

  it('R46: removing a team forgets its channels; the recorder writes a repeated message reference once', async () => {
    await resetStore(h.store);
    const s = teamsStore(h.store.db);
    await s.save(ref({ conversationId: 'T', teamId: 'T' }), at(0));
    await s.save(ref({ conversationId: '19:other', teamId: 'T' }), at(0));
    await s.save(ref({ conversationId: 'a:dm', type: 'personal' }), at(0));
    await s.remove('T', 'T');
    expect(await count(h.store, 'teams_conversations')).toBe(1);

    let saves = 0;
    const counting = { ...s, save: (r: ConversationReference, when: Date) => (saves++, s.save(r, when)) };
    const warnings: string[] = [];
    const record = referenceRecorder(counting, { log: (m) => warnings.push(m) });
    const message = fixture('message-personal');
    await record(message);
    await record({ ...message, id: 'another' });
    expect(saves).toBe(1);
    // An install is always written: another replica may have removed the row at an uninstall.
    const install = fixture('installation-update-personal');
    await record(install);
    await record(install);
    expect(saves).toBe(3);
    // A failing store is logged, never thrown.
    const broken = { ...s, save: () => Promise.reject(new Error('db down')) };
    await referenceRecorder(broken, { log: (m) => warnings.push(m) })(install);
    expect(warnings).toEqual(['teams: conversation reference not stored']);
  });
  it('R81 R48: the greeting claim: once per gap per person, whichever replica asks; concurrent claims give one', async () => {
    await resetStore(h.store);
    const s = teamsStore(h.store.db);
    const gap = 60_000;
    const claims = await Promise.all([1, 2, 3].map(() => s.greet('aad-1', at(0), gap)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await s.greet('aad-2', at(1), gap)).toBe(true);
    expect(await s.greet('aad-1', at(59), gap)).toBe(false);
    expect(await s.greet('aad-1', at(60), gap)).toBe(true);
    // The gap runs from the last greeting, not from the first refusal.
    expect(await s.greet('aad-1', at(90), gap)).toBe(false);
    expect(await count(h.store, 'deliveries', "delivery_id like 'teams:greeting:%'")).toBe(2);
  });
});
