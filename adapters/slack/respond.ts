// A click's private answer through the `response_url` Slack put in the signed request: a POST with
// `response_type: ephemeral` and `replace_original: false` shows it to the clicker alone, below the
// message, as chat.postEphemeral would, without a Web API call. P1: on a vote that call (WebClient on
// fetch, with its queue and retry machinery) cost about as much of the bot's time per click as
// recording the vote; a keep-alive POST with node:http costs a fraction of it. A response_url is
// only followed to Slack's own hooks host (or, in tests and the emulator, the configured API host),
// so a forged body could never make the bot post elsewhere (the body is signed, this is belt and braces).
import http from 'node:http';
import https from 'node:https';

/** Where Slack's response URLs point (https://api.slack.com/interactivity/handling#message_responses). */
const SLACK_HOOKS = 'https://hooks.slack.com';
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

export type Respond = (responseUrl: string, body: object) => Promise<void>;

/** What went wrong with a response_url: the caller falls back to chat.postEphemeral. */
export class ResponseUrlFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseUrlFailed';
  }
}

/**
 * The POST to a response_url, within `timeoutMs`; a refused URL, a non-2xx answer or a network fault
 * rejects with ResponseUrlFailed. `apiUrl`: the configured Web API base (a fake in tests), whose
 * origin is accepted besides Slack's hooks.
 */
export function responder(apiUrl: string | undefined, timeoutMs = 2_000): Respond {
  const allowed = new Set([SLACK_HOOKS, ...(apiUrl ? [new URL(apiUrl).origin] : [])]);
  return (responseUrl, body) =>
    new Promise<void>((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(responseUrl);
      } catch {
        return reject(new ResponseUrlFailed('not a URL'));
      }
      if (!allowed.has(url.origin)) return reject(new ResponseUrlFailed(`not Slack's: ${url.origin}`));
      const payload = JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...body });
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(
        url,
        {
          method: 'POST',
          agent: agents[url.protocol as keyof typeof agents],
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(payload),
          },
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
          res.on('end', () => (ok ? resolve() : reject(new ResponseUrlFailed(`HTTP ${res.statusCode}`))));
          res.on('error', (e) => reject(new ResponseUrlFailed(e.message)));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (e) => reject(new ResponseUrlFailed(e.message)));
      req.end(payload);
    });
}
