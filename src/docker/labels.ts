/** The label every resource the tutor makes for itself carries. */
export const TUTOR_LABEL = "docker-tutor.owner";
