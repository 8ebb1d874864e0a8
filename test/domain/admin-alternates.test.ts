// R2, R62: an alternate stands in only while registered with a role, and a member cannot be an alternate.
import { describe, expect, it } from 'vitest';
import { seatsFor } from '../../src/domain/stages/voting.ts';
import { Scenario } from '../support/scenario.ts';

describe('alternates on Change Board ballots (R2, R62)', () => {
  it('R62 a ballot opened now seats an alternate who holds a role', () => {
    const s = new Scenario();
    const seats = seatsFor(s.ctx('system'), 'change_board');
    expect(seats.find((x) => x.member === 'cb1')?.alternate).toBe('alt1');
  });

  it('R2 R62 an alternate whose roles were all taken away gets no seat on a ballot opened now', () => {
    const s = new Scenario();
    s.people.find((p) => p.id === 'alt1')!.roles = [];
    const seats = seatsFor(s.ctx('system'), 'change_board');
    const seat = seats.find((x) => x.member === 'cb1');
    expect(seat).toBeDefined();
    expect(seat?.alternate).toBeUndefined();
  });

  it('R2 R62 removing an alternate’s last role says they no longer stand in from the next ballot', () => {
    const s = new Scenario();
    const d = s.ok('ada', { type: 'admin-role', op: 'remove', person: 'alt1', role: 'party' });
    expect(d.reply).toBe(
      'Removed the SEC Party role from Alt1. Alt1 has no roles now, so no longer stands in for Cb1 from the next ballot.',
    );
  });

  it('R62 removing one of an alternate’s roles while another remains says nothing about standing in', () => {
    const s = new Scenario();
    s.people.find((p) => p.id === 'alt1')!.roles = ['party', 'secas'];
    const d = s.ok('ada', { type: 'admin-role', op: 'remove', person: 'alt1', role: 'party' });
    expect(d.reply).toBe('Removed the SEC Party role from Alt1.');
  });
});

describe('a Change Board member is not an alternate (R62)', () => {
  it('R62 naming a Change Board member as an alternate is refused, with the reason', () => {
    const s = new Scenario();
    const r = s.refused('ada', { type: 'admin-alternate', person: 'cb2', alternate: 'cb3' }, 'bad_input');
    expect(r.message).toBe(
      'Cb3 is a Change Board member and votes in their own seat, so cannot stand in for Cb2. Choose someone who is not on the Change Board.',
    );
  });

  it('R62 two people cannot be each other’s alternates', () => {
    const s = new Scenario();
    // alt1 stood in for cb1; cb1 then left the Change Board and later alt1 joined it.
    s.people.find((p) => p.id === 'cb1')!.roles = ['party'];
    s.people.find((p) => p.id === 'alt1')!.roles = ['change_board'];
    s.people.find((p) => p.id === 'alt1')!.alternate = undefined;
    const r = s.refused('ada', { type: 'admin-alternate', person: 'alt1', alternate: 'cb1' }, 'bad_input');
    expect(r.message).toBe("Alt1 is Cb1's alternate, so Cb1 cannot also be Alt1's.");
  });

  it('R62 an alternate who joins the Change Board is told they now vote in their own seat', () => {
    const s = new Scenario();
    const d = s.ok('ada', { type: 'admin-role', op: 'add', person: 'alt1', role: 'change_board' });
    expect(d.reply).toBe(
      'Gave Alt1 the Change Board member role. Open ballots keep their voter lists. Alt1 now votes in their own seat, so no longer stands in for Cb1 from the next ballot.',
    );
  });
});
