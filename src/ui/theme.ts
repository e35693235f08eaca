import chalk, { Chalk, type ChalkInstance } from "chalk";

export interface Theme {
  readonly ok: string;
  readonly warn: string;
  readonly fail: string;
  readonly arrow: string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly italic: (text: string) => string;
  readonly code: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
}

/** Colour is off with --no-color or NO_COLOR (no-color.org), on with FORCE_COLOR, else when a TTY. */
export function colorWanted(flagColor: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (!flagColor) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return chalk.level > 0;
}

export function createTheme(color: boolean): Theme {
  const c: ChalkInstance = new Chalk({ level: color ? (Math.max(chalk.level, 1) as 1 | 2 | 3) : 0 });
  return {
    ok: c.green("✔"),
    warn: c.yellow("!"),
    fail: c.red("✖"),
    arrow: c.cyan("→"),
    dim: (t) => c.dim(t),
    bold: (t) => c.bold(t),
    italic: (t) => c.italic(t),
    code: (t) => c.cyan(t),
    red: (t) => c.red(t),
    green: (t) => c.green(t),
    yellow: (t) => c.yellow(t),
  };
}

/** Shows `backticked` spans as code. */
export function withCode(theme: Theme, text: string): string {
  return text.replace(/`([^`]+)`/g, (_, inner: string) => theme.code(inner));
}
