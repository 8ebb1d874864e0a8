// The child process of bench/teams-vote.ts: two Teams SDK apps on the shared HTTP server code, both
// unauthenticated on 127.0.0.1 (local mode; token checks would cost both the same): (a) a bare SDK App
// whose card.action handler only answers, (b) this bot, which resolves the voter, records the vote in
// one transaction and answers with the refreshed ballot card. Driven over IPC like slack-vote-server.ts.
import { App, ExpressAdapter } from '@microsoft/teams.apps';
import { createHttpServer } from '../adapters/http.ts';
import { createTeamsApp } from '../adapters/teams/app.ts';
import { createEngine } from '../src/app/engine.ts';
import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';
import { database, noLog, panel, serveParent } from './vote-server.ts';

type ILogger = NonNullable<NonNullable<ConstructorParameters<typeof App>[0]>['logger']>;
const silent: ILogger = {
  debug: noLog,
  trace: noLog,
  info: noLog,
  warn: noLog,
  error: noLog,
  log: noLog,
  child: () => silent,
};

export const teamsAad = (handle: string): string => `aad-${handle}`;

/** (a): a bare Teams SDK app that answers every Action.Execute with a sentence. */
async function answerOnly(): Promise<string> {
  const http = createHttpServer();
  const app = new App({
    httpServerAdapter: new ExpressAdapter(http.app),
    logger: silent,
    dangerouslyAllowUnauthenticatedRequests: true,
  });
  app.on('card.action', () =>
    Promise.resolve({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message' as const,
      value: 'Recorded.',
    }),
  );
  await app.initialize();
  await http.listen(0, '127.0.0.1');
  return http.url();
}

async function main(): Promise<void> {
  const db = await database();
  const engine = createEngine(db.store, { settings: DEFAULT_SETTINGS });
  await engine.importPeople(
    panel((h) => ({ teams: teamsAad(h) })),
    { source: 'bench', now: new Date() },
  );
  const http = createHttpServer();
  const teams = createTeamsApp({ engine, log: noLog, http, local: true });
  await teams.start();
  await http.listen(0, '127.0.0.1');
  serveParent(db, engine, { ackOnly: await answerOnly(), bot: http.url() }, () => http.close());
}

// Only as the forked child: bench/teams-vote.ts imports this module for teamsAad.
if (process.send && process.env.TEAMS_VOTE_SERVER === '1') await main();
