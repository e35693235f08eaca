import { describe, expect, it } from "vitest";
import { volumesTable } from "../../../../src/docker/interpreter/commands/volume/ls.js";

describe("docker volume ls", () => {
  it("prints volumes under DRIVER and VOLUME NAME", () => {
    expect(
      volumesTable([
        { Name: "b", Driver: "local" },
        { Name: "a", Driver: "local" },
      ]),
    ).toBe("DRIVER    VOLUME NAME\nlocal     a\nlocal     b\n");
  });
});
