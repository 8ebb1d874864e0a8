// QUALITY.md P1's second reference: "a naive Bolt app writing vote + audit + outbox rows in one
// transaction" (it reached a ratio of 0.29 when the goal was set). Run in the same rounds as the bot
// (bench/slack-vote.ts), it shows on this machine and this runtime what a durable vote costs before
// any of the bot's own work: finding the voter, the rules, the card, the hash chain and the private
// reply.
import postgres from 'postgres';
import { boltReference } from './bolt-reference.ts';

export interface Naive {
  url: string;
  /** Votes written so far (one audit row per click). */
  votes: () => Promise<number>;
  close: () => Promise<void>;
}

/** Its own schema, dropped when the benchmark ends: a DATABASE_URL's database keeps none of it. */
const SCHEMA = 'bench_naive';
const TABLES = `
  create schema if not exists ${SCHEMA};
  create table if not exists ${SCHEMA}.votes (ballot text, voter text, option text not null,
    at timestamptz not null, primary key (ballot, voter));
  create table if not exists ${SCHEMA}.audit (id bigserial primary key, ballot text not null,
    voter text not null, option text not null, at timestamptz not null);
  create table if not exists ${SCHEMA}.outbox (id bigserial primary key, payload jsonb not null,
    at timestamptz not null);`;

/** The naive app on the bot's HTTP server code and receiver settings, with its own pool of 10 (as the bot's). */
export async function naiveApp(databaseUrl: string, fakeUrl: string): Promise<Naive> {
  const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });
  await sql.unsafe(TABLES);
  const app = await boltReference(fakeUrl, async ({ ack, body, action }) => {
    const v = JSON.parse((action as { value: string }).value) as { ballot: string; option: string };
    const voter = body.user.id;
    const at = new Date();
    await sql.begin(async (t) => {
      await t`insert into bench_naive.votes values (${v.ballot}, ${voter}, ${v.option}, ${at})
        on conflict (ballot, voter) do update set option = excluded.option, at = excluded.at`;
      await t`insert into bench_naive.audit (ballot, voter, option, at) values (${v.ballot}, ${voter}, ${v.option}, ${at})`;
      await t`insert into bench_naive.outbox (payload, at) values (${t.json({ ballot: v.ballot, voter, option: v.option })}, ${at})`;
    });
    await ack();
  });
  return {
    url: app.url,
    votes: async () => Number((await sql`select count(*)::int as n from bench_naive.audit`)[0]?.n ?? 0),
    close: async () => {
      await app.close();
      await sql.unsafe(`drop schema ${SCHEMA} cascade`);
      await sql.end({ timeout: 1 });
    },
  };
}
