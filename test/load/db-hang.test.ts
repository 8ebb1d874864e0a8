// R87: the database outage scenario of support-outage.ts with a database that HANGS instead of
// refusing (the TCP proxy's blackhole: open connections go silent, new ones are accepted and never
// answered), on openStore() as shipped. Every command is answered inside Slack's 3 s with a private
// apology (the query timeout, db/open.ts poolOptions), nothing is half-written, and votes succeed again
// within seconds of the return.
// Before the query timeout: a command waited on the silent connection past Slack's 3 s (Bolt answered
// 404 and the person saw no reply), a new connection waited connect_timeout (10 s).
import { openStore } from '../../db/open.ts';
import { describeOutage } from './support-outage.ts';

describeOutage(
  'PostgreSQL hangs mid-run and comes back (openStore), PostgreSQL',
  (url) => openStore({ databaseUrl: url }),
  'hang',
);
