import { terminalSafe } from "../docker/terminal-safe.js";
import type { DoctorItem, DoctorReport } from "../doctor/diagnose.js";
import { type Theme, withCode } from "./theme.js";

export function renderDoctorReport(report: DoctorReport, theme: Theme): string {
  const width = Math.max(...report.items.map((item) => item.label.length));
  const lines = report.items.map((item) => renderItem(item, width, theme));
  const problems = report.items.filter((item) => item.status !== "ok").length;
  lines.push("");
  lines.push(
    problems === 0
      ? `${theme.ok} Ready for every lesson.`
      : `${report.ready ? theme.ok : theme.fail} ${report.ready ? "Ready" : "Not ready"}; ${problems} thing${problems === 1 ? "" : "s"} to know about above.`,
  );
  return `${lines.join("\n")}\n`;
}

/** Values quote the daemon and the processes holding ports: terminal-safe before they are coloured. */
function renderItem(item: DoctorItem, width: number, theme: Theme): string {
  const mark = item.status === "ok" ? theme.ok : item.status === "warn" ? theme.warn : theme.fail;
  const line = `${mark} ${item.label.padEnd(width)}  ${withCode(theme, terminalSafe(item.value))}`;
  return item.fix ? `${line}\n  ${" ".repeat(width)}  ${theme.arrow} ${withCode(theme, terminalSafe(item.fix))}` : line;
}
