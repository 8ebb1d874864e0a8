// fast-check arbitraries for the endpoint fuzzing (fuzz.test.ts): random headers and content types,
// Slack request bodies (random JSON, Slack-shaped payloads, slash-command forms, non-JSON, huge), and
// Teams activities (with or without the envelope the adapter reads).
import fc from 'fast-check';
import { account, fixture } from '../support/teams-activities.ts';

/** Header values fetch accepts (visible ASCII), including ones that look almost right. */
export const headerValue = fc.oneof(
  fc.stringMatching(/^[\x21-\x7e]{0,60}$/),
  fc.constantFrom('v0=', 'v0=00', `v0=${'0'.repeat(64)}`, '0', '-1', '99999999999', 'NaN', '1e3', ''),
);
export const contentType = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/x-www-form-urlencoded; charset=latin1',
  '*/*',
  '',
);

export const jsonContentType = fc.constantFrom('application/json', 'application/json; charset=utf-8');

/** Random JSON, some of it Slack-shaped: interactivity payloads, events, slash commands. */
export const slackPayload = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc
    .record(
      {
        type: fc.constantFrom(
          'block_actions',
          'view_submission',
          'view_closed',
          'shortcut',
          'event_callback',
          'url_verification',
          'x',
        ),
        user: fc.oneof(fc.record({ id: fc.constantFrom('UALICE', 'USAM', 'UNOBODY', '') }), fc.jsonValue()),
        actions: fc.oneof(
          fc.array(
            fc.record({
              type: fc.constantFrom('button', 'static_select', 'x'),
              action_id: fc.oneof(
                fc.constantFrom('sec:vote:0', 'sec:available:1', 'sec:nope:0'),
                fc.string(),
              ),
              value: fc.oneof(
                fc.string(),
                fc.json(),
                fc.constant('{"ref":"DP001","ballot":"b","option":"approve"}'),
              ),
              action_ts: fc.string(),
            }),
            { maxLength: 3 },
          ),
          fc.jsonValue(),
        ),
        view: fc.oneof(
          fc.record({
            id: fc.string(),
            callback_id: fc.constantFrom('sec:form:raise', 'sec:form:object', 'x', ''),
            private_metadata: fc.oneof(fc.string(), fc.json()),
            state: fc.oneof(fc.record({ values: fc.object() }), fc.jsonValue()),
          }),
          fc.jsonValue(),
        ),
        trigger_id: fc.string(),
        challenge: fc.string(),
        event: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
);
export const slackBody = fc.oneof(
  slackPayload.map((p) => new URLSearchParams({ payload: p }).toString()),
  fc
    .dictionary(
      fc.constantFrom('command', 'text', 'user_id', 'channel_id', 'trigger_id', 'ssl_check', 'team_id', 'x'),
      fc.string({ maxLength: 80 }),
    )
    .map((d) => new URLSearchParams({ command: '/sec', ...d }).toString()),
  slackPayload,
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('', '=', '&&&', 'payload=', 'payload=%7B', 'payload=null', '%', 'payload=%ZZ'),
  fc.constantFrom(200_000, 1_500_000).map((n) => `payload=${'a'.repeat(n)}`),
);

/** Random activities: real shapes with random fields, and anything else JSON can be. */
export const activity = (serviceUrl: string, envelope = false) =>
  fc.oneof(
    ...(envelope ? [] : [fc.jsonValue({ maxDepth: 4 })]),
    fc.record(
      {
        type: fc.oneof(
          fc.constantFrom('message', 'invoke', 'conversationUpdate', 'messageReaction', 'event', ''),
          fc.string(),
        ),
        name: fc.constantFrom(
          'adaptiveCard/action',
          'task/fetch',
          'task/submit',
          'composeExtension/query',
          'x',
        ),
        id: envelope ? fc.uuid() : fc.oneof(fc.uuid(), fc.string(), fc.integer()),
        text: fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.constantFrom('raise title="T" problem="P"', 'vote DP001 approve', 'help', 'sec status DP001'),
        ),
        from: envelope
          ? fc.oneof(
              fc.constantFrom(account('alice'), account('sam'), {
                id: '29:x',
                aadObjectId: 'aad-nobody-here',
              }),
              fc.record({
                id: fc.string(),
                aadObjectId: fc.oneof(fc.string(), fc.jsonValue()),
                name: fc.jsonValue(),
              }),
            )
          : fc.oneof(fc.constantFrom(account('alice'), account('sam')), fc.jsonValue()),
        conversation: envelope
          ? fc.record({
              id: fc.string(),
              conversationType: fc.oneof(fc.constantFrom('personal', 'channel'), fc.jsonValue()),
            })
          : fc.oneof(
              fc.record({ id: fc.string(), conversationType: fc.constantFrom('personal', 'channel', 'x') }),
              fc.jsonValue(),
            ),
        recipient: envelope ? fc.record({ id: fc.string() }) : fc.jsonValue(),
        serviceUrl: fc.oneof(
          fc.constant(serviceUrl),
          fc.constant('http://127.0.0.1:9/'),
          fc.string({ maxLength: 20 }),
        ),
        value: fc.oneof(
          fc.record({
            action: fc.record({
              type: fc.constant('Action.Execute'),
              verb: fc.constantFrom('vote', 'attend', 'x'),
              data: fc.jsonValue(),
            }),
          }),
          fc.record({
            data: fc.oneof(
              fc.record({ secForm: fc.constantFrom('raise', 'object', 'x'), title: fc.string() }),
              fc.jsonValue(),
            ),
          }),
          fc.jsonValue(),
        ),
        entities: fc.jsonValue(),
        channelData: fc.jsonValue(),
      },
      { requiredKeys: envelope ? ['type', 'id', 'from', 'conversation', 'recipient', 'serviceUrl'] : [] },
    ),
    fc.constantFrom(
      { ...fixture('message-personal'), serviceUrl },
      { ...fixture('invoke-action-execute'), serviceUrl },
    ),
  );
export const teamsBody = (serviceUrl: string, envelope = false) =>
  fc.oneof(
    activity(serviceUrl, envelope).map((a) => JSON.stringify(a)),
    fc.string({ maxLength: 300 }),
    fc.constantFrom(
      '',
      '{',
      '[]',
      'null',
      '"x"',
      '{"type":',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{}}}',
    ),
    fc.constantFrom(150_000, 1_500_000).map((n) => JSON.stringify({ type: 'message', text: 'x'.repeat(n) })),
  );
