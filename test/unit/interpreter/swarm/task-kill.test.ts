import { describe, expect, it } from "vitest";
import { callLine } from "../../../../src/docker/interpreter/api-call.js";
import { filtersJson } from "../../../../src/docker/interpreter/commands/shared/filters.js";
import { stackObjectsCall } from "../../../../src/docker/interpreter/commands/swarm/stack-calls.js";
import { type EngineCall, toApiCall } from "../../../../src/docker/interpreter/engine-call.js";
import { fakeTransport, runAgainst } from "../../../helpers/fake-transport.js";

const line = (call: EngineCall) => callLine(toApiCall(call));
const tasksOf = (id: string) =>
  line({
    method: "GET",
    path: "/containers/json",
    query: { filters: filtersJson({ label: [`com.docker.swarm.service.id=${id}`] }) },
    why: "",
  });
const SERVICE = { ID: "s1", Version: { Index: 1 }, Spec: { Name: "web-abcde" } };

describe("a test run's removed services: their tasks are killed at once", () => {
  it("service rm, as the CLI, when the run does not ask for it: one DELETE, nothing more", async () => {
    const engine = fakeTransport({ "DELETE /services/web-abcde": {} });
    const { code, stdout } = await runAgainst(engine, "docker service rm web-abcde");
    expect({ code, stdout, sent: engine.sent }).toEqual({ code: 0, stdout: "web-abcde\n", sent: ["DELETE /services/web-abcde"] });
  });

  it("service rm in a test run: the service's ID is read, it is removed, and its running tasks are killed", async () => {
    const engine = fakeTransport({
      "GET /services/web-abcde?insertDefaults=false": { body: SERVICE },
      "DELETE /services/web-abcde": {},
      [tasksOf("s1")]: { body: [{ Id: "c1" }, { Id: "c2" }] },
      "POST /containers/c1/kill": {},
      "POST /containers/c2/kill": {},
    });
    const asked: string[] = [];
    const { code, stdout } = await runAgainst(engine, "docker service rm web-abcde", {
      killRemovedTasks: (service) => {
        asked.push(`${service.id} ${service.name}`);
        return true;
      },
    });
    expect({ code, stdout }).toEqual({ code: 0, stdout: "web-abcde\n" });
    expect(asked).toEqual(["s1 web-abcde"]);
    expect(engine.sent).toEqual([
      "GET /services/web-abcde?insertDefaults=false",
      "DELETE /services/web-abcde",
      tasksOf("s1"),
      "POST /containers/c1/kill",
      "POST /containers/c2/kill",
    ]);
  });

  it("a service the run did not make keeps the swarm's stop: nothing is killed", async () => {
    const engine = fakeTransport({ "GET /services/web-abcde?insertDefaults=false": { body: SERVICE }, "DELETE /services/web-abcde": {} });
    const { code } = await runAgainst(engine, "docker service rm web-abcde", { killRemovedTasks: () => false });
    expect(code).toBe(0);
    expect(engine.sent).toEqual(["GET /services/web-abcde?insertDefaults=false", "DELETE /services/web-abcde"]);
  });

  it("stack rm in a test run: each service's tasks are killed after the service is removed, before the networks go", async () => {
    const engine = fakeTransport({
      [line(stackObjectsCall("services", "shop", ""))]: { body: [{ ID: "s1", Spec: { Name: "shop_web" } }] },
      [line(stackObjectsCall("secrets", "shop", ""))]: { body: [] },
      [line(stackObjectsCall("configs", "shop", ""))]: { body: [] },
      [line(stackObjectsCall("networks", "shop", ""))]: { body: [{ Id: "n1", Name: "shop_default" }] },
      "DELETE /services/s1": {},
      [tasksOf("s1")]: { body: [{ Id: "c1" }] },
      "POST /containers/c1/kill": { status: 409, message: "container c1 is not running" },
      "DELETE /networks/n1": {},
    });
    const { code, stdout } = await runAgainst(engine, "docker stack rm shop", { killRemovedTasks: () => true });
    expect({ code, stdout }).toEqual({ code: 0, stdout: "Removing service shop_web\nRemoving network shop_default\n" });
    expect(engine.sent.slice(4)).toEqual(["DELETE /services/s1", tasksOf("s1"), "POST /containers/c1/kill", "DELETE /networks/n1"]);
  });
});
