import type { ImageRef } from "../../../image-ref.js";
import type { ApiCall } from "../../api-call.js";
import { createBody, createQuery } from "./create-body.js";
import type { CreateIntent } from "./create-intent.js";
import { createNotes } from "./create-notes.js";

/** The calls of `docker create`: create, and only if the image is missing, pull and create again. */
export interface CreateCalls {
  readonly create: ApiCall;
  readonly pull: ApiCall;
  readonly createAgain: ApiCall;
}

/** `docker run` adds: attach (unless -d), wait (registered before start), start. */
export interface RunCalls extends CreateCalls {
  readonly attach?: ApiCall;
  readonly wait: ApiCall;
  readonly start: ApiCall;
}

export function createCalls(intent: CreateIntent): CreateCalls {
  const body = createBody(intent);
  const query = createQuery(intent);
  const image = intent.ref.withDefaultTag().familiarString;
  const create: ApiCall = {
    method: "POST",
    path: "/containers/create",
    ...(query ? { query } : {}),
    body,
    why: `create the container from ${intent.image} (created, not started)`,
    notes: createNotes(intent, body),
  };
  const pull: ApiCall = {
    method: "POST",
    path: "/images/create",
    query: pullQuery(intent.ref),
    why: `pull ${image} from its registry, printing its progress on stderr`,
    when: `the daemon answered 404 "No such image": first print "Unable to find image '${image}' locally"`,
  };
  const createAgain: ApiCall = {
    ...create,
    why: "create the container again, now that the image is here",
    when: "the image had to be pulled (the call above)",
    notes: ["the same body as the first create"],
  };
  return { create, pull, createAgain };
}

export function runCalls(intent: CreateIntent): RunCalls {
  const calls = createCalls(intent);
  const condition = intent.autoRemove ? "removed" : "next-exit";
  const wait: ApiCall = {
    method: "POST",
    path: "/containers/{id}/wait",
    query: { condition },
    why: "ask to be told when it exits, before starting it, so that even an instant exit is caught",
    notes: [
      intent.autoRemove
        ? "condition=removed (--rm): the answer comes once the daemon has removed the container"
        : "condition=next-exit: the answer comes when it exits",
      intent.detach ? "with -d nobody waits for that answer" : "its StatusCode becomes the exit code of docker run",
    ],
  };
  const start: ApiCall = {
    method: "POST",
    path: "/containers/{id}/start",
    why: intent.detach ? "start it, then print its full id" : "start it; its output streams back until it exits",
  };
  return intent.detach ? { ...calls, wait, start } : { ...calls, attach: attachCall(intent), wait, start };
}

export function attachCall(intent: { readonly tty: boolean; readonly interactive: boolean }): ApiCall {
  return {
    method: "POST",
    path: "/containers/{id}/attach",
    query: { stderr: 1, ...(intent.interactive ? { stdin: 1 } : {}), stdout: 1, stream: 1 },
    why: "connect to its output before it starts, so that nothing is missed",
    notes: [
      intent.tty
        ? "Tty: true, so the output arrives raw, stderr mixed into stdout"
        : "no Tty: stdout and stderr arrive in frames (an 8-byte header each) and are split apart again",
      ...(intent.interactive ? [`stdin=1 (-i): ${stdinNote(intent.tty)}`] : []),
    ],
  };
}

/** With a TTY, moby does not pass a closed stdin on, so the input is ended as a person would: Ctrl-D. */
export const stdinNote = (tty: boolean): string =>
  tty
    ? "the input text is sent, then Ctrl-D, which the terminal turns into end of input"
    : "the input text is sent, then stdin is closed, which the container reads as end of input";

/** The query of POST /images/create as the CLI's client sends it for `docker run`: the familiar name, and a tag or digest. */
export function pullQuery(ref: ImageRef): { fromImage: string; tag: string } {
  return { fromImage: ref.familiarName, tag: ref.digest ?? ref.tag ?? "latest" };
}

/** The order the calls are made in. */
export function orderedRunCalls(calls: RunCalls): ApiCall[] {
  return [calls.create, calls.pull, calls.createAgain, ...(calls.attach ? [calls.attach] : []), calls.wait, calls.start];
}
