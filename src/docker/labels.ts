// The labels the tutor puts on what it makes for itself: whatever carries them is never the learner's.

/** Every resource the tutor makes for itself carries this label. */
export const TUTOR_LABEL = "docker-tutor.owner";
/** Why the tutor made it (`env`, `env-probe`, a check's probe); the lesson engine ignores events of what carries it. */
export const PURPOSE_LABEL = "docker-tutor.purpose";
/** Every container, volume and network of a multi-node playground carries this label, valued with its name. */
export const ENV_LABEL = "docker-tutor.env";
/** A playground node's container: which node it is (`node1`). */
export const NODE_LABEL = "docker-tutor.env.node";
