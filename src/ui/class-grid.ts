import { terminalSafe } from "../docker/terminal-safe.js";
import type { ClassRoll, Verdict } from "../grading/class-roll.js";
import type { Theme } from "./theme.js";

/** A table of marks: rows with a label and a total, columns numbered within groups (lessons, or "students"). */
interface Grid {
  readonly corner: string;
  /** Each group's names, longest first: the first that fits its columns is shown. */
  readonly groups: readonly { readonly labels: readonly string[]; readonly size: number }[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly Verdict[]; readonly end: string }[];
  readonly endHead: string;
  readonly labelCap: number;
}

const CELL = 2; // a mark and a space
const LABEL_GAP = 2;

/**
 * The class in the terminal, within `width` columns: students by steps when that fits, else steps
 * by students (numbered, with a key), and when even that is too wide, in blocks of columns.
 */
export function renderClassGrid(roll: ClassRoll, t: Theme, width = 80): string {
  const byStudent = studentsByStepsGrid(roll);
  const byStep = stepsByStudentsGrid(roll);
  const [a, b] = [layout(byStudent, width), layout(byStep, width)];
  const steps = b.length < a.length;
  const blocks = (steps ? b : a).map((block) => block(t));
  const marks = (Object.keys(WORDS) as Verdict[]).map((v) => `${mark(v, t)} ${WORDS[v]}`).join("  ");
  const key = steps ? studentKey(roll, width) : [];
  const notes = roll.notes.map((n) => t.yellow(plain(n)));
  return `${[...blocks.flatMap((b) => [...b, ""]), ...key, marks, ...notes].join("\n")}\n`;
}

const WORDS: Readonly<Record<Verdict, string>> = { pass: "passed", recorded: "passed (recorded)", fail: "fails", none: "not answered" };

function mark(verdict: Verdict, t: Theme): string {
  if (verdict === "pass") return t.green("✔");
  if (verdict === "recorded") return t.code("✓");
  if (verdict === "fail") return t.red("✖");
  return t.dim("·");
}

/** What a student wrote, as one printable line: no escape sequences, no line breaks, no direction overrides. */
const plain = (text: string) =>
  terminalSafe(text)
    .replace(/\s+/g, " ")
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, "");

const clip = (text: string, size: number) => {
  const chars = [...plain(text)];
  return chars.length <= size ? chars.join("").padEnd(size) : `${chars.slice(0, Math.max(0, size - 1)).join("")}…`;
};

function studentsByStepsGrid(roll: ClassRoll): Grid {
  return {
    corner: "student",
    groups: roll.lessons.map((l) => ({ labels: [`lesson ${l.number}`, `L${l.number}`, `${l.number}`], size: l.steps.length })),
    rows: roll.students.map((s) => ({ label: s.name, cells: s.verdicts, end: `${s.passed}/${roll.scoredSteps}` })),
    endHead: "total",
    labelCap: 16,
  };
}

function stepsByStudentsGrid(roll: ClassRoll): Grid {
  const rows = roll.lessons.flatMap((lesson) =>
    lesson.steps.map((step, i) => {
      const column = roll.steps.indexOf(step);
      return {
        label: `${lesson.number}.${i + 1} ${step.id}`,
        cells: roll.students.map((s) => s.verdicts[column] as Verdict),
        end: `${step.passedBy}/${roll.students.length}`,
      };
    }),
  );
  return { corner: "step", groups: [{ labels: ["students", ""], size: roll.students.length }], rows, endHead: "passed", labelCap: 24 };
}

function studentKey(roll: ClassRoll, width: number): string[] {
  const entries = roll.students.map((s, i) => `${i + 1} ${clip(s.name, 20).trimEnd()} ${s.passed}/${roll.scoredSteps}`);
  const lines: string[] = [];
  for (const entry of entries) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] as string).length + 3 + entry.length <= width) lines[last] += `   ${entry}`;
    else lines.push(entry);
  }
  return lines;
}

/** The grid cut into blocks of columns that each fit `width`; each block renders with a theme. */
function layout(grid: Grid, width: number): ((t: Theme) => string[])[] {
  const labelWidth = Math.min(grid.labelCap, Math.max(grid.corner.length, ...grid.rows.map((r) => [...plain(r.label)].length)));
  const endWidth = Math.max(grid.endHead.length, ...grid.rows.map((r) => r.end.length));
  const room = Math.max(CELL, width - labelWidth - LABEL_GAP - 1 - endWidth);
  // columns: [group index, number within group]; a new group costs one space
  const columns = grid.groups.flatMap((g, gi) => Array.from({ length: g.size }, (_, n) => ({ group: gi, n: n + 1, at: 0 })));
  const blocks: (typeof columns)[] = [];
  let used = 0;
  for (const column of columns) {
    const current = blocks.at(-1);
    const cost = CELL + (current && current.at(-1)?.group !== column.group ? 1 : 0);
    if (!current || used + cost > room) {
      blocks.push([column]);
      used = CELL;
    } else {
      current.push(column);
      used += cost;
    }
  }
  if (blocks.length === 0) blocks.push([]);
  let offset = 0;
  return blocks.map((block, bi) => {
    const start = offset;
    offset += block.length;
    const last = bi === blocks.length - 1;
    return (t) => renderBlock(grid, block, start, { labelWidth, endWidth: last ? endWidth : 0 }, t);
  });
}

function renderBlock(
  grid: Grid,
  block: readonly { group: number; n: number }[],
  start: number,
  widths: { labelWidth: number; endWidth: number },
  t: Theme,
): string[] {
  const pad = " ".repeat(widths.labelWidth + LABEL_GAP);
  const gapBefore = (i: number) => (i > 0 && block[i - 1]?.group !== block[i]?.group ? " " : "");
  const line = (cell: (c: { group: number; n: number }, i: number) => string) => block.map((c, i) => gapBefore(i) + cell(c, i)).join("");
  const groupLine = line((c, i) => {
    if (i > 0 && block[i - 1]?.group === c.group) return "";
    const room = block.filter((o) => o.group === c.group).length * CELL - 1;
    const labels = grid.groups[c.group]?.labels ?? [];
    return `${clip(labels.find((l) => l.length <= room) ?? labels.at(-1) ?? "", room)} `;
  });
  const tens = block.some((c) => c.n >= 10) ? [pad + line((c) => (c.n >= 10 ? String(Math.floor(c.n / 10)) : " ").padEnd(CELL))] : [];
  const end = (text: string) => (widths.endWidth ? ` ${text.padStart(widths.endWidth)}` : "");
  const head = pad + line((c) => String(c.n % 10).padEnd(CELL));
  const rows = grid.rows.map(
    (row) =>
      `${clip(row.label, widths.labelWidth)}${" ".repeat(LABEL_GAP)}${line((_, i) => `${mark(row.cells[start + i] ?? "none", t)} `)}${end(row.end)}`,
  );
  return [
    t.dim(pad + groupLine),
    ...tens.map((l) => t.dim(l)),
    `${clip(grid.corner, widths.labelWidth)}${t.dim(head.slice(widths.labelWidth))}${t.dim(end(grid.endHead))}`,
    ...rows,
  ].map((l) => l.trimEnd());
}
