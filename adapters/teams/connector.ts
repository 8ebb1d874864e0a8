// One Bot Connector REST call (adapters/teams/notifier.ts), and how its failure leaves an outbox
// message: a 429 was certainly not sent (Retry-After honoured); a 5xx, 408, timeout or reset may have
// been; any other refusal is permanent. The bearer token is the bot's (none in local mode).

/** How a failed call leaves the message. */
export interface Fault {
  /** not-sent: certainly not delivered; unknown: it may have been; permanent: retrying is useless. */
  kind: 'not-sent' | 'unknown' | 'permanent';
  error: string;
  retryAfterMs?: number;
  status?: number;
}

export class ConnectorError extends Error {
  readonly fault: Fault;
  constructor(fault: Fault) {
    super(fault.error);
    this.fault = fault;
  }
}

function retryAfterMs(header: string | null): number {
  if (!header) return 1000;
  const s = Number(header);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - Date.now());
}

export function faultOf(e: unknown): Fault {
  if (e instanceof ConnectorError) return e.fault;
  const err = e as Error & { cause?: { code?: string } };
  if (err.name === 'TimeoutError') return { kind: 'unknown', error: 'timeout' };
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') return { kind: 'not-sent', error: code };
  if (err instanceof TypeError) return { kind: 'unknown', error: `${err.message} ${code ?? ''}`.trim() };
  throw e;
}

export interface ConnectorOptions {
  /** The bot's bearer token for each call; none sends no Authorization header. */
  token?: (() => Promise<string | undefined>) | undefined;
  timeoutMs: number;
}

const trim = (url: string) => url.replace(/\/+$/, '');

/** A call to `base` + `path`: the JSON answer, or a ConnectorError carrying its Fault. */
export function connectorCall(opts: ConnectorOptions) {
  return async function call(
    base: string,
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
  ): Promise<{ id?: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // No token, no request: certainly not sent (MSAL unreachable, a secret expired), so retried.
    const token = await opts.token?.().catch((e: unknown) => {
      const why = e instanceof Error ? e.message : String(e);
      throw new ConnectorError({ kind: 'not-sent', error: `no bot token: ${why}` });
    });
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${trim(base)}${path}`, {
      method,
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    const text = await res.text();
    if (res.ok) return text ? (JSON.parse(text) as { id?: string }) : {};
    const status = res.status;
    if (status === 429) {
      const wait = retryAfterMs(res.headers.get('retry-after'));
      throw new ConnectorError({
        kind: 'not-sent',
        status,
        error: `429 rate limited, Retry-After ${Math.ceil(wait / 1000)} s`,
        retryAfterMs: wait,
      });
    }
    const kind = status >= 500 || status === 408 ? 'unknown' : 'permanent';
    throw new ConnectorError({ kind, status, error: `HTTP ${status}` });
  };
}
