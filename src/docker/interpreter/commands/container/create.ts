import { type CommandIO, defineCommand } from "../../command.js";
import type { EngineTransport } from "../../transport.js";
import { createContainer } from "./create-container.js";
import { type ContainerIntentInput, CREATE_FLAGS, type CreateIntent, toCreateIntent } from "./create-intent.js";
import { createCalls } from "./create-plan.js";

/** `docker create`: the first half of run; prints the new container's id. */
export const createCommand = defineCommand<CreateIntent>({
  path: ["container", "create"],
  aliases: [["create"]],
  flags: CREATE_FLAGS,
  interspersed: false,
  toIntent: (input: ContainerIntentInput) => toCreateIntent(input, "create"),
  plan: (intent) => {
    const { create, pull, createAgain } = createCalls(intent);
    return [{ ...create, why: `${create.why}; prints its id` }, pull, createAgain];
  },
  execute: executeCreate,
});

async function executeCreate(intent: CreateIntent, engine: EngineTransport, io: CommandIO): Promise<number> {
  const created = await createContainer(engine, createCalls(intent), intent.ref, io);
  if ("failure" in created) {
    io.stderr.write(`${created.failure}\n`);
    return 1;
  }
  io.stdout.write(`${created.id}\n`);
  return 0;
}
