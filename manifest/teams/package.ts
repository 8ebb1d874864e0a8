// `npm run package:teams`: the Teams app package (manifest.json + the two icons in one zip) to upload in
// Teams or the Developer Portal. The manifest's `${{NAME}}` placeholders are filled from the environment
// (TEAMS_APP_ID, BOT_ID or else TEAMS_CLIENT_ID, BOT_DOMAIN), so the committed file holds no ids. The zip
// is written by hand (local headers, central directory, end record; deflate from node:zlib) to need no
// dependency for three small files.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_FILE = join(HERE, 'sec-change-bot.zip');

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A ZIP archive (deflate, no encryption, no ZIP64) of the entries, dated 1980-01-01 so builds repeat. */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data);
    const crc = crc32(e.data);
    // Fields shared by the local header (from "version needed") and the central one (from its offset 6).
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed: 2.0 (deflate)
    common.writeUInt16LE(0x0800, 2); // flags: UTF-8 names
    common.writeUInt16LE(8, 4); // method: deflate
    common.writeUInt16LE(0, 6); // time 00:00
    common.writeUInt16LE((0 << 9) | (1 << 5) | 1, 8); // date 1980-01-01
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(packed.length, 14);
    common.writeUInt32LE(e.data.length, 18);
    common.writeUInt16LE(name.length, 22);
    common.writeUInt16LE(0, 24); // extra length
    const local = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), common, name, packed]);
    // Comment length, disk start, internal attributes (2 bytes each), external attributes (4), then
    // the local header's offset (4).
    const tail = Buffer.alloc(14);
    tail.writeUInt32LE(offset, 10);
    centrals.push(
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02]), Buffer.from([20, 3]), common, tail, name]),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLIENT_ID = "a GUID (the app registration's Application (client) id)";

/**
 * The manifest with `${{NAME}}` filled from env; names it cannot fill are listed, not left in. Values
 * Teams would refuse at upload are refused here, one line each: ids that are not GUIDs, and a domain with
 * a scheme or a slash (validDomains takes the host name alone: it is refused, not trimmed, so that what
 * was meant is said once, by the person who set it).
 */
export function fillManifest(text: string, env: Record<string, string | undefined>): string {
  const given = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
  const botFrom = given(env.BOT_ID) !== undefined ? 'BOT_ID' : 'TEAMS_CLIENT_ID';
  const values: Record<string, string | undefined> = {
    TEAMS_APP_ID: given(env.TEAMS_APP_ID),
    BOT_ID: given(env.BOT_ID) ?? given(env.TEAMS_CLIENT_ID),
    BOT_DOMAIN: given(env.BOT_DOMAIN),
  };
  const missing = new Set<string>();
  const out = text.replace(/\$\{\{(\w+)\}\}/g, (m, name: string) => {
    const v = values[name];
    if (v === undefined) missing.add(name === 'BOT_ID' ? 'BOT_ID (or TEAMS_CLIENT_ID)' : name);
    return v ?? m;
  });
  if (missing.size) {
    throw new Error(
      `Set ${[...missing].join(', ')} to package the Teams app (see manifest/teams/README.md).`,
    );
  }
  const { TEAMS_APP_ID: app, BOT_ID: bot, BOT_DOMAIN: domain } = values;
  const problems: string[] = [];
  if (app !== undefined && !GUID.test(app))
    problems.push(
      `TEAMS_APP_ID must be a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e (node -e "console.log(crypto.randomUUID())" makes one); got ${JSON.stringify(app)}.`,
    );
  if (bot !== undefined && !GUID.test(bot))
    problems.push(`${botFrom} must be ${CLIENT_ID}; got ${JSON.stringify(bot)}.`);
  if (domain !== undefined && (domain.includes('/') || /\s/.test(domain)))
    problems.push(
      `BOT_DOMAIN must be the host name alone, without https:// or a slash (e.g. bot.example.org); got ${JSON.stringify(domain)}.`,
    );
  if (problems.length) throw new Error(problems.join('\n'));
  return out;
}

export function buildPackage(env: Record<string, string | undefined>, outFile = PACKAGE_FILE): string {
  const manifest = fillManifest(readFileSync(join(HERE, 'manifest.json'), 'utf8'), env);
  const files = [
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: readFileSync(join(HERE, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(HERE, 'outline.png')) },
  ];
  writeFileSync(outFile, zip(files));
  return outFile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`Wrote ${buildPackage(process.env)}\n`);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
