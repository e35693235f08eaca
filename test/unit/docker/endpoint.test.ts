import { describe, expect, it } from "vitest";
import { contextDirName } from "../../../src/docker/docker-context.js";
import { resolveEndpoints } from "../../../src/docker/endpoint.js";
import { TutorError } from "../../../src/errors.js";
import { fakeWorld } from "../../helpers/fake-world.js";

const home = "/home/ada";
const meta = (name: string, host: string, extra: Record<string, unknown> = {}) => ({
  [`${home}/.docker/contexts/meta/${contextDirName(name)}/meta.json`]: JSON.stringify({
    Name: name,
    Metadata: {},
    Endpoints: { docker: { Host: host, SkipTLSVerify: false, ...extra } },
  }),
});
const config = (currentContext: string) => ({ [`${home}/.docker/config.json`]: JSON.stringify({ currentContext }) });

function first(world: Parameters<typeof resolveEndpoints>[1], options: Parameters<typeof resolveEndpoints>[0] = {}) {
  const { candidates } = resolveEndpoints(options, world);
  const [head] = candidates;
  return { host: head?.host, source: head?.source, tls: head?.tls, explicit: head?.explicit, count: candidates.length };
}

describe("resolveEndpoints: the docker CLI's order", () => {
  it("uses -H over everything else", () => {
    const world = fakeWorld({ env: { DOCKER_HOST: "tcp://env:2375", DOCKER_CONTEXT: "lab" }, files: meta("lab", "unix:///lab.sock") });
    expect(first(world, { host: "unix:///flag.sock" })).toMatchObject({ host: "unix:///flag.sock", source: "-H/--host", explicit: true });
  });

  it("uses --context over -H's absence and DOCKER_HOST", () => {
    const world = fakeWorld({ env: { DOCKER_HOST: "tcp://env:2375" }, files: meta("lab", "unix:///lab.sock") });
    expect(first(world, { context: "lab" })).toMatchObject({ host: "unix:///lab.sock", source: 'context "lab" (from --context)' });
  });

  it("refuses -H together with --context", () => {
    expect(() => resolveEndpoints({ host: "unix:///a.sock", context: "lab" }, fakeWorld({}))).toThrow(/Both -H\/--host and --context/);
  });

  it("uses DOCKER_HOST over DOCKER_CONTEXT and warns that it overrides the context", () => {
    const world = fakeWorld({ env: { DOCKER_HOST: "unix:///env.sock", DOCKER_CONTEXT: "lab" }, files: meta("lab", "unix:///lab.sock") });
    const resolution = resolveEndpoints({}, world);
    expect(resolution.candidates[0]?.host).toBe("unix:///env.sock");
    expect(resolution.warnings.join()).toMatch(/DOCKER_HOST overrides the active context "lab"/);
  });

  it("uses DOCKER_CONTEXT over currentContext", () => {
    const world = fakeWorld({
      env: { DOCKER_CONTEXT: "lab" },
      files: { ...meta("lab", "unix:///lab.sock"), ...meta("other", "unix:///other.sock"), ...config("other") },
    });
    expect(first(world).host).toBe("unix:///lab.sock");
  });

  it("reads currentContext from config.json under DOCKER_CONFIG", () => {
    const files = {
      "/cfg/config.json": JSON.stringify({ currentContext: "colima" }),
      [`/cfg/contexts/meta/${contextDirName("colima")}/meta.json`]: JSON.stringify({
        Endpoints: { docker: { Host: `unix://${home}/.colima/default/docker.sock` } },
      }),
    };
    const world = fakeWorld({ env: { DOCKER_CONFIG: "/cfg" }, files });
    expect(first(world)).toMatchObject({ host: `unix://${home}/.colima/default/docker.sock`, explicit: true });
  });

  it("DOCKER_CONTEXT=default beats currentContext and falls to the default socket", () => {
    const world = fakeWorld({ env: { DOCKER_CONTEXT: "default" }, files: { ...config("lab"), ...meta("lab", "unix:///lab.sock") } });
    expect(first(world)).toMatchObject({ host: "unix:///var/run/docker.sock", explicit: false });
  });

  it("--context default still lets DOCKER_HOST speak, as the CLI's default context does", () => {
    const world = fakeWorld({ env: { DOCKER_HOST: "tcp://h:2375", DOCKER_CONTEXT: "lab" }, files: meta("lab", "unix:///lab.sock") });
    expect(first(world, { context: "default" }).host).toBe("tcp://h:2375");
  });

  it("names the missing context, where it looked, and exits 3", () => {
    const world = fakeWorld({ env: { DOCKER_CONTEXT: "nope" } });
    try {
      resolveEndpoints({}, world);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TutorError);
      const e = error as TutorError;
      expect(e.message).toBe('The Docker context "nope" (from DOCKER_CONTEXT) does not exist.');
      expect(e.exitCode).toBe(3);
      expect(e.details[0]).toContain(`/contexts/meta/${contextDirName("nope")}/meta.json`);
    }
  });

  it("a context with an empty endpoint means the default socket", () => {
    const world = fakeWorld({ files: { ...config("empty"), ...meta("empty", "") } });
    expect(first(world).host).toBe("unix:///var/run/docker.sock");
  });

  it("a context's TLS folder and SkipTLSVerify become the endpoint's TLS", () => {
    const id = contextDirName("secure");
    const files = {
      ...config("secure"),
      ...meta("secure", "tcp://remote:2376", { SkipTLSVerify: true }),
      [`${home}/.docker/contexts/tls/${id}/docker/ca.pem`]: "pem",
    };
    expect(first(fakeWorld({ files })).tls).toEqual({ certDir: `${home}/.docker/contexts/tls/${id}/docker`, verify: false });
  });
});

describe("resolveEndpoints: DOCKER_HOST forms and TLS variables", () => {
  it.each([
    ["unix:///run/x.sock", "unix:///run/x.sock"],
    ["unix://", "unix:///var/run/docker.sock"],
    ["tcp://10.0.0.5", "tcp://10.0.0.5:2375"],
    ["10.0.0.5:2380", "tcp://10.0.0.5:2380"],
    ["npipe:////./pipe/docker_engine", "npipe:////./pipe/docker_engine"],
    ["npipe://", "npipe:////./pipe/docker_engine"],
    ["ssh://me@box:2222", "ssh://me@box:2222"],
  ])("DOCKER_HOST=%s → %s", (raw, expected) => {
    expect(first(fakeWorld({ env: { DOCKER_HOST: raw } })).host).toBe(expected);
  });

  it("tcp without a port takes 2376 when TLS is on", () => {
    expect(first(fakeWorld({ env: { DOCKER_HOST: "tcp://h", DOCKER_TLS_VERIFY: "1" } })).host).toBe("tcp://h:2376");
  });

  it("any non-empty DOCKER_TLS_VERIFY verifies (the CLI's rule, not docker-modem's `=== '1'`)", () => {
    const world = fakeWorld({ env: { DOCKER_HOST: "tcp://h:2376", DOCKER_TLS_VERIFY: "true", DOCKER_CERT_PATH: "/certs" } });
    expect(first(world).tls).toEqual({ certDir: "/certs", verify: true });
  });

  it("DOCKER_TLS without VERIFY is TLS without verification; certs default to the config dir", () => {
    const world = fakeWorld({ env: { DOCKER_HOST: "tcp://h:2376", DOCKER_TLS: "1" } });
    expect(first(world).tls).toEqual({ certDir: `${home}/.docker`, verify: false });
  });

  it("TLS variables do not apply to sockets", () => {
    expect(first(fakeWorld({ env: { DOCKER_HOST: "unix:///x.sock", DOCKER_TLS_VERIFY: "1" } })).tls).toBeUndefined();
  });

  it.each([
    ["ftp://h:21", /scheme "ftp:\/\/"/],
    ["tcp://h:2375/path", /takes no path/],
  ])("rejects %s with the reason", (raw, reason) => {
    expect(() => resolveEndpoints({}, fakeWorld({ env: { DOCKER_HOST: raw } }))).toThrow(reason);
  });
});

describe("resolveEndpoints: default and well-known sockets", () => {
  it("with nothing set, tries the default socket alone when no other socket exists", () => {
    const { candidates, steps } = resolveEndpoints({}, fakeWorld({}));
    expect(candidates.map((c) => c.host)).toEqual(["unix:///var/run/docker.sock"]);
    expect(steps).toEqual([
      "--context: not given",
      "-H/--host: not given",
      "DOCKER_HOST: not set",
      "DOCKER_CONTEXT: not set",
      `currentContext in ${home}/.docker/config.json: not set`,
      expect.stringMatching(/^known sockets: unix:\/\/\/var\/run\/docker.sock \(\d+ other known locations absent\)$/),
    ]);
  });

  it("adds rootless, Docker Desktop, Colima, OrbStack and Podman sockets that exist, after the default", () => {
    const files = {
      "/run/user/1000/docker.sock": "",
      [`${home}/.docker/desktop/docker.sock`]: "",
      [`${home}/.colima/default/docker.sock`]: "",
      [`${home}/.orbstack/run/docker.sock`]: "",
      "/run/user/1000/podman/podman.sock": "",
    };
    const { candidates } = resolveEndpoints({}, fakeWorld({ files, env: { XDG_RUNTIME_DIR: "/run/user/1000" } }));
    expect(candidates.map((c) => `${c.source}=${c.host}`)).toEqual([
      "default socket=unix:///var/run/docker.sock",
      "rootless Docker=unix:///run/user/1000/docker.sock",
      `Docker Desktop for Linux=unix://${home}/.docker/desktop/docker.sock`,
      `Colima=unix://${home}/.colima/default/docker.sock`,
      `OrbStack=unix://${home}/.orbstack/run/docker.sock`,
      "Podman (rootless)=unix:///run/user/1000/podman/podman.sock",
    ]);
    expect(candidates.every((c) => !c.explicit)).toBe(true);
  });

  it("on Windows tries the named pipes", () => {
    const { candidates } = resolveEndpoints({}, fakeWorld({ platform: "win32" }));
    expect(candidates[0]?.host).toBe("npipe:////./pipe/docker_engine");
    expect(candidates.map((c) => c.host)).toContain("npipe:////./pipe/dockerDesktopLinuxEngine");
  });

  it("ignores a config.json that is not JSON", () => {
    const world = fakeWorld({ files: { [`${home}/.docker/config.json`]: "{oops" } });
    expect(first(world).host).toBe("unix:///var/run/docker.sock");
  });
});
