/**
 * Go's text/tabwriter with padding 3 and the given minimum width, as the docker CLI sets it up:
 * every cell but a line's last is padded to its column's widest cell plus 3 (width in characters).
 */
export function alignColumns(rows: readonly (readonly string[])[], minWidth: number): string {
  const columns = Math.max(0, ...rows.map((row) => row.length - 1));
  const widths = Array.from({ length: columns }, (_, col) =>
    Math.max(minWidth, ...rows.filter((row) => col < row.length - 1).map((row) => [...(row[col] ?? "")].length + 3)),
  );
  return rows
    .map((row) =>
      row.map((cell, col) => (col === row.length - 1 ? cell : cell + " ".repeat((widths[col] ?? 0) - [...cell].length))).join(""),
    )
    .map((line) => `${line}\n`)
    .join("");
}

/** The docker CLI's listings (cli/command/formatter): tabwriter with minimum width 10, the last column unpadded. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return alignColumns([header, ...rows], 10);
}

/** formatter.Ellipsis: cut to `width` characters, the last one "…" (each character taken as one column wide). */
export function ellipsis(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join("")}…`;
}
