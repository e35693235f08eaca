/**
 * A table-driven flag parser that behaves like spf13/pflag v1.0.10, the version docker/cli vendors
 * (vendor.mod), so a lesson's `docker …` line splits into flags and arguments exactly as docker would.
 * Error texts follow pflag's errors.go, which is what the docker CLI prints before "See 'docker run --help'.".
 */

export interface FlagSpec {
  long: string;
  short?: string;
  /** list: repeatable, every value kept in order (docker's ListOpts, not pflag's comma-splitting StringSlice). */
  kind: "bool" | "string" | "list" | "int";
}

export type FlagValue = string | boolean | number | string[];
/** Keyed by long name; a flag that was not given is absent, never false or empty. */
export type ParsedFlags = Record<string, FlagValue>;

export type ParseFlagsResult = { ok: true; flags: ParsedFlags; args: string[] } | { ok: false; problem: string };

export interface ParseFlagsOptions {
  /** false for docker run/create/exec: the first argument (the image) ends the flags. */
  interspersed: boolean;
}

/** What one flag word did: whether it took the next word as its value, or why it failed. */
type Outcome = { usedNextWord: boolean } | { problem: string };

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], options: ParseFlagsOptions): ParseFlagsResult {
  const flags: ParsedFlags = {};
  const args: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index] ?? "";
    if (word === "--") {
      args.push(...argv.slice(index + 1));
      break;
    }
    if (!looksLikeFlag(word)) {
      if (!options.interspersed) {
        args.push(...argv.slice(index));
        break;
      }
      args.push(word);
      continue;
    }
    const parseWord = word.startsWith("--") ? parseLongFlag : parseShortGroup;
    const outcome = parseWord(word, argv[index + 1], specs, flags);
    if ("problem" in outcome) return { ok: false, problem: outcome.problem };
    if (outcome.usedNextWord) index++;
  }
  return { ok: true, flags, args };
}

/** pflag: "" and a lone "-" are arguments, like any word that does not start with "-". */
function looksLikeFlag(word: string): boolean {
  return word.length > 1 && word.startsWith("-");
}

function parseLongFlag(word: string, nextWord: string | undefined, specs: readonly FlagSpec[], flags: ParsedFlags): Outcome {
  const body = word.slice(2);
  if (body.startsWith("-") || body.startsWith("=")) return { problem: `bad flag syntax: ${word}` };
  const equals = body.indexOf("=");
  const name = equals < 0 ? body : body.slice(0, equals);
  const spec = specs.find((candidate) => candidate.long === name);
  if (spec === undefined) return { problem: `unknown flag: --${name}` };
  if (equals >= 0) return assign(spec, body.slice(equals + 1), flags, false);
  if (spec.kind === "bool") return assign(spec, "true", flags, false);
  if (nextWord === undefined) return { problem: `flag needs an argument: --${name}` };
  return assign(spec, nextWord, flags, true); // like pflag, even a next word that starts with "-"
}

/** `-dit`, `-p80:80`, `-p=80:80`, `-dp 80:80`: bools combine; the first valued letter takes the rest or the next word. */
function parseShortGroup(word: string, nextWord: string | undefined, specs: readonly FlagSpec[], flags: ParsedFlags): Outcome {
  for (let shorthands = word.slice(1); shorthands.length > 0; shorthands = shorthands.slice(1)) {
    const letter = shorthands.charAt(0);
    const spec = specs.find((candidate) => candidate.short === letter);
    if (spec === undefined) return { problem: `unknown shorthand flag: '${letter}' in -${shorthands}` };
    if (shorthands.length > 2 && shorthands.charAt(1) === "=") return assign(spec, shorthands.slice(2), flags, false);
    if (spec.kind === "bool") store(spec, "true", flags);
    else if (shorthands.length > 1) return assign(spec, shorthands.slice(1), flags, false);
    else if (nextWord === undefined) return { problem: `flag needs an argument: '${letter}' in -${shorthands}` };
    else return assign(spec, nextWord, flags, true);
  }
  return { usedNextWord: false };
}

function assign(spec: FlagSpec, raw: string, flags: ParsedFlags, usedNextWord: boolean): Outcome {
  const problem = store(spec, raw, flags);
  return problem === undefined ? { usedNextWord } : { problem };
}

/** Stores the value (the last one wins, except for lists) and returns a problem when it is invalid. */
function store(spec: FlagSpec, raw: string, flags: ParsedFlags): string | undefined {
  if (spec.kind === "string") flags[spec.long] = raw;
  else if (spec.kind === "list") flags[spec.long] = [...listFlag(flags, spec.long), raw];
  else {
    const value = spec.kind === "bool" ? parseGoBool(raw) : parseGoInt(raw);
    if (value === undefined) return invalidArgument(spec, raw);
    flags[spec.long] = value;
  }
  return undefined;
}

function invalidArgument(spec: FlagSpec, raw: string): string {
  const name = spec.short === undefined ? `--${spec.long}` : `-${spec.short}, --${spec.long}`;
  const reason = spec.kind === "bool" ? "not true or false" : "not a number";
  return `invalid argument ${JSON.stringify(raw)} for "${name}" flag: ${reason}`;
}

/** strconv.ParseBool */
function parseGoBool(raw: string): boolean | undefined {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(raw)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(raw)) return false;
  return undefined;
}

/** strconv.ParseInt(raw, 0, 64), as pflag calls it: 0x/0o/0b prefixes and a leading 0 for octal (no `_`). */
function parseGoInt(raw: string): number | undefined {
  const match = /^([+-]?)(0[xX][\da-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9]\d*)$/.exec(raw);
  if (match === null) return undefined;
  const digits = match[2] ?? "";
  const magnitude = /^0[0-7]+$/.test(digits) ? Number.parseInt(digits, 8) : Number(digits);
  if (!Number.isSafeInteger(magnitude)) return undefined;
  return match[1] === "-" ? -magnitude : magnitude;
}

export function stringFlag(flags: Readonly<ParsedFlags>, long: string): string | undefined {
  const value = flags[long];
  return typeof value === "string" ? value : undefined;
}

/** true or false when given (`--rm=false` is false), undefined when absent. */
export function boolFlag(flags: Readonly<ParsedFlags>, long: string): boolean | undefined {
  const value = flags[long];
  return typeof value === "boolean" ? value : undefined;
}

export function intFlag(flags: Readonly<ParsedFlags>, long: string): number | undefined {
  const value = flags[long];
  return typeof value === "number" ? value : undefined;
}

export function listFlag(flags: Readonly<ParsedFlags>, long: string): string[] {
  const value = flags[long];
  return Array.isArray(value) ? value : [];
}
