// Two replicas of the bot on one PostgreSQL database: two stores (two pools), an engine on each, the
// directory imported through the first. Where the tests of a process's caches start: whatever one
// replica caches, a change made through the other must show (R1, R8).
import type { OpenStore } from '../../db/open.ts';
import type { Engine, PersonInput } from '../../src/app/engine.ts';
import { createEngine } from '../../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts';
import { POSTGRES, resetStore } from './databases.ts';

export async function twoReplicas(
  people: readonly PersonInput[],
  now: Date,
): Promise<{ a: OpenStore; b: OpenStore; ea: Engine; eb: Engine }> {
  const a = await POSTGRES.store();
  await resetStore(a);
  const b = await POSTGRES.another();
  const ea = createEngine(a, { settings: DEFAULT_SETTINGS });
  const eb = createEngine(b, { settings: DEFAULT_SETTINGS });
  await ea.importPeople([...people], { source: 'test', now });
  return { a, b, ea, eb };
}
