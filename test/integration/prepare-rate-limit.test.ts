import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireDaemon } from "../helpers/engine-api.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * A registry that has used up this address's pulls, as Docker Hub answers then: HTTP 429 with the
 * registry API's TOOMANYREQUESTS (plain HTTP on loopback, which dockerd allows). `prepare` must say
 * so in one sentence and name both ways out: the archive and a registry mirror.
 */
let server: Server;
let image = "";
const pack = mkdtempSync(join(tmpdir(), "dtt-429-"));

beforeAll(async () => {
  await requireDaemon();
  server = createServer((req, res) => {
    if (req.url === "/v2/" || req.url === "/v2") {
      res.writeHead(200, { "Docker-Distribution-API-Version": "registry/2.0", "Content-Type": "application/json" });
      res.end("{}");
      return;
    }
    const body = JSON.stringify({
      errors: [{ code: "TOOMANYREQUESTS", message: "You have reached your unauthenticated pull rate limit." }],
    });
    res.writeHead(429, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  image = `127.0.0.1:${(server.address() as AddressInfo).port}/limited/app:1`;
  writeFileSync(
    join(pack, "44-limited.yaml"),
    `format: 1
id: limited
number: 44
slug: limited
title: Limited
summary: needs an image from a registry that refuses
minutes: 1
requires:
  images: ["${image}"]
steps:
  - id: a
    title: a
    text: a
    checks: [{ kind: image, ref: alpine }]
`,
  );
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(pack, { recursive: true, force: true });
});

describe("a pull refused with 429", () => {
  it("prepare says so in one sentence and names the archive and a registry mirror", async () => {
    const result = await runCli(["--lessons-dir", pack, "prepare", "44"]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stderr).toContain(
      `The registry refused to pull ${image} with HTTP 429 (too many requests): this address has used up its pull limit.`,
    );
    expect(result.stderr).toContain(
      // (code spans print without their backticks)
      "Bring the images on an archive (docker-tutor prepare --save images.tar 44 on a machine that has them, then docker-tutor prepare --load images.tar here)",
    );
    expect(result.stderr).toContain('or give the daemon a registry mirror ("registry-mirrors" in daemon.json, then restart it).');
    expect(result.stderr).toContain(`${image}: the registry refused with HTTP 429 (too many requests)`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
