import type { CommandDefinition } from "../../command.js";
import { nodeInspectCommand } from "./node-inspect.js";
import { nodeLsCommand } from "./node-ls.js";
import { nodeUpdateCommand } from "./node-update.js";
import { serviceCreateCommand } from "./service-create.js";
import { serviceInspectCommand } from "./service-inspect.js";
import { serviceLsCommand } from "./service-ls.js";
import { servicePsCommand } from "./service-ps.js";
import { serviceRmCommand } from "./service-rm.js";
import { serviceScaleCommand } from "./service-scale.js";
import { serviceUpdateCommand } from "./service-update.js";
import { stackDeployCommand } from "./stack-deploy.js";
import { stackLsCommand } from "./stack-ls.js";
import { stackPsCommand } from "./stack-ps.js";
import { stackRmCommand } from "./stack-rm.js";
import { stackServicesCommand } from "./stack-services.js";
import { swarmInitCommand } from "./swarm-init.js";
import { swarmJoinCommand } from "./swarm-join.js";
import { swarmJoinTokenCommand } from "./swarm-join-token.js";
import { swarmLeaveCommand } from "./swarm-leave.js";

/** docker swarm … / node … / service … / stack …: the swarm-mode part of the curriculum. */
export const swarmCommands: readonly CommandDefinition[] = [
  swarmInitCommand,
  swarmLeaveCommand,
  swarmJoinCommand,
  swarmJoinTokenCommand,
  nodeLsCommand,
  nodeInspectCommand,
  nodeUpdateCommand,
  serviceCreateCommand,
  serviceLsCommand,
  servicePsCommand,
  serviceScaleCommand,
  serviceUpdateCommand,
  serviceInspectCommand,
  serviceRmCommand,
  stackDeployCommand,
  stackLsCommand,
  stackServicesCommand,
  stackPsCommand,
  stackRmCommand,
];
