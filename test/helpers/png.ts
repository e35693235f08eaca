import { inflateSync } from "node:zlib";

/** A decoded image: RGBA, 4 bytes a pixel, row after row. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Decodes the PNGs a browser's screenshot makes: 8 bits a sample, truecolour with or without alpha,
 * not interlaced (PNG spec, sections 5–9). Anything else is refused by name, not misread.
 */
export function decodePng(file: Buffer): Pixels {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG file");
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString("latin1", at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) {
        throw new Error(`unsupported PNG: bit depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      }
      channels = colour === 6 ? 4 : 3;
    } else if (type === "IDAT") data.push(body);
    else if (type === "IEND") break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) unfilter(raw, y, stride, channels, rows);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = rows[i * channels + c] as number;
    rgba[i * 4 + 3] = channels === 4 ? (rows[i * channels + 3] as number) : 255;
  }
  return { width, height, rgba };
}

/** Undoes row `y`'s filter (none, sub, up, average, Paeth) into `out`. */
function unfilter(raw: Buffer, y: number, stride: number, bpp: number, out: Uint8Array): void {
  const filter = raw[y * (stride + 1)];
  const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
  const row = y * stride;
  for (let x = 0; x < stride; x++) {
    const a = x >= bpp ? (out[row + x - bpp] as number) : 0;
    const b = y > 0 ? (out[row - stride + x] as number) : 0;
    const c = x >= bpp && y > 0 ? (out[row - stride + x - bpp] as number) : 0;
    const value = line[x] as number;
    const predicted = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
    if (filter !== undefined && filter > 4) throw new Error(`unknown PNG filter ${filter} in row ${y}`);
    out[row + x] = (value + predicted) & 0xff;
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** `#rrggbb` of the pixel at (x, y). */
export function colourAt(image: Pixels, x: number, y: number): string {
  const i = (y * image.width + x) * 4;
  return `#${[0, 1, 2].map((c) => (image.rgba[i + c] as number).toString(16).padStart(2, "0")).join("")}`;
}

/** Boxes of touching pixels of exactly one colour (4-connected), with their pixel counts. */
export function regionsOf(image: Pixels, colour: string): { x0: number; y0: number; x1: number; y1: number; size: number }[] {
  const target = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
  const matches = (p: number) => target.every((v, c) => image.rgba[p * 4 + c] === v);
  const seen = new Uint8Array(image.width * image.height);
  const regions: { x0: number; y0: number; x1: number; y1: number; size: number }[] = [];
  for (let start = 0; start < seen.length; start++) {
    if (seen[start] || !matches(start)) continue;
    const region = { x0: image.width, y0: image.height, x1: 0, y1: 0, size: 0 };
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const p = stack.pop() as number;
      const [x, y] = [p % image.width, Math.floor(p / image.width)];
      Object.assign(region, {
        x0: Math.min(region.x0, x),
        y0: Math.min(region.y0, y),
        x1: Math.max(region.x1, x),
        y1: Math.max(region.y1, y),
      });
      region.size += 1;
      for (const [nx, ny] of [
        [x + 1, y],
        [x - 1, y],
        [x, y + 1],
        [x, y - 1],
      ] as const) {
        const n = ny * image.width + nx;
        if (nx < 0 || ny < 0 || nx >= image.width || ny >= image.height || seen[n] || !matches(n)) continue;
        seen[n] = 1;
        stack.push(n);
      }
    }
    regions.push(region);
  }
  return regions;
}
