import { describe, expect, it } from "vitest";
import { placeCommands } from "../../../src/ui/command-places.js";

describe("placeCommands", () => {
  it("docker commands at the prompt; the lines after an -it shell up to exit inside the container", () => {
    expect(
      placeCommands(["docker container run -it alpine /bin/ash", 'echo "hello world" > hello.txt', "ls", "exit", "docker container ls -a"]),
    ).toEqual([
      { place: { kind: "prompt" }, lines: ["$ docker container run -it alpine /bin/ash"] },
      { place: { kind: "container" }, lines: ['echo "hello world" > hello.txt', "ls", "exit"] },
      { place: { kind: "prompt" }, lines: ["$ docker container ls -a"] },
    ]);
  });

  it("curl, cd and docker-tutor in the learner's own shell; node lines in that node's shell; / # lines in a container", () => {
    expect(
      placeCommands([
        "cd docker-tutor-labs/swarm",
        "docker stack deploy -c docker-stack.yml app",
        "curl http://localhost:8080/",
        "docker-tutor env shell node1",
        "node1 $ docker node ls",
        "node2 $ docker swarm join",
        "/ # ls",
      ]).map((g) => [g.place, g.lines.length]),
    ).toEqual([
      [{ kind: "own-shell" }, 1],
      [{ kind: "prompt" }, 1],
      [{ kind: "own-shell" }, 2],
      [{ kind: "node", node: "node1" }, 1],
      [{ kind: "node", node: "node2" }, 1],
      [{ kind: "container" }, 1],
    ]);
  });

  it("-dt starts no shell: the next non-docker line is the learner's shell's", () => {
    expect(placeCommands(["docker run -dt --name a alpine sleep infinity", "curl x"]).map((g) => g.place.kind)).toEqual([
      "prompt",
      "own-shell",
    ]);
    expect(placeCommands(["docker exec -i -t a sh", "ls"]).map((g) => g.place.kind)).toEqual(["prompt", "container"]);
  });
});
