import { exec } from "node:child_process";
import { promisify } from "node:util";
import { evaluateVolume } from "../src/checks/volume.js";
import { connectToDocker } from "../src/docker/connect.js";
import { realHostWorld } from "../src/docker/host-world.js";
import { createRound } from "../src/docker/round.js";
const { client } = await connectToDocker({}, realHostWorld());
const vol = process.argv[2] ?? "";
const stop = new AbortController();
void (async () => {
  for await (const e of client.events({ signal: stop.signal })) {
    const t = Date.now();
    const r = await evaluateVolume({ kind: "volume", name: vol, file: { path: "tweets.txt", contains: "stay" } } as never, { docker: createRound(client) } as never);
    console.log(e.type, e.action, r.pass, r.actual, Date.now() - t, "ms");
  }
})().catch(() => undefined);
await new Promise((r) => setTimeout(r, 300));
await promisify(exec)(`docker run --name w-${vol} --mount type=volume,source=${vol},target=/data alpine sh -c "echo 'come and go, volumes stay' > /data/tweets.txt"`);
await new Promise((r) => setTimeout(r, 3000));
stop.abort();
process.exit(0);
