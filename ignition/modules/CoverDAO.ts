import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import GovernanceModule, { ROLES } from "./Governance.js";

/**
 * The whole DAO. Each domain module deploys its contracts and sets its function roles while the
 * deployer still administers the AccessManager; this module then makes the Timelock the only admin
 * and has the deployer renounce, so no deployer privilege remains.
 */
export default buildModule("CoverDAO", (m) => {
  const deployer = m.getAccount(0);
  const governance = m.useModule(GovernanceModule);
  const { manager, timelock } = governance;

  const grant = m.call(manager, "grantRole", [ROLES.ADMIN, timelock, 0], {
    id: "handAdminToTimelock",
    after: [GovernanceModule],
  });
  m.call(manager, "renounceRole", [ROLES.ADMIN, deployer], { id: "deployerRenouncesAdmin", after: [grant] });

  return { ...governance };
});
