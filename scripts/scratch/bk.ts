import { readFileSync } from "node:fs";
import { decodeBuildStatus } from "../../src/docker/interpreter/commands/image/buildkit-status.js";
for (const line of readFileSync(0, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const j = JSON.parse(line);
  if (j.id === "moby.buildkit.trace") {
    const s = decodeBuildStatus(j.aux);
    console.log(JSON.stringify(s, (k, v) => (v && v.type === "Buffer") ? Buffer.from(v.data).toString() : v));
  } else console.log(line);
}
