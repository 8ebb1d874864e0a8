// R26 and SPEC §7 ("Fast Track … final: announcements channel; chair, proposer, objector by DM"): when the
// objection window closes with no objection the approval is final and everyone is told. Editing the
// announcement in place (R75, its Object button gone) notifies nobody, so the approval is a new post, and
// the Panel chair is told by DM.
import { describe, expect, it } from 'vitest';
import type { Notification } from '../../src/app/notification.ts';
import { Scenario } from '../support/scenario.ts';
import { Notify, one, to } from './notify-harness.ts';

const PANEL = ['pm1', 'pm2', 'pm3', 'pm4', 'chair'];

/** DP001 on Fast Track, its Panel ballot passed on Tue 1 Dec 2026; returns the window's close. */
function windowClosed(opts: { implement?: string; byChair?: boolean } = {}): Notification[] {
  const N = new Notify(new Scenario('2026-12-01T10:00'));
  if (opts.byChair) {
    N.run('chair', { type: 'panel-raise-fasttrack', title: 'Typo', problem: 'A typo in D1' });
  } else {
    N.run('alice', { type: 'raise', title: 'Typo', problem: 'A typo in D1', fastTrack: true });
    N.run('chair', { type: 'panel-fasttrack', ref: 1 });
  }
  if (opts.implement) N.run('chair', { type: 'panel-fasttrack', ref: 1, implement: opts.implement });
  for (const p of PANEL) N.run(p, { type: 'vote', ref: 1, option: 'approve' });
  N.run('chair', { type: 'ballot-close', ref: 1 });
  expect(N.s.mod(1).status).toBe('fast_track_window');
  const fired = N.advance('2026-12-22T17:00');
  expect(N.s.mod(1).status).toBe('approved');
  return fired.at(-1) ?? [];
}

const posted = (ns: Notification[]) => to(ns, 'channel:announcements').filter((n) => !n.card);

describe('R26 a Fast Track approved with no objection is told to everyone', () => {
  it('a new announcements post says it is approved, final, with the agreed implementation date', () => {
    const ns = windowClosed({ implement: '2027-06-24' });
    const news = posted(ns);
    expect(news).toHaveLength(1);
    expect(news[0]?.text).toBe(
      'Fast Track: MP001 "Typo" (was DP001) is approved. The objection window closed on Tue 22 Dec 2026, 17:00 with no objection, so the approval is final. It is implemented on Thu 24 Jun 2027.',
    );
    // Its own message, not an edit of the announcement or of a reminder (each card is edited in place).
    expect(news[0]?.key).not.toMatch(/:fasttrack:|fasttrack-reminder/);
  });

  it('R75 the announcement and its reminders are still re-rendered without their Object button', () => {
    const edited = to(windowClosed(), 'channel:announcements').filter((n) => n.card);
    expect(edited.map((n) => n.card?.key.split(':')[0])).toEqual([
      'fasttrack',
      'fasttrack-reminder',
      'fasttrack-reminder',
    ]);
    for (const n of edited) expect(n.card?.buttons).toEqual([]);
  });

  it('with no date agreed it says SECAS sets one; the Panel chair is told by DM; the proposer once', () => {
    const ns = windowClosed();
    const text =
      'Fast Track: MP001 "Typo" (was DP001) is approved. The objection window closed on Tue 22 Dec 2026, 17:00 with no objection, so the approval is final. SECAS sets its implementation date.';
    expect(posted(ns).map((n) => n.text)).toEqual([text]);
    expect(one(ns, 'person:chair').text).toBe(text);
    // The proposer's status DM already says it (§7 "what changed"): one message, not two.
    expect(to(ns, 'person:alice')).toHaveLength(1);
    expect(one(ns, 'person:alice').text).toContain('Status: Fast Track objection window → Approved');
  });

  it('a chair who raised it is told once, by the status DM, and the channel still hears it', () => {
    const ns = windowClosed({ byChair: true });
    expect(posted(ns)).toHaveLength(1);
    expect(to(ns, 'person:chair')).toHaveLength(1);
    expect(one(ns, 'person:chair').text).toContain('Status: Fast Track objection window → Approved');
  });
});
