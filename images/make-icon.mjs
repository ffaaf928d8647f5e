// Draws images/icon.png (128x128): a network interface card with a check badge, on AWS's dark
// blue. No dependencies: shapes are rasterised with 4x4 supersampling and written as a PNG with
// node:zlib. Run: node images/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4; // samples per pixel per axis
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), 255];

const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** A thick line segment (a capsule). */
const stroke = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
};

// Painter's order: later shapes cover earlier ones.
const layers = [
  [roundRect(2, 2, 126, 126, 26), hex('#232F3E')],
  // the card
  [roundRect(16, 30, 100, 82, 8), hex('#FF9900')],
  // its edge connector
  ...[0, 1, 2, 3, 4, 5].map((i) => [roundRect(26 + i * 11, 82, 32 + i * 11, 96, 2), hex('#F2C46D')]),
  // an RJ45 port and two LEDs
  [roundRect(26, 42, 54, 68, 3), hex('#232F3E')],
  [roundRect(32, 62, 48, 68, 1), hex('#FF9900')],
  [circle(66, 46, 4), hex('#232F3E')],
  [circle(80, 46, 4), hex('#232F3E')],
  // the check badge
  [circle(96, 96, 25), hex('#232F3E')],
  [circle(96, 96, 21), hex('#3FB950')],
  [stroke(85, 97, 93, 105, 7), hex('#FFFFFF')],
  [stroke(93, 105, 108, 87, 7), hex('#FFFFFF')],
];

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS,
          y = py + (sy + 0.5) / SS;
        let color = [0, 0, 0, 0];
        for (const [inside, c] of layers) if (inside(x, y)) color = c;
        // premultiplied accumulation
        acc[0] += color[0] * color[3];
        acc[1] += color[1] * color[3];
        acc[2] += color[2] * color[3];
        acc[3] += color[3];
      }
    }
    const o = (py * SIZE + px) * 4;
    const a = acc[3] / (SS * SS);
    rgba[o + 3] = Math.round(a);
    for (let k = 0; k < 3; k++) rgba[o + k] = acc[3] ? Math.round(acc[k] / acc[3]) : 0;
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8;
ihdr[9] = 6; // 8-bit RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('./icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`${out.pathname}: ${png.length} bytes`);
