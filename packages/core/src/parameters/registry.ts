/**
 * The registry: every parameter governance owns (the governance, staking, guardian, access and treasury
 * families here; pools, cover and claims from their files), lookups by family and by setter, and the check
 * that every getter, setter and bound constant exists in the ABI.
 */
import type { FunctionFragment } from "ethers";
import { type Chain, readBigInt } from "../rpc/chain.js";
import { contractInterface } from "../rpc/contracts.js";
import { POOL_NAMES } from "../domain/pools.js";
import { CLAIMS_PARAMETERS } from "./claims.js";
import { COVER_PARAMETERS } from "./cover.js";
import { POOL_LABELS, poolParameters } from "./pools.js";
import { ROLE_NAMES, ROLE_SOURCE, functionRoles, roleMembers } from "./roles.js";
import { DURATION, type ParameterFamily, type ParameterSpec, type SetterSpec, constant } from "./types.js";

/** The Governor's proposal-threshold ceiling: `getPastTotalSupply(clock - 1) * MAX_THRESHOLD_BPS / 10_000`. */
const thresholdCeiling = async (chain: Chain): Promise<bigint> => {
  const block = await chain.provider.getBlock("latest");
  if (!block) throw new Error("no latest block");
  const supply = await readBigInt(chain, "GovernanceToken", "getPastTotalSupply", [block.timestamp - 1]);
  const bps = await readBigInt(chain, "CoverGovernor", "MAX_THRESHOLD_BPS");
  return (supply * bps) / 10_000n;
};

const roleMembersParameter = (
  family: ParameterFamily,
  roleName: (typeof ROLE_NAMES)[number],
): ParameterSpec => ({
  key: `${family}.${roleName}`,
  family,
  label: `Members of ${roleName}`,
  contract: ROLE_SOURCE,
  getter: {
    describe: `RoleGranted events + hasRole(${roleName}, account)`,
    read: (chain) => roleMembers(chain, roleName),
  },
  setters: [
    { function: "grantRole", arg: "account", fixed: { roleId: roleName } },
    { function: "revokeRole", arg: "account", fixed: { roleId: roleName } },
  ],
  unit: { kind: "list" },
});
export const PARAMETERS: readonly ParameterSpec[] = [
  {
    key: "governance.votingDelay",
    family: "governance",
    label: "Voting delay",
    contract: "CoverGovernor",
    getter: { function: "votingDelay" },
    setters: [{ function: "setVotingDelay", arg: "newVotingDelay" }],
    unit: DURATION,
    bounds: { min: constant("MIN_VOTING_DELAY"), max: constant("MAX_VOTING_DELAY") },
  },
  {
    key: "governance.votingPeriod",
    family: "governance",
    label: "Voting period",
    contract: "CoverGovernor",
    getter: { function: "votingPeriod" },
    setters: [{ function: "setVotingPeriod", arg: "newVotingPeriod" }],
    unit: DURATION,
    bounds: { min: constant("MIN_VOTING_PERIOD"), max: constant("MAX_VOTING_PERIOD") },
  },
  {
    key: "governance.proposalThreshold",
    family: "governance",
    label: "Proposal threshold",
    contract: "CoverGovernor",
    getter: { function: "proposalThreshold" },
    setters: [{ function: "setProposalThreshold", arg: "newProposalThreshold" }],
    unit: { kind: "token", symbol: "COVER" },
    bounds: { min: 0n, max: thresholdCeiling },
  },
  {
    key: "governance.quorum",
    family: "governance",
    label: "Quorum (share of total votes)",
    contract: "CoverGovernor",
    getter: { function: "quorumNumerator()" },
    setters: [{ function: "updateQuorumNumerator", arg: "newQuorumNumerator" }],
    unit: { kind: "percent" },
    bounds: { min: constant("MIN_QUORUM_PERCENT"), max: constant("MAX_QUORUM_PERCENT") },
  },
  {
    key: "governance.lateQuorumExtension",
    family: "governance",
    label: "Late-quorum vote extension",
    contract: "CoverGovernor",
    getter: { function: "lateQuorumVoteExtension" },
    setters: [{ function: "setLateQuorumVoteExtension", arg: "newVoteExtension" }],
    unit: DURATION,
    bounds: { min: constant("MIN_LATE_QUORUM_EXTENSION"), max: constant("MAX_LATE_QUORUM_EXTENSION") },
  },
  {
    key: "governance.proposalGuardian",
    family: "governance",
    label: "Proposal guardian (may cancel)",
    contract: "CoverGovernor",
    getter: { function: "proposalGuardian" },
    setters: [{ function: "setProposalGuardian", arg: "newProposalGuardian" }],
    unit: { kind: "address" },
  },
  {
    key: "governance.timelockDelay",
    family: "governance",
    label: "Timelock delay",
    contract: "CoverTimelock",
    getter: { function: "getMinDelay" },
    setters: [{ function: "updateDelay", arg: "newDelay" }],
    unit: DURATION,
    bounds: { min: constant("MIN_DELAY_FLOOR"), max: constant("MAX_DELAY_CEILING") },
  },
  {
    key: "staking.unstakeCooldown",
    family: "staking",
    label: "Unstake cooldown",
    contract: "StakingVault",
    getter: { function: "parameters", output: "cooldown" },
    setters: [{ function: "setUnstakeCooldown", arg: "newCooldown" }],
    unit: DURATION,
    bounds: { min: constant("MIN_COOLDOWN"), max: constant("MAX_COOLDOWN") },
  },
  {
    key: "staking.unstakeWindow",
    family: "staking",
    label: "Withdrawal window",
    contract: "StakingVault",
    getter: { function: "parameters", output: "window" },
    setters: [{ function: "setUnstakeWindow", arg: "newWindow" }],
    unit: DURATION,
    bounds: { min: constant("MIN_WINDOW"), max: constant("MAX_WINDOW") },
  },
  {
    key: "staking.maxSlash",
    family: "staking",
    label: "Max slash per slash window (share of stake)",
    contract: "StakingVault",
    getter: { function: "parameters", output: "maxSlashBps" },
    setters: [{ function: "setMaxSlashBps", arg: "newBps" }],
    unit: { kind: "bps" },
    // The contract's own literal lower bound (`value == 0` reverts with min 1).
    bounds: { min: 1n, max: constant("MAX_SLASH_BPS_CEILING") },
  },
  {
    key: "staking.slashWindow",
    family: "staking",
    label: "Slash window (slashes within it share one bound)",
    contract: "StakingVault",
    getter: { function: "slashWindow" },
    setters: [{ function: "setSlashWindow", arg: "newWindow" }],
    unit: DURATION,
    bounds: { min: constant("MIN_SLASH_WINDOW"), max: constant("MAX_SLASH_WINDOW") },
  },
  {
    key: "staking.slashRecipient",
    family: "staking",
    label: "Slash recipient",
    contract: "StakingVault",
    getter: { function: "parameters", output: "slashRecipient" },
    setters: [{ function: "setSlashRecipient", arg: "newRecipient" }],
    unit: { kind: "address" },
  },
  roleMembersParameter("guardian", "GUARDIAN_ROLE"),
  roleMembersParameter("access", "CLAIMS_ROLE"),
  {
    key: "access.CoverBook.claimsModule",
    family: "access",
    label: "Claims module allowed to pay covers out (CoverBook)",
    contract: "CoverBook",
    getter: { function: "claimsModule" },
    setters: [{ function: "setClaimsModule", arg: "newModule" }],
    unit: { kind: "address" },
  },
  ...POOL_NAMES.map((pool): ParameterSpec => ({
    key: `access.${pool}.coverBook`,
    family: "access",
    label: `${POOL_LABELS[pool]}: cover book allowed to reserve capital and pay claims`,
    contract: pool,
    getter: { function: "coverBook" },
    setters: [{ function: "setCoverBook", arg: "newCoverBook" }],
    unit: { kind: "address" },
  })),
  {
    key: "access.functionRoles",
    family: "access",
    label: "Restricted functions open to a role",
    contract: ROLE_SOURCE,
    getter: {
      describe: "getTargetFunctionRole(target, selector) for each AccessManaged function",
      read: functionRoles,
    },
    setters: [{ function: "setTargetFunctionRole", arg: "roleId" }],
    unit: { kind: "list" },
  },
  ...POOL_NAMES.flatMap(poolParameters),
  ...COVER_PARAMETERS,
  ...CLAIMS_PARAMETERS,
  {
    key: "treasury.COVER",
    family: "treasury",
    label: "COVER held by the Timelock",
    contract: "GovernanceToken",
    getter: {
      describe: "GovernanceToken.balanceOf(CoverTimelock)",
      read: (chain) =>
        readBigInt(chain, "GovernanceToken", "balanceOf", [chain.deployment.contracts.CoverTimelock]),
    },
    setters: [{ function: "transfer", arg: "value" }],
    unit: { kind: "token", symbol: "COVER" },
  },
  {
    key: "treasury.ETH",
    family: "treasury",
    label: "ETH held by the Timelock",
    contract: "CoverTimelock",
    getter: {
      describe: "eth_getBalance(CoverTimelock)",
      read: (chain) => chain.provider.getBalance(chain.deployment.contracts.CoverTimelock),
    },
    setters: [],
    unit: { kind: "token", symbol: "ETH" },
  },
];

export function parametersOf(family: ParameterFamily): ParameterSpec[] {
  return PARAMETERS.filter((p) => p.family === family);
}

/**
 * Every registry entry that `contract.fn` sets, with the setter (one call may set several: `setPremiumShares`
 * sets both shares, `updateProduct` every product field). `args`, when given, must agree with `fixed`.
 */
export function parametersForSetter(
  contract: string,
  fn: string,
  args: Record<string, unknown> = {},
): { parameter: ParameterSpec; setter: SetterSpec }[] {
  const matches: { parameter: ParameterSpec; setter: SetterSpec }[] = [];
  for (const parameter of PARAMETERS) {
    if (parameter.contract !== contract) continue;
    for (const setter of parameter.setters) {
      if (setter.function !== fn) continue;
      const fixed = Object.entries(setter.fixed ?? {});
      if (fixed.every(([name, value]) => args[name] === undefined || args[name] === value)) {
        matches.push({ parameter, setter });
        break;
      }
    }
  }
  return matches;
}

/** The first registry entry whose setter is `contract.fn`, if any (and the setter). */
export function parameterForSetter(
  contract: string,
  fn: string,
  args: Record<string, unknown> = {},
): { parameter: ParameterSpec; setter: SetterSpec } | undefined {
  return parametersForSetter(contract, fn, args)[0];
}

/** Sanity check used by tests: every getter, setter and bound constant exists in the ABI. */
export function registryProblems(): string[] {
  const problems: string[] = [];
  for (const parameter of PARAMETERS) {
    const iface = contractInterface(parameter.contract);
    const getter = parameter.getter;
    if ("function" in getter) {
      const fragment = iface.getFunction(getter.function);
      if (!fragment) problems.push(`${parameter.key}: no getter ${parameter.contract}.${getter.function}`);
      else if (fragment.inputs.length !== (parameter.index ? 1 : 0)) {
        problems.push(
          `${parameter.key}: getter ${getter.function} takes ${fragment.inputs.length} arguments`,
        );
      }
    }
    for (const setter of parameter.setters) {
      const fragment = iface.getFunction(setter.function);
      if (!fragment) problems.push(`${parameter.key}: no setter ${parameter.contract}.${setter.function}`);
      else if (!hasArgument(fragment, setter.arg)) {
        problems.push(`${parameter.key}: ${setter.function} has no argument ${setter.arg}`);
      }
    }
    for (const bound of Object.values(parameter.bounds ?? {})) {
      if (typeof bound === "object" && !iface.getFunction(bound.constant)) {
        problems.push(`${parameter.key}: no constant ${parameter.contract}.${bound.constant}`);
      }
    }
  }
  return problems;
}

/** Whether `fragment` has the argument or struct field at `path` (`params.baseRateBps`). */
function hasArgument(fragment: FunctionFragment, path: string): boolean {
  const [name, ...fields] = path.split(".");
  let param = fragment.inputs.find((input) => input.name === name);
  for (const field of fields) param = param?.components?.find((c) => c.name === field);
  return param !== undefined;
}
