import { bambooHrSimulator } from "./bamboohr";
import { gustoSimulator } from "./gusto";
import { hiBobSimulator } from "./hibob";
import { restSimulator } from "./rest";

/** Every simulator the CLI can start, one line per `src/<kind>/` folder, in start order. */
export const SIMULATOR_DEFINITIONS = [
  bambooHrSimulator,
  gustoSimulator,
  restSimulator,
  hiBobSimulator,
] as const;
