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

/** The manifest with `${{NAME}}` filled from env; names it cannot fill are listed, not left in. */
export function fillManifest(text: string, env: Record<string, string | undefined>): string {
  const values: Record<string, string | undefined> = {
    TEAMS_APP_ID: env.TEAMS_APP_ID,
    BOT_ID: env.BOT_ID ?? env.TEAMS_CLIENT_ID,
    BOT_DOMAIN: env.BOT_DOMAIN,
  };
  const missing = new Set<string>();
  const out = text.replace(/\$\{\{(\w+)\}\}/g, (m, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') missing.add(name);
    return v ?? m;
  });
  if (missing.size) {
    throw new Error(
      `Set ${[...missing].join(', ')} to package the Teams app (see manifest/teams/README.md).`,
    );
  }
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
