import type { NetworkConnection } from "hardhat/types/network";

import { apathy, bankRun, claimsCycle, correlatedClaims } from "./claims/index.js";
import { flashLoanVote, governanceCycle } from "./governance.js";
import { depegReplay } from "./replay.js";
import type { Report } from "./report.js";
import type { ScenarioOptions } from "./setup.js";
import { year } from "./year.js";

/** Every scenario by the name `npm run simulate -- <name>` takes. */
export const SCENARIOS: Record<string, (c: NetworkConnection, o: ScenarioOptions) => Promise<Report>> = {
  "governance-cycle": governanceCycle,
  "claims-cycle": claimsCycle,
  "correlated-claims": correlatedClaims,
  "bank-run": bankRun,
  "flash-loan-vote": flashLoanVote,
  apathy,
  year,
  "depeg-replay": depegReplay,
};
