import type { GasScenario } from "@coverdao/core/node";
import claims from "./claims.js";
import governance from "./governance.js";
import pool from "./pool.js";

/** Every measured domain; a new domain adds its scenario here. */
export const GAS_SCENARIOS: GasScenario[] = [governance, pool, claims];
