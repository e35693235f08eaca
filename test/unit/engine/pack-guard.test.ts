import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packGuard, realPathOf } from "../../../src/engine/pack-guard.js";

const root = realpathSync(mkdtempSync(join(tmpdir(), "dtt-guard-")));
const workspace = join(root, "ws");
let server: Server;

beforeAll(async () => {
  mkdirSync(join(workspace, "site"), { recursive: true });
  symlinkSync("/etc", join(workspace, "up"));
  server = createServer();
  await new Promise<void>((resolve) => server.listen(join(workspace, "daemon.sock"), resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

const guard = () => packGuard(workspace);
const env = { vars: {}, cwd: workspace, wholeExpansions: true };

describe("realPathOf", () => {
  it("resolves links, and for a path not made yet its nearest folder", () => {
    expect(realPathOf(join(workspace, "up"))).toBe("/etc");
    expect(realPathOf(join(workspace, "up", "not", "yet"))).toBe("/etc/not/yet");
    expect(realPathOf(join(workspace, "new"))).toBe(join(workspace, "new"));
  });
});

describe("packGuard: the policy on the command as it runs, on this machine's real paths", () => {
  it("lets a bind of the workspace through", async () => {
    expect(await guard()("docker run -v $(pwd)/site:/x nginx", env, [])).toBeUndefined();
  });

  it("refuses a bind through a link in the workspace that leads out, in one sentence naming the rule", async () => {
    expect(await guard()("docker run -v $(pwd)/up:/x nginx", env, [])).toBe(
      `An untrusted lesson pack may not mount a host path from outside the lesson's workspace (\`${workspace}/up:/x\`); run docker-tutor with --trust-pack only if you trust the pack.`,
    );
  });

  it("refuses a socket file, even inside the workspace", async () => {
    expect(await guard()("docker run -v $(pwd)/daemon.sock:/s alpine", env, [])).toMatch(/may not mount the Docker socket/);
  });

  it("refuses a join to anything but the nodes it is given", async () => {
    expect(await guard()("docker swarm join --token t 10.9.0.2:2377", env, ["10.9.0.2"])).toBeUndefined();
    expect(await guard()("docker swarm join --token t 10.9.0.2:2377", env, [])).toMatch(/may not join a swarm other than/);
  });
});
