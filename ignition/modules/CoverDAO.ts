import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { buildClaimsModule } from "./Claims.js";
import GovernanceModule, { ROLES } from "./Governance.js";
import { type AssetSource, buildPoolModule } from "./Pool.js";

const modules = new Map<AssetSource, ReturnType<typeof defineCoverDAOModule>>();

/** The whole-DAO module for an asset source: `local` tokens or real ones named by the Pool parameters. */
export function buildCoverDAOModule(source: AssetSource) {
  let module = modules.get(source);
  if (!module) {
    module = defineCoverDAOModule(source);
    modules.set(source, module);
  }
  return module;
}

/**
 * The whole DAO. Each domain module deploys its contracts and sets its function roles while the
 * deployer still administers the AccessManager; this module then makes the Timelock the only admin
 * and has the deployer renounce, so no deployer privilege remains.
 */
function defineCoverDAOModule(source: AssetSource) {
  return buildModule("CoverDAO", (m) => {
    const deployer = m.getAccount(0);
    const governance = m.useModule(GovernanceModule);
    const PoolModule = buildPoolModule(source);
    const pool = m.useModule(PoolModule);
    const ClaimsModule = buildClaimsModule(source);
    const claims = m.useModule(ClaimsModule);
    const { manager, timelock } = governance;

    const grant = m.call(manager, "grantRole", [ROLES.ADMIN, timelock, 0], {
      id: "handAdminToTimelock",
      after: [GovernanceModule, PoolModule, ClaimsModule],
    });
    m.call(manager, "renounceRole", [ROLES.ADMIN, deployer], {
      id: "deployerRenouncesAdmin",
      after: [grant],
    });

    // Stateless read batcher for the UI and the scripts (no roles, no funds).
    const multicall = m.contract("Multicall");

    return { ...governance, ...pool, ...claims, multicall };
  });
}

/** Local chains: the Pool module deploys local tokens and a settable price feed. */
export default buildCoverDAOModule("local");
