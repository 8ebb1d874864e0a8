// Writes the two Teams app icons as real PNGs with node:zlib only (no image dependency): color.png, 192×192
// on a solid colour, and outline.png, 32×32 white on transparent, as the Teams manifest asks. The shape is
// a ballot box with a tick. Run once (`npx tsx manifest/teams/make-icons.ts`); the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGBA PNG (colour type 6, 8 bits) of `size`×`size` pixels, each given by `pixel(x, y)`. */
export function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Whether (u, v) in the unit square lies on the icon's shape: a box outline and a tick inside it. */
function onShape(u: number, v: number, stroke: number): boolean {
  const box = u >= 0.2 && u <= 0.8 && v >= 0.2 && v <= 0.8;
  const inner = u > 0.2 + stroke && u < 0.8 - stroke && v > 0.2 + stroke && v < 0.8 - stroke;
  const near = (ax: number, ay: number, bx: number, by: number): boolean => {
    const t = Math.max(
      0,
      Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    return Math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay))) <= stroke / 1.5;
  };
  return (box && !inner) || near(0.32, 0.5, 0.45, 0.64) || near(0.45, 0.64, 0.7, 0.34);
}

const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const BRAND: Rgba = [0x1f, 0x4e, 0x79, 255];

export const colorIcon = (): Buffer =>
  png(192, (x, y) => (onShape((x + 0.5) / 192, (y + 0.5) / 192, 0.06) ? WHITE : BRAND));
export const outlineIcon = (): Buffer =>
  png(32, (x, y) => (onShape((x + 0.5) / 32, (y + 0.5) / 32, 0.08) ? WHITE : CLEAR));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const here = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(here, 'color.png'), colorIcon());
  writeFileSync(join(here, 'outline.png'), outlineIcon());
}
