// The line a Teams message gives the grammar (R42, R44): the bot's own mention cut out,
// spaces tidied, and line breaks kept, so a multi-line reason or comment is stored as typed.
import { describe, expect, it } from 'vitest';
import { addressedText } from '../../adapters/teams/handlers.ts';
import { parse } from '../../src/domain/grammar/parse.ts';

const BOT = '28:bot';
const personal = (text: string) => ({
  id: 'a1',
  text,
  from: { id: '29:alice' },
  recipient: { id: BOT },
  conversation: { id: 'dm', conversationType: 'personal' },
});

describe('addressedText', () => {
  it('R44: keeps line breaks (CRLF too) and tidies the spaces around them', () => {
    const text = addressedText(personal('  object DP001  Too late \r\n  and   unfair  '));
    expect(text).toBe('object DP001 Too late\nand unfair');
    const parsed = parse(text ?? '');
    expect(parsed).toMatchObject({ ok: true, input: { command: { reason: 'Too late\nand unfair' } } });
  });

  it('R42: cuts the bot mention and its &nbsp; padding out of a channel line; ignores channel chatter', () => {
    const channel = {
      ...personal('<at>SEC Bot</at>&nbsp;status DP001'),
      conversation: { id: '19:c@thread.tacv2', conversationType: 'channel' },
      entities: [{ type: 'mention', mentioned: { id: BOT }, text: '<at>SEC Bot</at>' }],
    };
    expect(addressedText(channel)).toBe('status DP001');
    expect(addressedText({ ...channel, entities: [], text: 'lunch at noon?' })).toBeUndefined();
  });
});
