// `register` and `calendar [reset]` (R83, R84): the links a person asks the bot for. A link that opens
// something (a signed register link, a feed address) is only ever shown where no one else reads it:
// Slack answers privately, Teams only in the person's 1:1 chat; elsewhere the person is asked to ask there.
import type { WebConfig } from '../config-web.ts';
import type { QueryOf } from '../domain/query-schema.ts';
import type { Person } from '../domain/types.ts';
import { formatLondon } from '../domain/working-days.ts';
import { refuse } from '../domain/types.ts';
import type { PersonId } from '../domain/types.ts';
import { NOT_REGISTERED, outcomeOf } from './execute.ts';
import type { Outcome } from './ports.ts';
import type { Store } from './store.ts';
import type { FeedTokens } from './web-ports.ts';
import { KEY_PARAM, feedToken, registerKey, tokenHash, webUrl } from './web-links.ts';
import { cmd } from '../views/hints.ts';

export type WebQuery = QueryOf<'register'> | QueryOf<'calendar'>;

export interface WebRequests {
  answer(q: WebQuery, person: Person, now: Date, where: { privately: boolean }): Promise<string>;
}

const MEANWHILE = `Meanwhile, ${cmd('list all')} shows every modification.`;
const NO_REGISTER = `The web register is not switched on here; ask an admin. ${MEANWHILE}`;
const NO_FEEDS = 'Calendar feeds are not switched on here; ask an admin.';

// R47, R83, R84: an admin can change the settings, so they are told which ones are missing, from what is
// actually unset; anyone else, to ask an admin. In local mode whoever types at the emulator runs the bot,
// even when acting as another person (`as cb1 calendar`), so they are told the settings too.
const SECRET_SETTING = 'SEC_WEB_SECRET (at least 32 characters)';
const URL_SETTING = 'SEC_WEB_URL (the address people reach the bot at)';
const setAndRestart = (settings: string[]) =>
  `set ${settings.join(' and ')}${settings.length > 1 ? ',' : ''} and restart the bot.`;

const maySet = (web: WebConfig, person: Person): boolean => !!web.local || person.roles.includes('admin');

function registerOff(web: WebConfig, person: Person): string {
  if (!maySet(web, person)) return NO_REGISTER;
  if (web.public || web.secret)
    return `The web register has no address to link to: ${setAndRestart([URL_SETTING])} ${MEANWHILE}`;
  const open = `set ${SECRET_SETTING} for signed links, or SEC_REGISTER_PUBLIC=true to open it to anyone`;
  const address = web.baseUrl ? '' : `, and ${URL_SETTING}`;
  return `The web register is off: ${open}${address}, and restart the bot. ${MEANWHILE}`;
}

function feedsOff(web: WebConfig, person: Person): string {
  if (!maySet(web, person)) return NO_FEEDS;
  const missing = [...(web.secret ? [] : [SECRET_SETTING]), ...(web.baseUrl ? [] : [URL_SETTING])];
  return `Calendar feeds are off: ${setAndRestart(missing)}`;
}

export const FEED_INTRO =
  'Add it to your calendar app as a subscription ("from URL"). It shows your Working Group meetings, ' +
  'when the ballots, views and consultations you owe close (17:00 London time, with a reminder that ' +
  'morning), and the Fast Track windows you may object in. Keep it to yourself: anyone with it can read ' +
  `these dates. ${cmd('calendar reset')} stops this address.`;

/** The person's calendar feed address (R84), issued if they have none: the same address every time. */
async function feedUrl(base: string, secret: string, tokens: FeedTokens, person: PersonId, now: Date) {
  const generation = await tokens.issue(person, (g) => tokenHash(feedToken(secret, person, g)), now);
  return webUrl(base, `/calendar/${feedToken(secret, person, generation)}.ics`);
}

/**
 * R78 on Teams, which takes no file from a bot unasked: the person's feed address, sent with a meeting
 * invite in their 1:1 chat (the feed holds the same entry as the invite). Undefined when feeds are off.
 */
export function feedLinks(
  web: WebConfig,
  tokens: FeedTokens,
): ((person: PersonId, now: Date) => Promise<string | undefined>) | undefined {
  const { baseUrl: base, secret } = web;
  if (!base || !secret) return undefined;
  return (person, now) => feedUrl(base, secret, tokens, person, now);
}

export function webRequests(web: WebConfig, tokens: FeedTokens): WebRequests {
  const base = web.baseUrl;
  return {
    async answer(q, person, now, where) {
      if (q.kind === 'register') {
        if (!base) return registerOff(web, person);
        if (web.public) return `The Modification Register: ${webUrl(base, '/register')}`;
        if (!web.secret) return registerOff(web, person);
        if (!where.privately)
          return 'Your link to the register is personal: type register in your private chat with me.';
        const expires = new Date(now.getTime() + web.linkHours * 3_600_000);
        const url = webUrl(base, '/register', { [KEY_PARAM]: registerKey(web.secret, expires) });
        return `Your link to the Modification Register, valid until ${formatLondon(expires)} (London time): ${url}\nIt is for you: anyone with it can read the register until then.`;
      }
      if (!base || !web.secret) return feedsOff(web, person);
      const secret = web.secret;
      if (q.reset) {
        return (await tokens.revoke(person.id, now))
          ? `Your calendar feed address no longer works. Type ${cmd('calendar')} for a new one.`
          : 'You have no calendar feed address to stop.';
      }
      if (!where.privately)
        return 'Your calendar feed address is personal: type calendar in your private chat with me.';
      const url = await feedUrl(base, secret, tokens, person.id, now);
      return `Your calendar feed: ${url}\n${FEED_INTRO}`;
    },
  };
}

/** The engine's answer to `register` and `calendar`: the asker must be in the directory (R66). */
export async function askWeb(
  store: Store,
  web: WebRequests,
  q: WebQuery,
  actor: PersonId | null,
  now: Date,
  privately: boolean,
): Promise<Outcome> {
  const id = actor?.trim().toLowerCase();
  const people = await store.transaction((tx) => tx.people());
  const person = people.find((p) => p.id === id);
  if (!person) return outcomeOf(refuse('not_registered', NOT_REGISTERED));
  const reply = await web.answer(q, person, now, { privately });
  return { ok: true, code: null, reply, duplicate: false, notifications: [] };
}
