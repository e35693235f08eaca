import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTTP_BODY_LIMIT, httpGet } from "../../../src/checks/http-get.js";
import { checkSuite, docker, eventually, freePort, TEST_LABEL } from "./daemon-fixtures.js";

const { made, check } = checkSuite();

describe("http check against a published container", () => {
  it("says nothing answers before the container runs, then checks status and body", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const spec = { kind: "http", url, bodyContains: "Welcome to nginx", bodyLacks: "Forbidden" };
    const before = await check(spec);
    expect(before).toMatchObject({
      pass: false,
      expected: `${url} answers with status 200 and a page containing \`Welcome to nginx\` and a page without \`Forbidden\``,
      actual: `nothing answers at ${url}`,
    });
    await docker("run", "-d", "--name", made.name("container", "web"), "--label", TEST_LABEL, "-p", `127.0.0.1:${port}:80`, "nginx:alpine");
    await eventually("nginx answers", async () => (await check(spec)).pass);
    expect((await check({ kind: "http", url: `${url}missing` })).actual).toBe(`${url}missing answers with status 404, not 200`);
    expect((await check({ kind: "http", url, bodyContains: "Hello from my site" })).actual).toMatch(
      new RegExp(`^${url} answers with a page starting \`<!DOCTYPE html>.*\`, without \`Hello from my site\`$`),
    );
    expect((await check({ kind: "http", url, bodyLacks: "nginx" })).actual).toBe(
      `${url} answers with a page that still contains \`nginx\``,
    );
  });
});

describe("httpGet", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/big") response.end("x".repeat(HTTP_BODY_LIMIT * 3));
      else if (request.url === "/slow") setTimeout(() => response.end("late"), 5000);
      else response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it("answers status and body", async () => expect(await httpGet(`${base}/`)).toEqual({ status: 200, body: "ok" }));

  it("caps the body at 64 KiB", async () => expect((await httpGet(`${base}/big`)).body).toHaveLength(HTTP_BODY_LIMIT));

  it("gives up after 3 s, and the check says so", async () => {
    const started = Date.now();
    expect((await check({ kind: "http", url: `${base}/slow` })).actual).toBe(`${base}/slow did not answer within 3 s`);
    expect(Date.now() - started).toBeLessThan(4500);
  });
});
