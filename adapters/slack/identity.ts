// Identity (R1, R2): a Slack user is named by Slack's signed user id, never by a button value or typed
// text; the core finds the person in the command's transaction, by the linked id or else by the
// e-mail Slack holds for them (users.info, scope users:read.email), asked only on a first contact.
import type { webApi } from '@slack/bolt';
import type { Interaction } from '../../src/app/interaction/index.ts';
import type { PlatformUser } from '../../src/app/ports.ts';
import type { PersonId } from '../../src/domain/types.ts';

type WebClient = webApi.WebClient;

/** Slack could not tell us who this is (Web API down): not the same as "not registered". */
export class IdentityUnavailable extends Error {
  constructor(cause: unknown) {
    super(`Slack's users.info failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'IdentityUnavailable';
  }
}

/**
 * The person behind a Slack user id, for the core to find in the command's transaction (R1): by the
 * linked id, else by the e-mail Slack holds for them, asked (users.info) only when the id is not linked.
 */
export const slackUser = (client: WebClient, userId: string): PlatformUser => ({
  platform: 'slack',
  platformId: userId,
  email: () => emailOf(client, userId),
});

async function emailOf(client: WebClient, userId: string): Promise<string | undefined> {
  let res: Awaited<ReturnType<WebClient['users']['info']>>;
  try {
    res = await client.users.info({ user: userId });
  } catch (e) {
    // A user Slack does not know is unregistered; anything else is an outage we must not hide.
    if (errorCode(e) === 'user_not_found') return undefined;
    throw new IdentityUnavailable(e);
  }
  const u = res.user;
  // Bots and deleted accounts are never people of the process.
  if (!u || u.is_bot || u.deleted) return undefined;
  return u.profile?.email?.trim().toLowerCase() || undefined;
}

function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || !('data' in e)) return undefined;
  const data = (e as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Slack user mentions as typed: `<@U123>` or `<@U123|name>`. */
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g;

/**
 * The mention map for parse() (R66): each mention token in the text → its person. Mentions of
 * people not registered are left out, so the grammar names them in its refusal.
 */
export async function resolveMentions(
  ix: Interaction,
  client: WebClient,
  text: string,
): Promise<Record<string, PersonId>> {
  const out: Record<string, PersonId> = {};
  const tokens = new Map<string, string>();
  for (const m of text.matchAll(MENTION)) tokens.set(m[0], m[1] as string);
  for (const [token, userId] of tokens) {
    const person = await ix.identify(slackUser(client, userId));
    if (person) out[token] = person;
  }
  return out;
}

/**
 * R44 R71: how each named mention in a slash command reads in its free text: `<@U123|ann>` → `@ann`
 * (Slack names the person when it escapes a mention). Taken from the text as Slack sent it, where a
 * `&lt;@U1|x&gt;` typed as text is no mention. A mention without a name stays as it came.
 */
export function mentionNamesOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/<@[UW][A-Z0-9]+\|([^<>|]+)>/g)) {
    const name = unescapeSlack(m[1] ?? '').trim();
    if (name) out[unescapeSlack(m[0])] = `@${name}`;
  }
  return out;
}

/** Slack HTML-escapes `&`, `<` and `>` in typed text; the grammar wants what the person typed. */
export const unescapeSlack = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Makes text safe to send as mrkdwn: user text can never become a mention, link or @channel. */
export const escapeSlack = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
