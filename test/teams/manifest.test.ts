// The Teams app package: a current-schema manifest with the bot in personal, team and
// group chat scopes, the most-used subcommands (R42), the two icons at the sizes Teams asks for (read from
// the PNG headers), and `npm run package:teams`'s zip read back with a small reader: three files, each
// inflating to the bytes on disk with the CRC the zip states.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HERE, buildPackage, fillManifest } from '../../manifest/teams/package.ts';
import { USAGE } from '../../src/domain/grammar/usage.ts';

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  validDomains: string[];
}
const raw = readFileSync(join(HERE, 'manifest.json'), 'utf8');
const manifest = JSON.parse(raw) as Manifest;
const ENV = {
  TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555',
  TEAMS_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
  BOT_DOMAIN: 'bot.example.org',
};

/** Width, height, bit depth and colour type from a PNG's signature and IHDR chunk. */
function pngHeader(buf: Buffer) {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(buf.toString('ascii', 12, 16)).toBe('IHDR');
  expect(buf.readUInt32BE(29)).toBe(crc32(buf.subarray(12, 29)));
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), depth: buf[24], colour: buf[25] };
}

/** The entries of a zip, read from its central directory and checked against the local headers. */
function unzip(buf: Buffer): { name: string; data: Buffer; crc: number }[] {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    expect(buf.readUInt32LE(local)).toBe(0x04034b50);
    expect(buf.readUInt16LE(local + 8)).toBe(8);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.push({ name, data: inflateRawSync(buf.subarray(start, start + size)), crc });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

describe('Teams manifest', () => {
  it('R42 current schema, placeholders for ids, the bot in personal, team and group chat', () => {
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]?.botId).toBe('${{BOT_ID}}');
    expect(manifest.bots[0]?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.validDomains).toEqual(['${{BOT_DOMAIN}}']);
  });

  it('R42 the command list holds the most-used subcommands, each one the grammar knows', () => {
    const commands = manifest.bots[0]?.commandLists[0]?.commands ?? [];
    expect(commands.map((c) => c.title)).toEqual([
      'help',
      'raise',
      'status',
      'list',
      'vote',
      'view',
      'respond',
      'object',
    ]);
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
      expect(
        Object.keys(USAGE).some((k) => k === c.title || k.startsWith(`${c.title}`)),
        c.title,
      ).toBe(true);
    }
  });

  it('R42 the icons are real PNGs: color 192×192, outline 32×32 white on transparent', () => {
    expect(pngHeader(readFileSync(join(HERE, manifest.icons.color)))).toMatchObject({
      width: 192,
      height: 192,
    });
    const outline = readFileSync(join(HERE, manifest.icons.outline));
    expect(pngHeader(outline)).toEqual({ width: 32, height: 32, depth: 8, colour: 6 });
  });

  it('R42 the package zips the filled manifest and both icons with correct CRCs', () => {
    const out = buildPackage(ENV, join(mkdtempSync(join(tmpdir(), 'teams-pkg-')), 'app.zip'));
    const entries = unzip(readFileSync(out));
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    for (const e of entries) expect(crc32(e.data), e.name).toBe(e.crc);
    expect(entries[1]?.data).toEqual(readFileSync(join(HERE, 'color.png')));
    const filled = JSON.parse(entries[0]?.data.toString('utf8') ?? '') as Manifest;
    expect(filled.id).toBe(ENV.TEAMS_APP_ID);
    expect(filled.bots[0]?.botId).toBe(ENV.TEAMS_CLIENT_ID);
    expect(filled.validDomains).toEqual(['bot.example.org']);
  });

  it('R42 packaging without the ids says which variables to set, naming both that give the bot id', () => {
    expect(() => fillManifest(raw, {})).toThrow(
      'Set TEAMS_APP_ID, BOT_ID (or TEAMS_CLIENT_ID), BOT_DOMAIN to package the Teams app (see manifest/teams/README.md).',
    );
    expect(() => fillManifest(raw, { ...ENV, TEAMS_CLIENT_ID: undefined })).toThrow(
      'Set BOT_ID (or TEAMS_CLIENT_ID) to package the Teams app',
    );
    expect(fillManifest(raw, { ...ENV, TEAMS_CLIENT_ID: undefined, BOT_ID: ENV.TEAMS_CLIENT_ID })).toContain(
      `"botId": "${ENV.TEAMS_CLIENT_ID}"`,
    );
  });

  it('R42 an id that is not a GUID, or a domain with a scheme or a path, is refused with one line', () => {
    const refusal = (env: Record<string, string | undefined>) => {
      try {
        fillManifest(raw, env);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error(`accepted ${JSON.stringify(env)}`);
    };
    expect(refusal({ ...ENV, TEAMS_APP_ID: 'notaguid' })).toBe(
      'TEAMS_APP_ID must be a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e (node -e "console.log(crypto.randomUUID())" makes one); got "notaguid".',
    );
    expect(refusal({ ...ENV, TEAMS_CLIENT_ID: 'my-bot' })).toBe(
      'TEAMS_CLIENT_ID must be a GUID (the app registration\'s Application (client) id); got "my-bot".',
    );
    expect(refusal({ ...ENV, BOT_ID: '{66666666-7777-8888-9999-000000000000}' })).toBe(
      'BOT_ID must be a GUID (the app registration\'s Application (client) id); got "{66666666-7777-8888-9999-000000000000}".',
    );
    for (const domain of [
      'https://bot.example.org/',
      'https://bot.example.org',
      'bot.example.org/',
      'bot.example.org/api/messages',
    ]) {
      expect(refusal({ ...ENV, BOT_DOMAIN: domain }), domain).toBe(
        `BOT_DOMAIN must be the host name alone, without https:// or a slash (e.g. bot.example.org); got "${domain}".`,
      );
    }
    // Each problem on its own line, none of them a stack.
    expect(refusal({ ...ENV, TEAMS_APP_ID: 'x', BOT_DOMAIN: 'http://a/' }).split('\n')).toHaveLength(2);
  });
});
