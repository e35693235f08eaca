import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DifferentialCase, runBothSides, type Side } from "../../helpers/differential.js";
import { mustShell, shell } from "../../helpers/docker-cli.js";
import { requireDaemon, uniqueName } from "../../helpers/engine-api.js";

/**
 * Each case runs once with the docker CLI and once through the interpreter (helpers/differential.ts)
 * and must leave equal containers behind and exit alike; with `output`, print alike too. Names are
 * unique per side and recorded, so that afterwards exactly what a case made is removed (with -v,
 * for the anonymous volumes); nothing is pruned.
 */
const base = mkdtempSync(join(tmpdir(), "dtt-containers-"));
const namesFile = join(base, "names");
const bindDir = join(base, "bind");
const shared = uniqueName("shared");
/** A port range of our own, away from what other tests publish. */
const port = (offset: number) => 47_100 + (process.pid % 50) * 20 + offset;

interface Case extends DifferentialCase {
  /** The exit code both sides must give; a list when the daemon itself varies between them. */
  readonly exit?: number | readonly number[];
  /** Compare what each side printed; "lines" when stdout and stderr both print, in an order no pipe keeps. */
  readonly output?: boolean | "lines";
}

/** CLI 28 sends -e values in a random rotation of the typed order (they pass through a Go map). */
const ENV_ORDER = { "Config.Env": "the docker CLI sends -e values in random order (a Go map); the interpreter keeps the typed order" };

const container = [{ kind: "container", ref: "{name}" }] as const;
const running = "docker run -d --name {name} alpine sleep 60 >/dev/null";
const created = (rest = "alpine") => `docker create --name {name} ${rest} >/dev/null`;

const runCases: Case[] = [
  { line: "docker run --name {name} alpine echo hello", compare: container, output: true },
  {
    line: "docker container run --name {name} alpine sh -c 'echo out; echo err >&2; exit 3'",
    compare: container,
    exit: 3,
    output: "lines",
  },
  { line: "docker run -d --name {name} alpine sleep 30", compare: container, output: true },
  { line: "docker run --rm --name {name} alpine echo bye", compare: container, output: true },
  { line: "docker run -i --name {name} alpine cat", stdin: "piped text\nline two\n", compare: container, output: true },
  { line: "docker run -t --name {name} alpine echo tty", compare: container, output: true },
  { line: "docker run -dit --name {name} alpine sh", compare: container, output: true },
  { line: "docker run --name {name} -h myhost alpine hostname", compare: container, output: true },
  { line: "docker run --name {name} -w /tmp alpine pwd", compare: container, output: true },
  { line: "docker run --name {name} --entrypoint echo alpine hi there", compare: container, output: true },
  {
    line: "docker run --name {name} -e A=1 -e DTT_BARE -e DTT_UNSET -e EMPTY= alpine env",
    compare: container,
    explained: ENV_ORDER,
    output: "lines",
  },
  { line: "docker run --name {name} --network none alpine true", compare: container },
  { line: `docker run --name {name} -p ${port(0)}:80 alpine true`, compare: container, output: true },
  { line: "docker run -d --name {name} --restart always -l tier=web alpine sleep 30", compare: container },
  { line: "docker run --name {name} alpine nosuchcmd", compare: container, exit: 127, output: true },
  { line: "docker run --rm --name {name} alpine nosuchcmd", compare: container, exit: 127, output: true },
  { line: "docker run --rm --restart always --name {name} alpine true", compare: container, exit: 125 },
];

const createCases: Case[] = [
  {
    line: `docker create --name {name} -p ${port(1)}:80 -p 127.0.0.1:${port(2)}:81 -p 127.0.0.1::82 -p ${port(3)}-${port(4)}:90-91 -p ${port(5)}:85/udp -p 83 nginx:alpine`,
    compare: container,
  },
  { line: "docker create --name {name} -P nginx:alpine", compare: container },
  { line: `docker create --name {name} -v ${bindDir}:/data:ro -v /anon alpine`, compare: container },
  { line: "docker create --name {name} -v {name}-vol:/vol alpine", compare: [{ kind: "volume", ref: "{name}-vol" }, ...container] },
  { line: "docker create --name {name} -v ./test:/rel:ro alpine", compare: container },
  { line: `docker create --name {name} --mount type=bind,src=${bindDir},dst=/m,readonly alpine`, compare: container },
  {
    line: "docker create --name {name} --mount type=volume,source={name}-mvol,target=/v --mount dst=/anonymous alpine",
    compare: [{ kind: "volume", ref: "{name}-mvol" }, ...container],
  },
  { line: "docker create --name {name} --entrypoint '' alpine", compare: container },
  { line: "docker create --name {name} -l a=b -l c --restart on-failure:3 alpine", compare: container },
  { line: "docker container create --name {name} --restart unless-stopped -it alpine sh", compare: container },
  {
    line: "docker create --name {name} --network {name}-net alpine",
    setup: ["docker network create {name}-net >/dev/null"],
    compare: [{ kind: "network", ref: "{name}-net" }, ...container],
    explained: { "IPAM.Config": "each side's network gets its own subnet from the daemon's pool" },
  },
  { line: "docker create --name {name} 127.0.0.1:45000/library/dtt-nosuch", compare: container, exit: 1, output: true },
];

const lifecycleCases: Case[] = [
  { line: "docker start {name}", setup: [created("alpine sleep 30")], compare: container, output: true },
  { line: "docker start -a {name}", setup: [created("alpine sh -c 'echo out; exit 5'")], compare: container, exit: 5, output: true },
  {
    line: "docker container start -ai {name}",
    setup: [created("-i alpine cat")],
    stdin: "to start -i\n",
    compare: container,
    output: true,
  },
  { line: "docker start {name}", compare: container, exit: 1, output: true },
  { line: "docker stop -t 1 {name}", setup: [running], compare: container, output: true },
  { line: "docker container stop {name}", setup: [created()], compare: container, output: true },
  { line: "docker kill {name}", setup: [running], compare: container, output: true },
  { line: "docker kill {name}", setup: [created()], compare: container, exit: 1, output: true },
  { line: "docker rm {name}", setup: [created()], compare: container, output: true },
  { line: "docker rm {name}", setup: [running], compare: container, exit: 1, output: true },
  {
    line: "docker rm -f -v {name}",
    setup: ["docker run -d --name {name} -v /anon alpine sleep 60 >/dev/null"],
    compare: container,
    output: true,
  },
  { line: "docker container remove {name}", compare: container, exit: 1, output: true },
  { line: "docker container rm --force {name} {name}-nope", setup: [running], compare: container, exit: 0, output: true },
];

const readingCases: Case[] = [
  { line: "docker exec -w /tmp -e A=1 {name} sh -c 'pwd; echo $A; exit 4'", setup: [running], compare: container, exit: 4, output: true },
  { line: "docker exec -i {name} cat", setup: [running], stdin: "into exec\n", compare: container, output: true },
  { line: "docker exec -t {name} echo tty", setup: [running], compare: container, output: true },
  // the daemon says 126 or 127 for the same missing command (Engine 28: by how the runtime's error is typed); both sides read its answer
  { line: "docker exec {name} nosuchcmd", setup: [running], compare: container, exit: [126, 127], output: true },
  { line: "docker exec {name} true", setup: [created()], compare: container, exit: 1, output: true },
  {
    line: "docker commit {name} {name}-img:v1",
    setup: ["docker run --name {name} alpine sh -c 'echo hi > /hello.txt'"],
    compare: [{ kind: "image", ref: "{name}-img:v1" }, ...container],
    output: true,
  },
  {
    line: "docker diff {name}",
    setup: ["docker run --name {name} alpine sh -c 'echo hi > /hello.txt; rm /etc/motd'"],
    compare: container,
    output: true,
  },
  { line: "docker logs {name}", setup: ["docker run --name {name} alpine sh -c 'echo one; echo two'"], compare: container, output: true },
  {
    line: "docker logs --tail 1 {name}",
    setup: ["docker run --name {name} alpine sh -c 'echo one; echo two'"],
    compare: container,
    output: true,
  },
  { line: "docker logs {name}", setup: ["docker run -t --name {name} alpine echo tty-log"], compare: container, output: true },
  { line: "docker ps -a -q --filter name={name}", setup: [created()], compare: container, output: true },
  { line: "docker ps -q --filter name={name} --filter status=running", setup: [running], compare: container, output: true },
  {
    line: "docker ps -a --no-trunc -q --filter label=dtt.side={name}",
    setup: [created("-l dtt.side={name} alpine")],
    compare: container,
    output: true,
  },
  {
    line: "docker inspect --format '{{.State.Status}} {{json .Config.Cmd}} {{ .HostConfig.RestartPolicy.Name }}' {name}",
    setup: [created()],
    compare: container,
    output: true,
  },
  {
    line: "docker inspect -f '{{.Config.Labels}} {{.Config.Entrypoint}} {{.HostConfig.RestartPolicy}}' {name}",
    setup: [created("-l x=1 alpine")],
    compare: container,
    output: true,
  },
  { line: "docker inspect --format '{{.State.Nope}}' {name}", setup: [created()], compare: container, exit: 1, output: true },
  { line: "docker container inspect {name}", compare: container, exit: 1, output: true },
];

/** What a line printed, with the parts that depend on the moment (durations, process ids) blurred. */
const steady = (text: string) =>
  text
    // dockerd sends this progress line or not depending on how fast the layer arrived: timing, not behaviour
    .replace(/^.*: Verifying Checksum\n/gm, "")
    // Engine 28 ends a failed exec's error with ": unknown" or not, from one exec to the next
    .replace(/^(OCI runtime exec failed: .*): unknown$/gm, "$1")
    .replace(/(Less than a second|About a minute|\d+ seconds?|\d+ minutes) ago/g, "<ago>")
    .replace(/Up (Less than a second|About a minute|\d+ seconds?|\d+ minutes)/g, "Up <time>")
    .replace(/ {2,}/g, "  ");

const sortedLines = (text: string) => steady(text).split("\n").sort();

/**
 * The daemon lists a container's mount points from a Go map, so two inspects of the same container
 * can list them in different orders: compare them sorted by destination (every field still counts).
 */
function mountsInOrder(inspected: readonly unknown[]): unknown[] {
  return inspected.map((object) => {
    if (typeof object !== "object" || object === null || !("Mounts" in object) || !Array.isArray(object.Mounts)) return object;
    const mounts = [...(object.Mounts as { Destination?: string }[])].sort((a, b) =>
      (a.Destination ?? "").localeCompare(b.Destination ?? ""),
    );
    return { ...object, Mounts: mounts };
  });
}

/**
 * Records the side's name. It reads its (empty) stdin first: helpers/docker-cli.ts writes stdin
 * after spawning, and a shell that exited before that write would fail it with EPIPE.
 */
const recordName = `cat >/dev/null; echo {name} >> ${namesFile}`;

async function check(c: Case): Promise<{ cli: Side; interpreter: Side }> {
  const { cli, interpreter, cleanup } = await runBothSides({ ...c, setup: [recordName, ...(c.setup ?? [])] });
  if (process.env.DTT_DEBUG) console.log(JSON.stringify({ line: c.line, cli, interpreter }).slice(0, 3000));
  try {
    expect(mountsInOrder(interpreter.inspected)).toEqual(mountsInOrder(cli.inspected));
    if (Array.isArray(c.exit)) {
      expect(c.exit).toContain(cli.exitCode);
      expect(c.exit).toContain(interpreter.exitCode);
    } else {
      expect(interpreter.exitCode).toBe(cli.exitCode);
      if (c.exit !== undefined) expect(cli.exitCode).toBe(c.exit);
    }
    if (c.output === "lines") expect(sortedLines(interpreter.output)).toEqual(sortedLines(cli.output));
    else if (c.output) expect(steady(interpreter.output)).toBe(steady(cli.output));
    return { cli, interpreter };
  } finally {
    await removeAnonymousVolumes();
    await cleanup();
  }
}

/**
 * The harness removes containers with force but not their anonymous volumes: rm -v them first.
 * The file is emptied after, so each case removes only its own (not every earlier case's again).
 */
async function removeAnonymousVolumes(): Promise<void> {
  const names = readFileSync(namesFile, "utf8").split("\n").filter(Boolean);
  if (names.length > 0) await shell(`docker rm -fv ${names.join(" ")} >/dev/null 2>&1; true`);
  writeFileSync(namesFile, "");
}

beforeAll(async () => {
  await requireDaemon();
  process.env.DTT_BARE = "from the environment";
  delete process.env.DTT_UNSET;
  await mustShell(`mkdir -p ${bindDir} && touch ${namesFile}`);
  await mustShell(`docker run -d --name ${shared} -l 'note=<b>&' alpine sh -c 'echo "<shared> & out"; echo err >&2; sleep 300'`);
});

afterAll(async () => {
  await shell(`docker rm -fv ${shared} >/dev/null 2>&1; true`);
  rmSync(base, { recursive: true, force: true });
});

describe("docker run through the interpreter, compared with the docker CLI", () => {
  it.each(runCases)("$line", async (c) => {
    await check(c);
  });

  it("pulls a missing image first, printing what the CLI prints", async () => {
    const image = "127.0.0.1:45000/library/hello-world:latest";
    await check({
      line: `docker run --rm --name {name} ${image}`,
      setup: [`docker rmi ${image} >/dev/null 2>&1; true`],
      compare: [{ kind: "image", ref: image }, ...container],
      output: true,
    });
  });

  it("runs -it although nothing here is a terminal, where the CLI refuses (the one explained difference in exit code)", async () => {
    const { cli, interpreter, cleanup } = await runBothSides({
      line: "docker run -it --name {name} alpine cat",
      setup: [recordName],
      stdin: "typed\n",
      compare: [],
      explained: {
        exitCode:
          'the CLI refuses -it when its stdin is no terminal ("the input device is not a TTY", exit 1); the interpreter never has one and runs it with Tty:true',
      },
    });
    try {
      expect(cli.exitCode).toBe(1);
      expect(cli.output).toContain("the input device is not a TTY");
      expect(interpreter.exitCode).toBe(0);
      // With a TTY the input is echoed, then cat prints it: both with CRLF.
      expect(interpreter.output).toBe("typed\r\ntyped\r\n");
    } finally {
      await removeAnonymousVolumes();
      await cleanup();
    }
  });
});

describe("docker create through the interpreter, compared with the docker CLI", () => {
  it.each(createCases)("$line", async (c) => {
    await check(c);
  });
});

describe("start, stop, kill and rm through the interpreter, compared with the docker CLI", () => {
  it.each(lifecycleCases)("$line", async (c) => {
    await check(c);
  });
});

describe("exec, commit, diff, logs, ps and inspect through the interpreter, compared with the docker CLI", () => {
  it.each(readingCases)("$line", async (c) => {
    await check(c);
  });

  it.each<[string, Case["output"]]>([
    [`docker container inspect ${shared}`, true],
    [`docker inspect ${shared}`, true],
    [`docker inspect --format '{{json .Config.Labels}} {{.Config.Cmd}} {{.NetworkSettings.Ports}}' ${shared}`, true],
    [`docker logs ${shared}`, "lines"],
    [`docker ps --filter name=${shared}`, true],
    [`docker ps --no-trunc --filter name=${shared}`, true],
  ])("%s prints what the CLI prints, for one shared container", async (line, output) => {
    await check({ line, compare: [], output });
  });

  it("docker top prints the CLI's columns", async () => {
    const { cli, interpreter } = await check({ line: "docker top {name}", setup: [running], compare: container });
    const header = (side: Side) => side.output.split("\n")[0];
    expect(header(interpreter)).toBe(header(cli));
    expect(interpreter.output).toMatch(/root {2,}\d+ {2,}\d+ .* sleep 60\n$/);
  });
});
