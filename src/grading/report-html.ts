import type { ClassRoll, RollLesson, RollStudent, Verdict } from "./class-roll.js";
import { VERDICT_WORDS } from "./report-csv.js";

/** The grid's colours, also read back from a screenshot by the report's rendering test. */
export const VERDICT_COLOURS: Readonly<Record<Verdict, string>> = {
  pass: "#1a7f37",
  recorded: "#2f81f7",
  fail: "#cf222e",
  none: "#e6e9ed",
};

/** A mark in each cell besides its colour, for readers who tell the colours apart poorly. */
const MARKS: Readonly<Record<Verdict, string>> = { pass: "✓", recorded: "↺", fail: "✗", none: "·" };

const LEGEND: Readonly<Record<Verdict, string>> = {
  pass: "passed",
  recorded: "passed earlier, by the tutor's record (a later step changed its state)",
  fail: "fails",
  none: "not answered (a quiz never answered, or no file for the lesson)",
};

/** Every string in the page came from a student's file: all of it goes through here. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

// The page may load nothing: no scripts, fonts, images or styles from anywhere (its CSP says so too).
const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2328;margin:24px;background:#fff}
h1{font-size:20px;margin:0 0 4px}
.meta{color:#59636e;margin:0 0 12px}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;list-style:none;padding:0;margin:0 0 16px}
.legend li{display:flex;align-items:center;gap:6px}
.legend .swatch{width:14px;height:14px;border-radius:3px;display:inline-block}
table{border-collapse:separate;border-spacing:2px}
th,td{padding:0}
th.name{text-align:left;padding-right:10px;font-weight:600}
th.name div{max-width:14em;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
th.lesson{text-align:left;font-weight:600;border-bottom:2px solid #d1d9e0}
/* as wide as its columns and no wider: a long lesson name is cut, never widens them */
th.lesson div{width:0;min-width:100%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
th.step{vertical-align:bottom;height:110px;font-weight:400;color:#59636e}
th.step div{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;max-height:108px;overflow:hidden;text-overflow:ellipsis;margin:0 auto}
td.cell{width:24px;min-width:24px;height:24px;text-align:center;border-radius:3px;font-size:13px;line-height:24px}
/* a gap before each lesson's first column */
.first{border-left:8px solid transparent;background-clip:padding-box}
td.total,th.total{padding-left:10px;text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
thead th.name,thead th.total{vertical-align:bottom}
tfoot td{text-align:center;color:#59636e;font-size:12px;font-variant-numeric:tabular-nums}
tbody tr:hover th.name{background:#f6f8fa}
.notes{color:#9a6700}
${(Object.keys(VERDICT_COLOURS) as Verdict[])
  .map((v) => `.${v}{background:${VERDICT_COLOURS[v]};color:${v === "none" ? "#8c959f" : "#fff"}}`)
  .join("\n")}
`;

/** The class at a glance: one self-contained page, a row per student and a column per step, grouped by lesson. */
export function rollHtml(roll: ClassRoll, at: Date): string {
  const stepCount = roll.steps.length;
  const meta = `${roll.students.length} student${roll.students.length === 1 ? "" : "s"} · ${stepCount} step${stepCount === 1 ? "" : "s"} in ${roll.lessons.length} lesson${roll.lessons.length === 1 ? "" : "s"} · totals count every step but quizzes (${roll.scoredSteps}) · made ${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const legend = (Object.keys(LEGEND) as Verdict[])
    .map((v) => `<li><span class="swatch ${v}"></span>${MARKS[v]} ${escapeHtml(LEGEND[v])}</li>`)
    .join("");
  const notes = roll.notes.length ? `<ul class="notes">${roll.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>docker-tutor class report</title>
<style>${STYLE}</style></head>
<body>
<h1>docker-tutor class report</h1>
<p class="meta">${escapeHtml(meta)}</p>
<ul class="legend">${legend}</ul>
<table>
<thead>
<tr><th class="name" rowspan="2">student</th>${roll.lessons.map(lessonHead).join("")}<th class="total" rowspan="2">total</th></tr>
<tr>${roll.lessons.flatMap(stepHeads).join("")}</tr>
</thead>
<tbody>
${roll.students.map((s) => studentRow(roll, s)).join("\n")}
</tbody>
<tfoot><tr><th class="name">students passed</th>${roll.lessons
    .flatMap((l) => l.steps.map((s, i) => `<td class="${i === 0 ? "first" : ""}">${s.passedBy}</td>`))
    .join("")}<td></td></tr></tfoot>
</table>
${notes}
</body></html>
`;
}

const lessonHead = (lesson: RollLesson) => {
  const name = `Lesson ${lesson.number} · ${lesson.title ?? lesson.slug}`;
  return `<th class="lesson first" colspan="${lesson.steps.length}" title="${escapeHtml(name)}"><div>${escapeHtml(name)}</div></th>`;
};

const stepHeads = (lesson: RollLesson) =>
  lesson.steps.map((step, i) => {
    const label = `${i + 1} ${step.id}${step.kind === "quiz" ? " (quiz)" : ""}`;
    const title = `Lesson ${lesson.number}, step ${i + 1}: ${step.title}${step.scored ? "" : " (quiz: not in the totals)"}`;
    return `<th class="step${i === 0 ? " first" : ""}" title="${escapeHtml(title)}"><div>${escapeHtml(label)}</div></th>`;
  });

function studentRow(roll: ClassRoll, student: RollStudent): string {
  let column = 0;
  const cells = roll.lessons.flatMap((lesson) =>
    lesson.steps.map((step, i) => {
      const verdict = student.verdicts[column] as Verdict;
      const detail = student.details[column];
      column += 1;
      const title = `${student.name} · ${step.title}: ${VERDICT_WORDS[verdict]}${detail ? ` (${detail})` : ""}`;
      return `<td class="cell ${verdict}${i === 0 ? " first" : ""}" title="${escapeHtml(title)}">${MARKS[verdict]}</td>`;
    }),
  );
  const total = `${student.passed}/${roll.scoredSteps}`;
  return `<tr><th class="name" scope="row" title="${escapeHtml(student.name)}"><div>${escapeHtml(student.name)}</div></th>${cells.join("")}<td class="total">${total}</td></tr>`;
}
