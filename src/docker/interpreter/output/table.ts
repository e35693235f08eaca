/**
 * Columns as the docker CLI prints its listings: Go's tabwriter with minwidth 10, padding 3
 * (docker/cli `cli/command/formatter`), the last column unpadded.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(10, ...all.map((row) => (row[col] ?? "").length + 3)));
  return all
    .map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0))).join(""))
    .map((line) => `${line}\n`)
    .join("");
}
