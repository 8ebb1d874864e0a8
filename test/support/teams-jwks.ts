// A stand-in for the Bot Framework's token-signing keys ("How to test it": tokens signed by a
// test key the adapter is configured to trust). An RSA key made with node:crypto, its public half
// served as a JWKS on 127.0.0.1 next to an OpenID configuration, and RS256 tokens signed here. The
// Teams SDK 2.0.16 derives the keys URL from the metadata URL by replacing its trailing
// `/openidconfiguration` with `/keys` (middleware/auth/service-token-validator.js), so both are served.
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What Bot Framework tokens carry as `iss` (the SDK's PUBLIC cloud `tokenIssuer`). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface TestKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export const newKey = (kid = `test-${randomUUID()}`): TestKey => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
};

const b64url = (x: string | Buffer) => Buffer.from(x).toString('base64url');

/** A compact JWT: RS256 signed by `key` unless `alg` says otherwise (`none` has no signature). */
export function signToken(
  key: TestKey,
  claims: Record<string, unknown>,
  opts: { kid?: string; alg?: 'RS256' | 'none' } = {},
): string {
  const alg = opts.alg ?? 'RS256';
  const head = b64url(JSON.stringify({ alg, typ: 'JWT', kid: opts.kid ?? key.kid }));
  const body = b64url(JSON.stringify(claims));
  if (alg === 'none') return `${head}.${body}.`;
  const sig = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key.privateKey);
  return `${head}.${body}.${b64url(sig)}`;
}

/** The claims the Bot Connector service puts in a token for our bot, valid for an hour from now. */
export function connectorClaims(
  appId: string,
  serviceUrl: string,
  now = Date.now(),
): Record<string, unknown> {
  const s = Math.floor(now / 1000);
  return {
    iss: BOT_FRAMEWORK_ISSUER,
    aud: appId,
    serviceurl: serviceUrl,
    nbf: s - 60,
    iat: s - 60,
    exp: s + 3600,
  };
}

export interface KeyServer {
  /** The OpenID metadata URL to configure (TEAMS_OPENID_METADATA_URL). */
  metadataUrl: string;
  /** How many times the keys were fetched. */
  fetches(): number;
  close(): Promise<void>;
}

/** Serves `keys` as a JWKS, and an OpenID configuration pointing at it, on 127.0.0.1. */
export async function startKeyServer(keys: TestKey[]): Promise<KeyServer> {
  let fetches = 0;
  const jwks = {
    keys: keys.map((k) => ({
      ...k.publicKey.export({ format: 'jwk' }),
      kid: k.kid,
      use: 'sig',
      alg: 'RS256',
    })),
  };
  let base = '';
  const server = createServer((req, res) => {
    const json = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/v1/.well-known/keys') {
      fetches += 1;
      json(jwks);
    } else if (req.url === '/v1/.well-known/openidconfiguration') {
      json({
        issuer: BOT_FRAMEWORK_ISSUER,
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    fetches: () => fetches,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
