import { daemonMessageOf, statusCodeOf } from "../../../docker-errors.js";
import type { ImageRef } from "../../../image-ref.js";
import type { CommandIO } from "../../command.js";
import type { EngineTransport } from "../../transport.js";
import { fromDaemon, isDaemonAnswer } from "../shared/daemon-failure.js";
import { sendForJson } from "../shared/send-call.js";
import type { CreateCalls } from "./create-plan.js";
import { pullImage } from "./pull-image.js";

export type Created = { readonly id: string } | { readonly failure: string };

/**
 * POST /containers/create; when the daemon answers 404 "No such image", say so, pull the image and
 * create again (docker/cli create.go, `--pull=missing`, the default).
 */
export async function createContainer(engine: EngineTransport, calls: CreateCalls, image: ImageRef, io: CommandIO): Promise<Created> {
  const first = await tryCreate(engine, calls.create);
  if (!("missingImage" in first)) return first;
  io.stderr.write(`Unable to find image '${image.withDefaultTag().familiarString}' locally\n`);
  const pulled = await pullImage(engine, calls.pull, io);
  if (pulled.failure !== undefined) return { failure: pulled.failure };
  const second = await tryCreate(engine, calls.createAgain);
  return "missingImage" in second ? { failure: second.missingImage } : second;
}

async function tryCreate(engine: EngineTransport, call: CreateCalls["create"]): Promise<Created | { missingImage: string }> {
  try {
    const answer = (await sendForJson(engine, call)) as { Id: string };
    return { id: answer.Id };
  } catch (error) {
    if (!isDaemonAnswer(error)) throw error;
    if (statusCodeOf(error) === 404 && /no such image/i.test(daemonMessageOf(error))) return { missingImage: fromDaemon(error) };
    return { failure: fromDaemon(error) };
  }
}
