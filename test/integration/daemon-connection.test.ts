import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compareApiVersions } from "../../src/docker/api-version.js";
import { connectToDocker } from "../../src/docker/connect.js";
import { contextDirName } from "../../src/docker/docker-context.js";
import { realHostWorld } from "../../src/docker/host-world.js";
import { requireDaemon, uniqueName } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";
import { startSocketProxy } from "../helpers/socket-proxy.js";

let daemon: Awaited<ReturnType<typeof requireDaemon>>;
beforeAll(async () => {
  daemon = await requireDaemon();
});

const emptyConfig = () => mkdtempSync(join(tmpdir(), "dtt-config-"));
const world = (env: Record<string, string>) =>
  realHostWorld({ PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_CONFIG: emptyConfig(), ...env });

function writeContext(configDir: string, name: string, host: string, current: boolean) {
  const dir = join(configDir, "contexts", "meta", contextDirName(name));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "meta.json"),
    JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
  );
  if (current) writeFileSync(join(configDir, "config.json"), JSON.stringify({ auths: {}, currentContext: name }));
}

describe("finding the daemon for real", () => {
  it("the default socket answers and the API version is negotiated down to what both speak", async () => {
    const connection = await connectToDocker({}, world({}));
    expect(connection.endpoint).toMatchObject({ host: "unix:///var/run/docker.sock", source: "default socket" });
    expect(connection.engine.version).toBe(daemon.Version);
    expect(connection.engine.apiVersion).toBe(daemon.ApiVersion);
    expect(compareApiVersions(connection.engine.negotiatedApiVersion, daemon.ApiVersion)).toBeLessThanOrEqual(0);
    const info = await connection.client.info();
    expect(info.swarm.state).toMatch(/^(inactive|pending|active|error|locked)$/);
  });

  it("-H unix:///some/other/path goes through that socket", async () => {
    await using proxy = await startSocketProxy();
    const connection = await connectToDocker({ host: `unix://${proxy.path}` }, world({}));
    expect(connection.endpoint).toMatchObject({ host: `unix://${proxy.path}`, source: "-H/--host" });
    await connection.client.listContainers();
    expect(proxy.connections()).toBeGreaterThanOrEqual(1);
  });

  it("DOCKER_HOST pointing at a second socket path goes through it, even if DOCKER_CONTEXT names another", async () => {
    await using proxy = await startSocketProxy();
    const connection = await connectToDocker({}, world({ DOCKER_HOST: `unix://${proxy.path}`, DOCKER_CONTEXT: "default" }));
    expect(connection.endpoint.source).toBe("DOCKER_HOST");
    expect(proxy.connections()).toBeGreaterThanOrEqual(1);
  });

  it("the current context in a temp DOCKER_CONFIG is followed to its socket", async () => {
    await using proxy = await startSocketProxy();
    const configDir = emptyConfig();
    const name = uniqueName("ctx");
    writeContext(configDir, name, `unix://${proxy.path}`, true);
    const connection = await connectToDocker({}, world({ DOCKER_CONFIG: configDir }));
    expect(connection.endpoint).toMatchObject({
      host: `unix://${proxy.path}`,
      source: `context "${name}" (from currentContext in ${configDir}/config.json)`,
    });
    expect(proxy.connections()).toBeGreaterThanOrEqual(1);
  });

  it("the CLI follows --context from a temp DOCKER_CONFIG (doctor reports it)", async () => {
    await using proxy = await startSocketProxy();
    const configDir = emptyConfig();
    const name = uniqueName("ctx");
    writeContext(configDir, name, `unix://${proxy.path}`, false);
    const result = await runCli(["--context", name, "doctor", "--json"], { env: { DOCKER_CONFIG: configDir } });
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as { daemon: { host: string; source: string } };
    expect(report.daemon).toMatchObject({ host: `unix://${proxy.path}`, source: `context "${name}" (from --context)` });
    expect(proxy.connections()).toBeGreaterThanOrEqual(1);
  });
});

describe("when the daemon cannot be reached, one sentence with the fix and exit 3", () => {
  it("a socket path with no daemon", async () => {
    const path = join(emptyConfig(), "nothing-here.sock");
    const result = await runCli(["-H", `unix://${path}`, "doctor"]);
    expect(result.code).toBe(3);
    const [first, fix] = result.stderr.split("\n");
    expect(first).toBe(`✖ Nothing answers at unix://${path} (-H/--host): no such socket.`);
    expect(fix).toMatch(/Check the address given to -H/);
    expect(result.stderr).toContain("what was tried, in the docker CLI's order:");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a socket file nobody listens on (a stale socket)", async () => {
    const path = join(emptyConfig(), "stale.sock");
    // A socket file that is bound but never listened on: what a crashed daemon leaves behind.
    execFileSync("python3", ["-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path]);
    const result = await runCli(["doctor"], { env: { DOCKER_HOST: `unix://${path}` } });
    expect(result.code).toBe(3);
    expect(result.stderr.split("\n")[0]).toBe(`✖ Nothing answers at unix://${path} (DOCKER_HOST): connection refused.`);
  });

  it("a context that does not exist", async () => {
    const result = await runCli(["doctor"], { env: { DOCKER_CONTEXT: "no-such-context" } });
    expect(result.code).toBe(3);
    expect(result.stderr.split("\n")[0]).toBe('✖ The Docker context "no-such-context" (from DOCKER_CONTEXT) does not exist.');
  });

  it("a socket this user may not open gives the docker-group advice", async () => {
    const user = "nobody";
    expect(execFileSync("id", ["-u", user]).toString().trim()).not.toBe("0");
    const result = await runCli(["doctor"], { prefix: ["setpriv", `--reuid=${user}`, "--regid=nogroup", "--clear-groups", "--"] });
    expect(result.code).toBe(3);
    const [first, fix] = result.stderr.split("\n");
    expect(first).toBe("✖ Permission denied on the Docker socket /var/run/docker.sock: your user may not talk to the daemon.");
    expect(fix).toMatch(/sudo usermod -aG docker \$USER/);
  });

  it("doctor --json says why, for scripts", async () => {
    const path = join(emptyConfig(), "none.sock");
    const result = await runCli(["doctor", "--json"], { env: { DOCKER_HOST: `unix://${path}` } });
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as { ready: boolean; error: { message: string; fix: string; tried: string[] } };
    expect(report.ready).toBe(false);
    expect(report.error.message).toMatch(/^Nothing answers at/);
    expect(report.error.tried).toContain(`  unix://${path} (DOCKER_HOST): no such socket`);
  });
});
