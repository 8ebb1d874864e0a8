// R79: a line starting with `as <name>` in the local demo (acting-as.ts says what it means). The
// person at the keyboard must be an admin of the directory; the command after the name runs through
// the same engine, as the named person, in its own transaction like any other line.
import type { PersonId } from '../../domain/types.ts';
import type { AskOptions, Engine } from '../engine.ts';
import { NOT_REGISTERED } from '../execute.ts';
import type { Outcome, PlatformUser } from '../ports.ts';
import type { ActingAs } from './acting-as.ts';
import {
  AS_ADMIN_ONLY,
  AS_HELP,
  AS_LOCAL_ONLY,
  actingLine,
  asLine,
  asTarget,
  switchedBack,
  switchedTo,
} from './acting-as.ts';

const said = (reply: string): Outcome => ({
  ok: true,
  code: null,
  reply,
  duplicate: false,
  notifications: [],
});

const refused = (code: 'forbidden' | 'bad_input' | 'not_registered', reply: string): Outcome => ({
  ok: false,
  code,
  reply,
  duplicate: false,
  notifications: [],
});

/**
 * The engine, with every command and question run as `person` (the identity the platform signed is
 * only the key of the switch). The rest of the engine is the engine itself.
 */
export function actingEngine(engine: Engine, person: PersonId): Engine {
  const as: Pick<Engine, 'execute' | 'ask'> = {
    execute: (env, now) => engine.execute({ ...env, actor: person }, now),
    ask: (text, _actor, now, opts) => engine.ask(text, person, now, opts),
  };
  return Object.assign(Object.create(engine) as Engine, as);
}

/** The reply, with who acted first (R79: shown on each reply) and, for `help`, how to switch. */
export function labelled(outcome: Outcome, person: { name: string } | undefined, help = false): Outcome {
  let reply = outcome.reply;
  if (help) reply = `${reply}\n${AS_HELP}`;
  if (person) reply = `${actingLine(person.name)}\n${reply}`;
  if (reply === outcome.reply) return outcome;
  // A card shown instead of the reply (mine) says who acted too.
  const card = person && outcome.card;
  return card
    ? {
        ...outcome,
        reply,
        card: { ...card, text: [actingLine(person.name), card.text].filter(Boolean).join('\n') },
      }
    : { ...outcome, reply };
}

/**
 * The answer to a line that starts with `as`, or undefined when it does not. Without `actingAs` (not
 * the local demo) it is refused and nothing runs.
 */
export async function actAs(
  engine: Engine,
  actingAs: ActingAs | undefined,
  text: string,
  user: PlatformUser,
  now: Date,
  opts: AskOptions,
): Promise<Outcome | undefined> {
  const line = asLine(text);
  if (!line) return undefined;
  if (!actingAs) return refused('forbidden', AS_LOCAL_ONLY);
  const me = await engine.identify(user, now);
  if (me === null) return refused('not_registered', NOT_REGISTERED);
  const people = await engine.people();
  const self = people.find((p) => p.id === me);
  if (!self?.roles.includes('admin')) return refused('forbidden', AS_ADMIN_ONLY);
  const target = asTarget(line, people);
  if (!target.ok) return refused('bad_input', target.message);
  const person = target.person === 'self' || target.person.id === me ? undefined : target.person;
  if (!target.command) {
    actingAs.set(user, person ? { id: person.id, name: person.name } : undefined);
    return said(person ? switchedTo(person.name) : switchedBack(self.name));
  }
  if (!person) return engine.ask(target.command, user, now, opts);
  const outcome = await actingEngine(engine, person.id).ask(target.command, user, now, opts);
  const label = `(As ${person.name}.)`;
  const card = outcome.card && {
    ...outcome.card,
    text: [label, outcome.card.text].filter(Boolean).join('\n'),
  };
  return { ...outcome, reply: `${label}\n${outcome.reply}`, ...(card ? { card } : {}) };
}
