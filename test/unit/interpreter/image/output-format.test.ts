import { describe, expect, it } from "vitest";
import { historyTable } from "../../../../src/docker/interpreter/commands/image/history.js";
import { imageIds, imageRows, imagesTable } from "../../../../src/docker/interpreter/commands/image/ls-table.js";
import { naturalCompare } from "../../../../src/docker/interpreter/commands/shared/natural-order.js";
import {
  formatG,
  humanDuration,
  humanSize,
  humanSizeWithPrecision,
  shortId,
} from "../../../../src/docker/interpreter/format/human-units.js";
import { ellipsis } from "../../../../src/docker/interpreter/format/table.js";

describe("sizes and ages as go-units prints them", () => {
  it.each<[number, number, string]>([
    [1985873, 3, "1.99MB"],
    [24840229, 3, "24.8MB"],
    [0, 3, "0B"],
    [942, 3, "942B"],
    [999600, 3, "1e+03kB"],
    [6656, 4, "6.656kB"],
    [5120, 4, "5.12kB"],
    [2048, 4, "2.048kB"],
    [1_500_000_000, 3, "1.5GB"],
  ])("%d bytes, %d digits → %s", (bytes, precision, expected) => expect(humanSizeWithPrecision(bytes, precision)).toBe(expected));

  it.each<[number, string]>([
    [500, "Less than a second"],
    [1000, "1 second"],
    [42_000, "42 seconds"],
    [61_000, "About a minute"],
    [5 * 60_000, "5 minutes"],
    [50 * 60_000, "50 minutes"],
    [65 * 60_000, "About an hour"],
    [5 * 3_600_000, "5 hours"],
    [3 * 86_400_000, "3 days"],
    [20 * 86_400_000, "2 weeks"],
    [90 * 86_400_000, "3 months"],
    [800 * 86_400_000, "2 years"],
  ])("%d ms → %s", (ms, expected) => expect(humanDuration(ms)).toBe(expected));

  it("formats like Go's %g", () => expect([formatG(1.5, 3), formatG(100, 3), formatG(0.5, 3)]).toEqual(["1.5", "100", "0.5"]));
  it("sizes with four digits", () => expect(humanSize(12_288)).toBe("12.29kB"));
  it("shortens ids", () =>
    expect([shortId("sha256:0db3272d56c964ba2c23"), shortId("c1ae50a2b3ec1234")]).toEqual(["0db3272d56c9", "c1ae50a2b3ec"]));
  it("cuts long text with …", () =>
    expect(ellipsis("/bin/sh -c #(nop)  LABEL org.docker-tutor.stand-in=true", 45)).toBe("/bin/sh -c #(nop)  LABEL org.docker-tutor.st…"));
});

describe("tables as the docker CLI prints them", () => {
  const now = 1_795_553_463_000;
  const summaries = [
    {
      Id: "sha256:f293577720fd2288",
      RepoTags: ["nginx:alpine", "nginx:latest"],
      RepoDigests: [`nginx@sha256:${"9".repeat(64)}`],
      Created: 1_795_553_343,
      Size: 1_989_343,
    },
    { Id: "sha256:570c401d94fc5e0a", RepoTags: ["<none>:<none>"], RepoDigests: ["<none>@<none>"], Created: 1_795_553_460, Size: 1_985_876 },
    {
      Id: "sha256:bb800fc7ab1b0000",
      RepoTags: [],
      RepoDigests: [`busybox@sha256:${"a".repeat(64)}`],
      Created: 1_795_549_463,
      Size: 1_990_000,
    },
  ];

  it("expands each image into one row per name", () => {
    expect(imagesTable(imageRows(summaries), now, false)).toBe(
      [
        "REPOSITORY   TAG       IMAGE ID       CREATED             SIZE",
        "nginx        alpine    f293577720fd   2 minutes ago       1.99MB",
        "nginx        latest    f293577720fd   2 minutes ago       1.99MB",
        "<none>       <none>    570c401d94fc   3 seconds ago       1.99MB",
        "busybox      <none>    bb800fc7ab1b   About an hour ago   1.99MB",
        "",
      ].join("\n"),
    );
  });

  it("lists ids once per row with -q", () =>
    expect(imageIds(imageRows(summaries), false)).toBe("f293577720fd\nf293577720fd\n570c401d94fc\nbb800fc7ab1b\n"));

  it("prints history with <missing> layers and cut commands", () => {
    const entries = [
      { Id: "sha256:0db3272d56c964ba", Created: 1_795_553_403, CreatedBy: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', Size: 0, Comment: "" },
      {
        Id: "<missing>",
        Created: 1_795_553_403,
        CreatedBy: "/bin/sh -c #(nop) COPY dir:8e31dc15c99aefe19c55e1e0 in / ",
        Size: 1_985_873,
        Comment: "",
      },
    ];
    expect(historyTable(entries, now, false)).toBe(
      [
        "IMAGE          CREATED              CREATED BY                                      SIZE      COMMENT",
        '0db3272d56c9   About a minute ago   /bin/sh -c #(nop)  CMD ["/bin/sh"]              0B        ',
        "<missing>      About a minute ago   /bin/sh -c #(nop) COPY dir:8e31dc15c99aefe19…   1.99MB    ",
        "",
      ].join("\n"),
    );
  });

  it.each<[string, string, number]>([
    ["a2", "a10", -1],
    ["a10", "a2", 1],
    ["a02", "a2", 1],
    ["abc", "abd", -1],
    ["1x", "x", -1],
    ["same", "same", 0],
    ["ab", "abc", -1],
  ])("natural order: %s vs %s", (a, b, expected) => expect(naturalCompare(a, b)).toBe(expected));
});
