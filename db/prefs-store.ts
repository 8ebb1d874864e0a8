// R81: the person_prefs table (db/schema/person-prefs.ts) behind StoreTx.prefs and setPrefs. A person
// with no row has the defaults: the Monday digest on, the Slack Home tab never opened.
import { sql } from 'drizzle-orm';
import type { PersonPrefs, PrefsPatch, StoreTx } from '../src/app/store.ts';
import type { Q } from './client.ts';
import { personPrefs } from './schema/person-prefs.ts';

export const prefsTx = (q: Q): Pick<StoreTx, 'prefs' | 'setPrefs'> => ({
  prefs: async () => {
    const rows = await q.select().from(personPrefs).orderBy(personPrefs.personId);
    return rows.map((r): PersonPrefs => ({
      person: r.personId,
      digest: r.digest,
      slackHomeAt: r.slackHomeAt ?? null,
    }));
  },
  setPrefs: async (person: string, patch: PrefsPatch, at: Date) => {
    await q
      .insert(personPrefs)
      .values({
        personId: person,
        digest: patch.digest ?? true,
        slackHomeAt: patch.slackHomeAt ?? null,
        updatedAt: at,
      })
      .onConflictDoUpdate({
        target: personPrefs.personId,
        set: {
          ...(patch.digest !== undefined ? { digest: patch.digest } : {}),
          // The first opening is kept: a later one changes nothing.
          ...(patch.slackHomeAt
            ? { slackHomeAt: sql`coalesce(${personPrefs.slackHomeAt}, excluded.slack_home_at)` }
            : {}),
          updatedAt: at,
        },
      });
  },
});
