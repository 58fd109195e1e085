/**
 * The risk-parameter registry: every parameter governance owns, by family, with its getter, its
 * setter(s), its unit and its bounds. Bounds come from the contracts' public constants (or the same
 * formula the contract applies), never from numbers typed here.
 *
 * The UI's proposal builder lists a family, shows each parameter's current value and bounds, and
 * builds the setter call; `proposal simulate` reads every parameter before and after. The pool and
 * claims modules add their families as entries in {PARAMETERS} (and roles in {ROLE_NAMES}).
 */
import { FunctionFragment, ZeroAddress } from "ethers";

import { type Chain, describeAddress, isContractName, readBigInt, readContract } from "./chain.js";
import { contractInterface } from "./contracts.js";
import { CONTRACT_NAMES, type ContractName } from "./deployment-schema.js";
import { type UnitSpec, formatUnit } from "./units.js";

export type ParameterFamily = "governance" | "staking" | "guardian" | "access" | "treasury";

/** Families in display order, with a line for the UI. */
export const FAMILIES: Record<ParameterFamily, string> = {
  governance: "Governor and Timelock: how proposals are made, passed and delayed",
  staking: "Staking vault: unstake cooldown and window, slashing",
  guardian: "Guardian roles: who may pause and cancel in an emergency",
  access: "Access: which role may call which restricted function",
  treasury: "Treasury: what the Timelock holds",
};

/** The unit of a parameter's value: an integer in a human unit, an address, or a list of lines. */
export type ParameterUnit = UnitSpec | { kind: "address" } | { kind: "list" };
export type ParameterValue = bigint | string | readonly string[];

/** A bound: a literal the contract also uses literally, a public constant, or the contract's formula. */
export type Bound = bigint | { constant: string } | ((chain: Chain) => Promise<bigint>);

/** A function that changes the parameter; `arg` is the argument carrying the new value. */
export interface SetterSpec {
  function: string;
  arg: string;
  /** Arguments that select this parameter, e.g. `{ roleId: "GUARDIAN_ROLE" }`. */
  fixed?: Record<string, string>;
}

export interface ParameterSpec {
  /** Unique key, `family.name`. */
  key: string;
  family: ParameterFamily;
  label: string;
  contract: ContractName;
  /** How it is read: a view function and, for a tuple result, the output's name. */
  getter:
    | { function: string; output?: string }
    | { describe: string; read: (chain: Chain) => Promise<ParameterValue> };
  setters: SetterSpec[];
  unit: ParameterUnit;
  bounds?: { min: Bound; max: Bound };
}

// ---------------------------------------------------------------------------------------- roles

/** AccessManager role constants the registry follows (pool/claims add theirs here). */
export const ROLE_NAMES = ["GUARDIAN_ROLE", "CLAIMS_ROLE", "COVER_ROLE"] as const;
export const ROLE_SOURCE: ContractName = "DAOAccessManager";

/** Every role constant of the AccessManager (`ADMIN_ROLE`, `PUBLIC_ROLE` and the DAO's `*_ROLE`). */
export async function roleIds(chain: Chain): Promise<Map<string, bigint>> {
  const iface = contractInterface(ROLE_SOURCE);
  const names: string[] = [];
  iface.forEachFunction((fragment) => {
    if (/_ROLE$/.test(fragment.name) && fragment.inputs.length === 0) names.push(fragment.name);
  });
  const ids = await Promise.all(names.map((name) => readBigInt(chain, ROLE_SOURCE, name)));
  return new Map(names.map((name, i) => [name, ids[i]]));
}

/** Current members of a role, from the AccessManager's grant events, checked with `hasRole`. */
export async function roleMembers(chain: Chain, roleName: string): Promise<string[]> {
  const roleId = (await roleIds(chain)).get(roleName);
  if (roleId === undefined) throw new Error(`${ROLE_SOURCE} has no role ${roleName}`);
  const iface = contractInterface(ROLE_SOURCE);
  const granted = iface.getEvent("RoleGranted");
  if (!granted) throw new Error(`${ROLE_SOURCE} has no RoleGranted event`);
  const logs = await chain.provider.getLogs({
    address: chain.deployment.contracts[ROLE_SOURCE],
    topics: [granted.topicHash, iface.encodeFilterTopics(granted, [roleId])[1]],
    fromBlock: chain.deployment.startBlock,
    toBlock: "latest",
  });
  const candidates = [...new Set(logs.map((log) => iface.parseLog(log)?.args.account as string))];
  const members: string[] = [];
  for (const account of candidates) {
    const [isMember] = await readContract(chain, ROLE_SOURCE, "hasRole", [roleId, account]);
    if (isMember) members.push(account);
  }
  return members.sort();
}

/** "StakingVault.lock(address,uint48) → CLAIMS_ROLE" for every restricted function not left to ADMIN. */
export async function functionRoles(chain: Chain): Promise<string[]> {
  const ids = await roleIds(chain);
  const nameOf = new Map([...ids].map(([name, id]) => [id, name]));
  const lines: string[] = [];
  for (const contract of CONTRACT_NAMES) {
    if (!isContractName(contract)) continue;
    const iface = contractInterface(contract);
    if (!iface.getFunction("authority")) continue;
    const fragments: FunctionFragment[] = [];
    iface.forEachFunction((f) => {
      if (!f.constant) fragments.push(f);
    });
    for (const fragment of fragments) {
      const role = await readBigInt(chain, ROLE_SOURCE, "getTargetFunctionRole", [
        chain.deployment.contracts[contract],
        fragment.selector,
      ]);
      if (role !== ids.get("ADMIN_ROLE")) {
        lines.push(`${contract}.${fragment.format("sighash")} → ${nameOf.get(role) ?? role}`);
      }
    }
  }
  return lines;
}

// ------------------------------------------------------------------------------------ registry

const DURATION: UnitSpec = { kind: "duration" };
const constant = (name: string): Bound => ({ constant: name });

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
    label: "Max slash per call (share of stake)",
    contract: "StakingVault",
    getter: { function: "parameters", output: "maxSlashBps" },
    setters: [{ function: "setMaxSlashBps", arg: "newBps" }],
    unit: { kind: "bps" },
    // The contract's own literal lower bound (`value == 0` reverts with min 1).
    bounds: { min: 1n, max: constant("MAX_SLASH_BPS_CEILING") },
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
  roleMembersParameter("access", "COVER_ROLE"),
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

/** The registry entry whose setter is `contract.fn`, if any (and the setter). */
export function parameterForSetter(
  contract: string,
  fn: string,
  args: Record<string, unknown> = {},
): { parameter: ParameterSpec; setter: SetterSpec } | undefined {
  for (const parameter of PARAMETERS) {
    if (parameter.contract !== contract) continue;
    for (const setter of parameter.setters) {
      if (setter.function !== fn) continue;
      const fixed = Object.entries(setter.fixed ?? {});
      if (fixed.every(([name, value]) => args[name] === undefined || args[name] === value)) {
        return { parameter, setter };
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------- reads

export async function readParameter(chain: Chain, parameter: ParameterSpec): Promise<ParameterValue> {
  const getter = parameter.getter;
  if ("read" in getter) return getter.read(chain);
  const result = await readContract(chain, parameter.contract, getter.function);
  const value: unknown = getter.output ? result.toObject()[getter.output] : result[0];
  if (typeof value === "bigint" || typeof value === "string") return value;
  throw new Error(`${parameter.key}: unexpected ${typeof value} from ${getter.function}`);
}

async function readBound(chain: Chain, parameter: ParameterSpec, bound: Bound): Promise<bigint> {
  if (typeof bound === "bigint") return bound;
  if (typeof bound === "function") return bound(chain);
  return readBigInt(chain, parameter.contract, bound.constant);
}

export async function readBounds(
  chain: Chain,
  parameter: ParameterSpec,
): Promise<{ min: bigint; max: bigint } | undefined> {
  if (!parameter.bounds) return undefined;
  const [min, max] = await Promise.all([
    readBound(chain, parameter, parameter.bounds.min),
    readBound(chain, parameter, parameter.bounds.max),
  ]);
  return { min, max };
}

/** A value in the parameter's unit: "7 days", "12.5%", "CoverTimelock (0x…)", one line per list item. */
export function formatParameter(chain: Chain, parameter: ParameterSpec, value: ParameterValue): string {
  const unit = parameter.unit;
  if (unit.kind === "list") {
    const items = value as readonly string[];
    return items.length === 0 ? "(none)" : items.map((item) => describeAddressOrText(chain, item)).join(", ");
  }
  if (unit.kind === "address") {
    return value === ZeroAddress ? "(none)" : describeAddress(chain.deployment, value as string);
  }
  return formatUnit(unit, value as bigint);
}

const describeAddressOrText = (chain: Chain, item: string): string =>
  /^0x[0-9a-fA-F]{40}$/.test(item) ? describeAddress(chain.deployment, item) : item;

export interface ParameterReading {
  parameter: ParameterSpec;
  value: ParameterValue;
  display: string;
  bounds?: { min: bigint; max: bigint; display: string };
}

/** Reads every registry parameter (optionally one family) with its bounds, for tables and the UI. */
export async function readAllParameters(chain: Chain, family?: ParameterFamily): Promise<ParameterReading[]> {
  const list = family ? parametersOf(family) : PARAMETERS;
  const readings: ParameterReading[] = [];
  for (const parameter of list) {
    const value = await readParameter(chain, parameter);
    const bounds = await readBounds(chain, parameter);
    const unit = parameter.unit;
    readings.push({
      parameter,
      value,
      display: formatParameter(chain, parameter, value),
      bounds:
        bounds && unit.kind !== "list" && unit.kind !== "address"
          ? { ...bounds, display: `${formatUnit(unit, bounds.min)} … ${formatUnit(unit, bounds.max)}` }
          : undefined,
    });
  }
  return readings;
}

/** Sanity check used by tests: every getter, setter and bound constant exists in the ABI. */
export function registryProblems(): string[] {
  const problems: string[] = [];
  for (const parameter of PARAMETERS) {
    const iface = contractInterface(parameter.contract);
    const getter = parameter.getter;
    if ("function" in getter && !iface.getFunction(getter.function)) {
      problems.push(`${parameter.key}: no getter ${parameter.contract}.${getter.function}`);
    }
    for (const setter of parameter.setters) {
      const fragment = iface.getFunction(setter.function);
      if (!fragment) problems.push(`${parameter.key}: no setter ${parameter.contract}.${setter.function}`);
      else if (!fragment.inputs.some((input) => input.name === setter.arg)) {
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
