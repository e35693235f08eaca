import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { colourAt, decodePng, regionsOf } from "../../helpers/png.js";

/** A PNG of 8-bit RGB rows, each row written with the filter given for it (CRCs left zero: the decoder does not read them). */
function encodePng(width: number, rows: number[][], filters: number[]): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, "latin1");
    return Buffer.concat([head, body, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(rows.length, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const paeth = (a: number, b: number, c: number) => {
    const p = a + b - c;
    const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  };
  const filtered = rows.flatMap((row, y) => {
    const filter = filters[y] as number;
    const above = rows[y - 1];
    const bytes = row.map((v, x) => {
      const [a, b, c] = [row[x - 3] ?? 0, above?.[x] ?? 0, above?.[x - 3] ?? 0];
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter] as number;
      return (v - predicted) & 0xff;
    });
    return [filter, ...bytes];
  });
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.from(filtered))), chunk("IEND", Buffer.alloc(0))]);
}

describe("the screenshot decoder the HTML report's test reads pixels with", () => {
  // 3×5 pixels: a red square in the top left 2×2, the rest a gradient of greys
  const rows = Array.from({ length: 5 }, (_, y) =>
    Array.from({ length: 3 }, (_, x) => (x < 2 && y < 2 ? [0xcf, 0x22, 0x2e] : [x * 40 + y * 9, x * 40 + y * 9, 200])).flat(),
  );

  it("undoes every row filter (none, sub, up, average, Paeth) to the pixels written", () => {
    const image = decodePng(encodePng(3, rows, [0, 1, 2, 3, 4]));
    expect([image.width, image.height]).toEqual([3, 5]);
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 3; x++) {
        const [r, g, b] = (rows[y] as number[]).slice(x * 3, x * 3 + 3);
        expect(colourAt(image, x, y), `${x},${y}`).toBe(`#${[r, g, b].map((v) => (v as number).toString(16).padStart(2, "0")).join("")}`);
      }
    }
  });

  it("finds a region of one colour with its box and size", () => {
    expect(regionsOf(decodePng(encodePng(3, rows, [4, 4, 4, 4, 4])), "#cf222e")).toEqual([{ x0: 0, y0: 0, x1: 1, y1: 1, size: 4 }]);
  });

  it("refuses what is not a PNG", () => expect(() => decodePng(Buffer.from("GIF89a........"))).toThrow("not a PNG file"));
});
