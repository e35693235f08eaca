import { describe, expect, it } from "vitest";
import { notDockerInDocker } from "../../../src/env/playground-lifecycle.js";

describe("a node image that is not Docker-in-Docker", () => {
  it("is told apart by runc's words for a flag run as a program", () => {
    const alpine =
      'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "--label=docker-tutor.env=nimg": executable file not found in $PATH';
    expect(notDockerInDocker(alpine)).toBe(true);
  });

  it("leaves other start failures to their own messages", () => {
    expect(notDockerInDocker('exec: "dockerd-entrypoint.sh": executable file not found in $PATH')).toBe(false);
    expect(notDockerInDocker("operation not permitted: cannot set capability")).toBe(false);
  });
});
