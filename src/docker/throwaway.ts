import type Dockerode from "dockerode";
import { PURPOSE_LABEL, TUTOR_LABEL } from "./labels.js";
import { demuxLogs } from "./log-frames.js";
import type { ThrowawayResult, ThrowawaySpec } from "./views.js";

/** Runs a labelled container to completion and removes it, whatever happens. */
export async function runThrowaway(docker: Dockerode, spec: ThrowawaySpec): Promise<ThrowawayResult> {
  const container = await docker.createContainer({
    Image: spec.image,
    ...(spec.entrypoint ? { Entrypoint: [...spec.entrypoint] } : {}),
    Cmd: [...spec.command],
    Labels: { ...spec.labels, [TUTOR_LABEL]: "docker-tutor", [PURPOSE_LABEL]: spec.purpose },
    HostConfig: {
      NetworkMode: spec.networkMode,
      PidMode: spec.pidMode,
      Mounts: [
        ...(spec.readOnlyBinds ?? []).map((b) => ({ Type: "bind" as const, Source: b.source, Target: b.target, ReadOnly: true })),
        ...(spec.volumes ?? []).map((v) => ({ Type: "volume" as const, Source: v.name, Target: v.target, ReadOnly: true })),
      ],
    },
  });
  try {
    // The CLI registers the wait before starting, so a fast exit is never missed.
    const exited = container.wait({ condition: "next-exit" }) as Promise<{ StatusCode: number }>;
    await container.start();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the ${spec.purpose} probe took longer than ${spec.timeoutMs} ms`)), spec.timeoutMs);
    });
    const { StatusCode } = await Promise.race([exited, timedOut]).finally(() => clearTimeout(timer));
    const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    const { stdout, stderr } = demuxLogs(logs);
    return { exitCode: StatusCode, output: stdout + stderr };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
