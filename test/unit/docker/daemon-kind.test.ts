import { describe, expect, it } from "vitest";
import { isPodman } from "../../../src/docker/daemon-kind.js";

describe("isPodman: from the /version answer's components", () => {
  it.each([
    ["Podman 4.3", { Components: [{ Name: "Podman Engine" }, { Name: "Conmon" }] }, true],
    ["Docker Engine", { Components: [{ Name: "Engine" }, { Name: "containerd" }, { Name: "runc" }] }, false],
    ["no components", { Components: null }, false],
    ["nothing said", {}, false],
  ])("%s → %s", (_, version, expected) => expect(isPodman(version)).toBe(expected));
});
