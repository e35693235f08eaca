import { describe, expect, it } from "vitest";
import { daemonSideGet, interpretProbe, probeCommand } from "../../../src/checks/daemon-side-get.js";
import { describeHttpFailure } from "../../../src/checks/http.js";
import { parseHttpResponse } from "../../../src/checks/http-response.js";
import { routedHttpGet } from "../../../src/checks/http-route.js";
import type { DaemonPlace } from "../../../src/docker/daemon-place.js";
import type { ThrowawaySpec } from "../../../src/docker/views.js";

const NGINX = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<h1>Welcome to nginx!</h1>\n";

describe("an HTTP answer as nc prints it", () => {
  it.each([
    ["a page", NGINX, { status: 200, body: "<h1>Welcome to nginx!</h1>\n" }],
    ["a 404 with no body", "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n", { status: 404, body: "" }],
    ["bare newlines", "HTTP/1.1 200 OK\nX: y\n\nbody", { status: 200, body: "body" }],
    [
      "a chunked body",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
      { status: 200, body: "hello world" },
    ],
    [
      "a registry's tag list",
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"name":"hello","tags":["v1"]}\n',
      { status: 200, body: '{"name":"hello","tags":["v1"]}\n' },
    ],
  ])("%s", (_name, raw, answer) => expect(parseHttpResponse(raw)).toEqual(answer));

  it("nothing, or a program's complaint, is no answer", () => {
    expect(parseHttpResponse("")).toBeUndefined();
    expect(parseHttpResponse("nc: can't connect to remote host (127.0.0.1): Connection refused\n")).toBeUndefined();
  });
});

describe("the probe's request", () => {
  it("asks the daemon's own loopback for a localhost URL, with the path and Host as arguments, never as shell", () => {
    const planned = probeCommand("http://localhost:8080/linux.svg?x=1");
    if ("problem" in planned) throw new Error(planned.problem);
    expect(planned.command.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(planned.command.slice(3)).toEqual(["probe", "/linux.svg?x=1", "localhost:8080", "127.0.0.1", "8080"]);
    expect(planned.command[2]).toContain('nc -w 3 "$3" "$4"');
  });

  it("other hosts as they are, port 80 by default; https it cannot ask", () => {
    const planned = probeCommand("http://registry.local/v2/");
    expect("command" in planned && planned.command.slice(-2)).toEqual(["registry.local", "80"]);
    expect(probeCommand("https://localhost:8443/")).toEqual({ problem: expect.stringMatching(/only http:/) });
  });

  it.each([
    [1, "nc: can't connect to remote host (127.0.0.1): Connection refused", "ECONNREFUSED", "nothing answers at http://localhost:9/"],
    [1, "nc: bad address 'web'", "ENOTFOUND", "the host in http://localhost:9/ is unknown"],
    [127, "docker-tutor-probe: no nc in this image", "ENOPROBE", "the probe image has no nc"],
    [0, "", "ECONNRESET", "nothing answers at http://localhost:9/"],
  ])("exit %i saying %j is %s", (exitCode, output, code, words) => {
    const result = interpretProbe("http://localhost:9/", exitCode, output);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error & { code: string }).code).toBe(code);
    expect(describeHttpFailure("http://localhost:9/", result)).toContain(words);
  });

  it("runs as a labelled throwaway on the daemon's host network, with the shell as its entrypoint", async () => {
    const specs: ThrowawaySpec[] = [];
    const docker = {
      runThrowaway: async (spec: ThrowawaySpec) => {
        specs.push(spec);
        return { exitCode: 0, output: NGINX };
      },
    };
    await expect(daemonSideGet(docker, "alpine:latest", "http://localhost:8080/")).resolves.toEqual({
      status: 200,
      body: "<h1>Welcome to nginx!</h1>\n",
    });
    expect(specs[0]).toMatchObject({ image: "alpine:latest", networkMode: "host", entrypoint: ["sh"], purpose: "http probe" });
  });
});

describe("where a check's GET goes", () => {
  const refused = Object.assign(new Error("refused"), { code: "ECONNREFUSED" });
  const route = (place: DaemonPlace, localAnswers: boolean, sideError?: Error) => {
    const asked: string[] = [];
    const get = routedHttpGet({
      place: async () => place,
      local: async (url) => {
        asked.push(`local ${url}`);
        if (!localAnswers) throw refused;
        return { status: 200, body: "here" };
      },
      daemonSide: async (url) => {
        asked.push(`daemon ${url}`);
        if (sideError) throw sideError;
        return { status: 200, body: "there" };
      },
    });
    return { get, asked };
  };
  const vm: DaemonPlace = { kind: "vm", product: "Docker Desktop", shared: ["/Users"] };

  it("this machine: from here only", async () => {
    const { get, asked } = route({ kind: "local" }, false);
    await expect(get("http://localhost:80/")).rejects.toBe(refused);
    expect(asked).toEqual(["local http://localhost:80/"]);
  });

  it("a VM that forwards ports: localhost first, the daemon's side when nothing answers here", async () => {
    const answered = route(vm, true);
    await expect(answered.get("http://localhost:80/")).resolves.toMatchObject({ body: "here" });
    expect(answered.asked).toEqual(["local http://localhost:80/"]);
    const fallback = route(vm, false);
    await expect(fallback.get("http://localhost:80/")).resolves.toMatchObject({ body: "there" });
    expect(fallback.asked).toEqual(["local http://localhost:80/", "daemon http://localhost:80/"]);
  });

  it("a VM with no probe image: the check says nothing answers here and why the daemon's side was not asked", async () => {
    const noProbe = Object.assign(new Error("the daemon has none of busybox:latest to ask from its side"), { code: "ENOPROBE" });
    const { get } = route(vm, false, noProbe);
    const error = await get("http://localhost:80/").catch((e: unknown) => e);
    expect(describeHttpFailure("http://localhost:80/", error)).toBe(
      "nothing answers at http://localhost:80/ on this machine, and the daemon has none of busybox:latest to ask from its side",
    );
  });

  it("a playground node or another machine: a loopback URL is the daemon's loopback, so only its side is asked", async () => {
    for (const place of [
      { kind: "node", playground: "p", node: "node1" },
      { kind: "remote", host: "ssh://s" },
    ] as DaemonPlace[]) {
      const { get, asked } = route(place, true);
      await expect(get("http://127.0.0.1:5000/v2/")).resolves.toMatchObject({ body: "there" });
      expect(asked).toEqual(["daemon http://127.0.0.1:5000/v2/"]);
    }
  });
});
