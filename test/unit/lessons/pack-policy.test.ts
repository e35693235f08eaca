import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { breachSentence, type PolicyPlace, policyBreach, RULES } from "../../../src/lessons/pack-policy.js";

const links: Record<string, string> = { "/w/up": "/etc", "/w/sock": "/w/sock" };
const place: PolicyPlace = {
  workspace: "/w",
  realPath: (path) => links[path] ?? path,
  isSocket: (path) => path === "/w/sock",
  nodeAddresses: ["10.9.0.2", "10.9.0.3"],
};
const env = { vars: { TOKEN: "SWMTKN-1-x", NODE1_ADDR: "10.9.0.2" }, cwd: "/w", wholeExpansions: true };
const breach = (line: string, where: PolicyPlace = place) => policyBreach(line, env, where);

describe("policyBreach: each rule lets its safe case through and refuses the other", () => {
  it.each<[string, string, keyof typeof RULES, string]>([
    // [rule, allowed, refused rule, refused]
    ["comment", "docker container ls", "comment", "docker container ls # \r\u001b[2Kharmless"],
    ["bind -v", "docker run -v /w/site:/usr/share/nginx/html nginx", "bind", "docker run -v /:/host alpine chroot /host"],
    ["bind $(pwd)", "docker run -v $(pwd)/site:/x nginx", "bind", "docker run -v $(pwd)/..:/x nginx"],
    [
      "bind --mount",
      "docker run --mount type=bind,source=.,target=/x nginx",
      "bind",
      "docker run --mount type=bind,source=/home,target=/x nginx",
    ],
    ["bind through a link", "docker run -v /w/site:/x nginx", "bind", "docker run -v /w/up:/x nginx"],
    ["socket", "docker run -v data:/var/run nginx", "socket", "docker run --mount type=bind,source=/var/run/docker.sock,target=/s alpine"],
    ["a socket in the workspace", "docker run -v /w/site:/x nginx", "socket", "docker run -v /w/sock:/s alpine"],
    ["privileges", "docker run --rm alpine echo --privileged", "privilege", "docker run --privileged alpine"],
    ["capabilities", "docker run alpine true", "privilege", "docker run --cap-add=SYS_ADMIN alpine"],
    ["devices", "docker run alpine true", "privilege", "docker run --device /dev/sda alpine"],
    ["security options", "docker run alpine true", "privilege", "docker run --security-opt seccomp=unconfined alpine"],
    ["host network", "docker run --network bridge alpine", "namespace", "docker run --network host alpine"],
    ["another container's network", "docker run --network mynet alpine", "namespace", "docker run --network container:db alpine"],
    ["host pid", "docker run alpine true", "namespace", "docker run --pid=host alpine"],
    ["host ipc, uts, userns", "docker run alpine true", "namespace", "docker run --userns host --uts host alpine"],
    [
      "service on the host network",
      "docker service create --network web alpine",
      "namespace",
      "docker service create --network host alpine",
    ],
    [
      "volume driver options",
      "docker volume create --opt type=tmpfs --opt device=tmpfs --opt o=size=10m data",
      "volume",
      "docker volume create --opt type=none --opt o=bind --opt device=/ data",
    ],
    ["volume driver", "docker volume create data", "volume", "docker volume create --driver sshfs data"],
    ["build context", "docker build -t app .", "build", "docker build -t app /home/ada"],
    ["build -f", "docker build -f docker/Dockerfile docker", "build", "docker build -f /etc/Dockerfile /"],
    ["push", "docker push localhost:5000/app:v1", "push", "docker push remote:5000/app"],
    ["push to Docker Hub", "docker push 127.0.0.1:5001/app", "push", "docker push me/app"],
    ["swarm join", "docker swarm join --token $TOKEN $NODE1_ADDR:2377", "join", "docker swarm join --token $TOKEN 203.0.113.9:2377"],
  ])("%s", (_name, allowed, rule, refused) => {
    expect(breach(allowed)).toBeUndefined();
    expect(breach(refused)?.rule).toBe(RULES[rule]);
  });

  it("reads a compose file only from the workspace", () => {
    const workspace = mkdtempSync(join(tmpdir(), "dtt-policy-ws-"));
    const elsewhere = mkdtempSync(join(tmpdir(), "dtt-policy-out-"));
    const compose = 'version: "3.8"\nservices:\n  web:\n    image: nginx\n';
    writeFileSync(join(workspace, "stack.yml"), compose);
    writeFileSync(join(elsewhere, "stack.yml"), compose);
    const here = { ...place, workspace };
    const at = { ...env, cwd: workspace };
    expect(policyBreach("docker stack deploy -c stack.yml demo", at, here)).toBeUndefined();
    expect(policyBreach(`docker stack deploy -c ${join(elsewhere, "stack.yml")} demo`, at, here)?.rule).toBe(RULES.compose);
    for (const dir of [workspace, elsewhere]) rmSync(dir, { recursive: true });
  });

  it("refuses a compose file whose service joins the host's network as an external network", () => {
    const workspace = mkdtempSync(join(tmpdir(), "dtt-policy-ws-"));
    const compose = (network: string) =>
      `version: "3.8"\nservices:\n  web:\n    image: nginx\n    networks: [${network}]\nnetworks:\n  ${network}:\n    external: true\n`;
    writeFileSync(join(workspace, "host.yml"), compose("host"));
    writeFileSync(join(workspace, "shared.yml"), compose("shared"));
    const here = { ...place, workspace };
    const at = { ...env, cwd: workspace };
    expect(policyBreach("docker stack deploy -c shared.yml demo", at, here)).toBeUndefined();
    expect(policyBreach("docker stack deploy -c host.yml demo", at, here)).toEqual({
      rule: RULES.namespace,
      offending: "services.web.networks: host",
    });
    rmSync(workspace, { recursive: true });
  });

  it("leaves a command the interpreter refuses to the interpreter", () => {
    expect(breach("docker run --unknown-flag alpine")).toBeUndefined();
    expect(breach("docker system prune")).toBeUndefined();
  });

  it("sees the expanded command: a value the solution captured is one word, never a flag", () => {
    const captured = { ...env, vars: { ...env.vars, TOKEN: "x --advertise-addr 203.0.113.9" } };
    expect(policyBreach("docker swarm join --token $TOKEN $NODE1_ADDR:2377", captured, place)).toBeUndefined();
    expect(policyBreach("docker run -v $SRC:/x alpine", { ...env, vars: { SRC: "/etc" } }, place)?.rule).toBe(RULES.bind);
  });
});

describe("breachSentence", () => {
  it("is one sentence naming the rule, what breaks it and the way out", () => {
    const sentence = breachSentence({ rule: RULES.bind, offending: "/:/host" });
    expect(sentence).toBe(
      "An untrusted lesson pack may not mount a host path from outside the lesson's workspace (`/:/host`); run docker-tutor with --trust-pack only if you trust the pack.",
    );
    expect(sentence.match(/\. /g)).toBeNull();
  });
});
