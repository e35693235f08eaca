import { describe, expect, it } from "vitest";
import { displayablePorts, type PortSummary } from "../../../../src/docker/interpreter/commands/container/displayable-ports.js";
import { type ContainerListItem, containerTable, quietLines } from "../../../../src/docker/interpreter/commands/container/ls-table.js";
import { goQuote } from "../../../../src/docker/interpreter/format/go-quote.js";
import { humanDuration } from "../../../../src/docker/interpreter/format/human-units.js";
import { alignColumns, ellipsis } from "../../../../src/docker/interpreter/format/table.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe("humanDuration (docker/go-units)", () => {
  it.each<[number, string]>([
    [0, "Less than a second"],
    [999, "Less than a second"],
    [SECOND, "1 second"],
    [59 * SECOND, "59 seconds"],
    [MINUTE, "About a minute"],
    [119 * SECOND, "About a minute"],
    [2 * MINUTE, "2 minutes"],
    [59 * MINUTE, "59 minutes"],
    [HOUR, "About an hour"],
    [90 * MINUTE, "2 hours"],
    [47 * HOUR, "47 hours"],
    [48 * HOUR, "2 days"],
    [14 * 24 * HOUR, "2 weeks"],
    [60 * 24 * HOUR, "2 months"],
    [800 * 24 * HOUR, "2 years"],
  ])("%i ms → %s", (ms, words) => {
    expect(humanDuration(ms)).toBe(words);
  });
});

const published = (PrivatePort: number, PublicPort: number, IP = "0.0.0.0", Type = "tcp"): PortSummary => ({
  IP,
  PrivatePort,
  PublicPort,
  Type,
});

describe("displayablePorts (docker/cli formatter)", () => {
  it.each<[PortSummary[], string]>([
    [[], ""],
    [[{ PrivatePort: 80, Type: "tcp" }], "80/tcp"],
    [[published(80, 8080)], "0.0.0.0:8080->80/tcp"],
    [[published(80, 8080), published(80, 8080, "::")], "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp"],
    [[published(7000, 7000), published(7001, 7001)], "0.0.0.0:7000-7001->7000-7001/tcp"],
    [
      [
        { PrivatePort: 5000, Type: "tcp" },
        { PrivatePort: 5001, Type: "tcp" },
        { PrivatePort: 53, Type: "udp" },
      ],
      "53/udp, 5000-5001/tcp",
    ],
    [[published(81, 32768, "127.0.0.1"), published(80, 8080)], "0.0.0.0:8080->80/tcp, 127.0.0.1:32768->81/tcp"],
    [
      [{ PrivatePort: 5000, Type: "tcp" }, published(9090, 9090, "0.0.0.0", "udp"), published(80, 8080)],
      "5000/tcp, 0.0.0.0:9090->9090/udp, 0.0.0.0:8080->80/tcp",
    ],
    [
      [
        { PrivatePort: 80, Type: "tcp" },
        { PrivatePort: 82, Type: "tcp" },
      ],
      "80/tcp, 82/tcp",
    ],
  ])("%j → %s", (ports, text) => {
    expect(displayablePorts(ports)).toBe(text);
  });
});

describe("COMMAND: ellipsis to 20 and Go quoting", () => {
  it.each<[string, string]>([
    ["echo hello", '"echo hello"'],
    ["sh -c 'echo out; echo err >&2'", `"sh -c 'echo out; ec…"`],
    ['echo "quoted"', '"echo \\"quoted\\""'],
    ["tab\there", '"tab\\there"'],
    ["bell\x07", '"bell\\a"'],
    ["del\x7f", '"del\\x7f"'],
  ])("%s → %s", (command, column) => {
    expect(goQuote(ellipsis(command, 20))).toBe(column);
  });
});

const summary = (overrides: Partial<ContainerListItem>): ContainerListItem => ({
  Id: "3f4a1c2b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a",
  Names: ["/web"],
  Image: "nginx:alpine",
  ImageID: "sha256:1111111111112222222222223333333333334444444444445555555555556666",
  Command: "/docker-entrypoint.sh nginx -g 'daemon off;'",
  Created: 1_000_000,
  Status: "Up 3 seconds",
  Ports: [published(80, 8080)],
  ...overrides,
});

describe("docker ps table", () => {
  it("prints the CLI's default columns, padded by 3 with a minimum of 10", () => {
    const now = 1_000_000 * SECOND + 2 * MINUTE;
    expect(containerTable([summary({})], { trunc: true, now })).toBe(
      [
        "CONTAINER ID   IMAGE          COMMAND                  CREATED         STATUS         PORTS                  NAMES",
        '3f4a1c2b9d8e   nginx:alpine   "/docker-entrypoint.…"   2 minutes ago   Up 3 seconds   0.0.0.0:8080->80/tcp   web',
        "",
      ].join("\n"),
    );
  });

  it("prints only the header when nothing matches", () => {
    expect(containerTable([], { trunc: true, now: 0 })).toBe("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n");
  });

  it.each<[Partial<ContainerListItem>, boolean, string]>([
    [{ Image: "docker.io/library/alpine:latest" }, true, "alpine:latest"],
    [{ Image: "sha256:1111111111112222222222223333333333334444444444445555555555556666" }, true, "111111111111"],
    [{ Image: "nginx@sha256:abcd" }, true, "nginx"],
    [{ Image: "docker.io/library/alpine:latest" }, false, "docker.io/library/alpine:latest"],
    [{ Names: ["/other/link", "/web"] }, true, "web"],
    [{ Created: 1_000_000, Status: "Exited (0) 5 seconds ago" }, true, "Exited (0) 5 seconds ago"],
  ])("%o (trunc %s) shows %s", (overrides, trunc, text) => {
    expect(containerTable([summary(overrides)], { trunc, now: 1_000_000 * SECOND }).split("\n")[1]).toContain(text);
  });

  it("-q prints short ids, --no-trunc full ones", () => {
    expect(quietLines([summary({})], true)).toBe("3f4a1c2b9d8e\n");
    expect(quietLines([summary({})], false)).toBe(`${summary({}).Id}\n`);
  });
});

describe("docker top columns (tabwriter minwidth 20, padding 3)", () => {
  it("pads every cell but the last", () => {
    expect(
      alignColumns(
        [
          ["UID", "PID", "CMD"],
          ["root", "123", "sleep 60"],
        ],
        20,
      ),
    ).toBe(`${"UID".padEnd(20)}${"PID".padEnd(20)}CMD\n${"root".padEnd(20)}${"123".padEnd(20)}sleep 60\n`);
  });
});
