import { describe, expect, it } from "vitest";
import {
  boolFlag,
  type FlagSpec,
  intFlag,
  listFlag,
  type ParsedFlags,
  parseFlags,
  stringFlag,
} from "../../../src/docker/interpreter/flags.js";

const specs: readonly FlagSpec[] = [
  { long: "detach", short: "d", kind: "bool" },
  { long: "interactive", short: "i", kind: "bool" },
  { long: "tty", short: "t", kind: "bool" },
  { long: "rm", kind: "bool" },
  { long: "force", short: "f", kind: "bool" },
  { long: "name", kind: "string" },
  { long: "workdir", short: "w", kind: "string" },
  { long: "publish", short: "p", kind: "list" },
  { long: "env", short: "e", kind: "list" },
  { long: "mount", kind: "list" },
  { long: "replicas", kind: "int" },
];

/** Words are the line split on single spaces; pass an array when a word is empty or holds a space. */
const words = (line: string | string[]): string[] => (typeof line === "string" ? line.split(" ") : line);

describe("parseFlags, not interspersed (docker run/create/exec)", () => {
  it.each<[string | string[], ParsedFlags, string[]]>([
    ["--name web alpine", { name: "web" }, ["alpine"]],
    ["--name=web alpine", { name: "web" }, ["alpine"]],
    ["--name= alpine", { name: "" }, ["alpine"]],
    ["--name a=b alpine", { name: "a=b" }, ["alpine"]],
    ["--name=a=b alpine", { name: "a=b" }, ["alpine"]],
    ["--name -d alpine", { name: "-d" }, ["alpine"]],
    ["--name a --name b alpine", { name: "b" }, ["alpine"]],
    ["-d alpine", { detach: true }, ["alpine"]],
    ["--detach alpine", { detach: true }, ["alpine"]],
    ["-dit alpine sh", { detach: true, interactive: true, tty: true }, ["alpine", "sh"]],
    ["-i -t alpine", { interactive: true, tty: true }, ["alpine"]],
    ["-p80:80 alpine", { publish: ["80:80"] }, ["alpine"]],
    ["-p 80:80 alpine", { publish: ["80:80"] }, ["alpine"]],
    ["-p=80:80 alpine", { publish: ["80:80"] }, ["alpine"]],
    ["--publish=80:80 -p 8080:80 alpine", { publish: ["80:80", "8080:80"] }, ["alpine"]],
    ["-dp 80:80 nginx", { detach: true, publish: ["80:80"] }, ["nginx"]],
    ["-itp 80:80 nginx", { interactive: true, tty: true, publish: ["80:80"] }, ["nginx"]],
    ["-dp80:80 nginx", { detach: true, publish: ["80:80"] }, ["nginx"]],
    ["-pd nginx", { publish: ["d"] }, ["nginx"]],
    ["-d=false alpine", { detach: false }, ["alpine"]],
    ["--rm=false alpine", { rm: false }, ["alpine"]],
    ["--detach=true alpine", { detach: true }, ["alpine"]],
    ["--rm=0 --detach=T alpine", { rm: false, detach: true }, ["alpine"]],
    ["--rm false", { rm: true }, ["false"]],
    ["-e A=1 -e B=2 --env=C= -eD alpine", { env: ["A=1", "B=2", "C=", "D"] }, ["alpine"]],
    ["--mount type=bind,source=/a,target=/b alpine", { mount: ["type=bind,source=/a,target=/b"] }, ["alpine"]],
    ["--replicas 3 nginx", { replicas: 3 }, ["nginx"]],
    ["--replicas=-1 nginx", { replicas: -1 }, ["nginx"]],
    ["--replicas 0x10 --replicas 010 nginx", { replicas: 8 }, ["nginx"]],
    ["--replicas 0x10 nginx", { replicas: 16 }, ["nginx"]],
    ["-d alpine ls -l", { detach: true }, ["alpine", "ls", "-l"]],
    ["alpine -d --name x", {}, ["alpine", "-d", "--name", "x"]],
    ["-d -- alpine -d", { detach: true }, ["alpine", "-d"]],
    ["-d alpine -- ls", { detach: true }, ["alpine", "--", "ls"]],
    ["- -d", {}, ["-", "-d"]],
    [["", "-d"], {}, ["", "-d"]],
    [["--name", "my web", "alpine", "sh", "-c", "echo hi"], { name: "my web" }, ["alpine", "sh", "-c", "echo hi"]],
    [[], {}, []],
  ])("%j", (argv, flags, args) => expect(parseFlags(words(argv), specs, { interspersed: false })).toEqual({ ok: true, flags, args }));
});

describe("parseFlags, interspersed (docker rm, ps, …)", () => {
  it.each<[string, ParsedFlags, string[]]>([
    ["web -f", { force: true }, ["web"]],
    ["-f web db", { force: true }, ["web", "db"]],
    ["web --name x db", { name: "x" }, ["web", "db"]],
    ["web -- -f", {}, ["web", "-f"]],
    ["web - -f", { force: true }, ["web", "-"]],
  ])("%j", (argv, flags, args) => expect(parseFlags(words(argv), specs, { interspersed: true })).toEqual({ ok: true, flags, args }));
});

describe("parseFlags: problems, worded like the docker CLI", () => {
  it.each<[string, string]>([
    ["--foo alpine", "unknown flag: --foo"],
    ["--foo=bar alpine", "unknown flag: --foo"],
    ["--help", "unknown flag: --help"],
    ["-z alpine", "unknown shorthand flag: 'z' in -z"],
    ["-dz alpine", "unknown shorthand flag: 'z' in -z"],
    ["-zd alpine", "unknown shorthand flag: 'z' in -zd"],
    ["-name web", "unknown shorthand flag: 'n' in -name"],
    ["--name", "flag needs an argument: --name"],
    ["-p", "flag needs an argument: 'p' in -p"],
    ["-dp", "flag needs an argument: 'p' in -p"],
    ["-w", "flag needs an argument: 'w' in -w"],
    ["--replicas x", 'invalid argument "x" for "--replicas" flag: not a number'],
    ["--replicas 08", 'invalid argument "08" for "--replicas" flag: not a number'],
    ["--replicas= nginx", 'invalid argument "" for "--replicas" flag: not a number'],
    ["--rm=yes alpine", 'invalid argument "yes" for "--rm" flag: not true or false'],
    ["-d=no alpine", 'invalid argument "no" for "-d, --detach" flag: not true or false'],
    ["---name web", "bad flag syntax: ---name"],
    ["--=web", "bad flag syntax: --=web"],
  ])("%j", (argv, problem) => expect(parseFlags(words(argv), specs, { interspersed: false })).toEqual({ ok: false, problem }));
});

describe("typed getters", () => {
  const flags: ParsedFlags = { name: "web", rm: false, detach: true, replicas: 2, env: ["A=1"] };
  it.each<[string, unknown, unknown]>([
    ["stringFlag name", stringFlag(flags, "name"), "web"],
    ["stringFlag absent", stringFlag(flags, "workdir"), undefined],
    ["boolFlag given true", boolFlag(flags, "detach"), true],
    ["boolFlag given false", boolFlag(flags, "rm"), false],
    ["boolFlag absent", boolFlag(flags, "tty"), undefined],
    ["intFlag", intFlag(flags, "replicas"), 2],
    ["listFlag", listFlag(flags, "env"), ["A=1"]],
    ["listFlag absent", listFlag(flags, "publish"), []],
    ["stringFlag of a list", stringFlag(flags, "env"), undefined],
  ])("%s", (_name, actual, expected) => expect(actual).toEqual(expected));
});
