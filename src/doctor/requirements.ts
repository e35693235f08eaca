/**
 * What the built-in curriculum needs from a daemon. Until lesson files declare their own
 * requirements (the lesson-engine issue), doctor checks this fixed list.
 */
export const LESSON_PORTS: readonly number[] = [80, 8080, 5000];

export const LESSON_IMAGES: readonly string[] = [
  "hello-world:latest",
  "alpine:latest",
  "busybox:latest",
  "nginx:alpine",
  "nginx:latest",
  "registry:2",
];

/** Images with a shell that a probe container can run, best first. */
export const PROBE_IMAGES: readonly string[] = ["busybox:latest", "alpine:latest", "nginx:alpine", "nginx:latest"];
