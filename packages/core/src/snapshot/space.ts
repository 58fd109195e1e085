/**
 * Snapshot space settings generated from a deployment, so that off-chain temperature checks count the
 * same voting power, over the same delays, against the same quorum as the on-chain Governor.
 */
import { type ContractRunner, type Provider, formatUnits } from "ethers";

import { connectDAO } from "../rpc/contracts.js";
import { type Deployment, readDeployment } from "../deployment/file.js";
import { snapshot } from "./snapshotjs.js";

/** The one strategy the DAO uses; see {@link buildSpaceSettings} for why one suffices. */
export const VOTES_STRATEGY = "erc20-votes";

export interface SpaceStrategy {
  name: string;
  network: string;
  params: { address: string; symbol: string; decimals: number };
}

/** The subset of Snapshot's space settings this toolkit writes (snapshot.js `schemas.space`). */
export interface SpaceSettings {
  name: string;
  about: string;
  network: string;
  symbol: string;
  strategies: SpaceStrategy[];
  /** Who may create a proposal: at least `minScore` voting power (the Governor's proposal threshold). */
  validation: { name: "basic"; params: { minScore: number } };
  voting: {
    /** Seconds between creation and the start of voting (the Governor's votingDelay). */
    delay: number;
    /** Seconds of voting (the Governor's votingPeriod). */
    period: number;
    /**
     * Absolute voting power, in tokens: quorum fraction × total supply. Hubs count every vote towards it (the
     * public hub's rule for a space without `quorumType`; the dev hub follows it), while the Governor counts
     * For + Abstain: see `QUORUM_RULES` and docs/snapshot.md.
     */
    quorum: number;
    type: "basic";
  };
  admins: string[];
  members: string[];
}

/** Chain ids of development chains, which Snapshot's public network list does not carry. */
export const LOCAL_CHAIN_IDS: readonly number[] = [31337, 1337];

export interface SpaceOptions {
  /** Snapshot network id (default: the deployment's chain id). */
  network?: string;
  name?: string;
  about?: string;
  admins?: string[];
}

/**
 * Reads the Governor's settings and the token's supply from the chain and turns them into space
 * settings. Snapshot measures delay and period in seconds and quorum in tokens; the Governor runs on a
 * timestamp clock (EIP-6372, seconds) with a quorum fraction of the total supply, which is fixed (no
 * minter), so the conversion is exact up to Snapshot's floating-point token amounts.
 *
 * Quorum: no space setting makes the public hub count as the Governor (For + Abstain): it counts every vote for
 * an off-chain space, and its only `quorumType` ("rejection") counts Against alone. The settings keep the
 * default, the dev hub counts the same way, and the results report the Governor's count beside it, so a check
 * that reaches quorum only thanks to Against votes says that the same votes would fall short on chain.
 *
 * Voting power: a single `erc20-votes` strategy reading `GovernanceToken.getVotes(voter)` at the
 * proposal's snapshot block. It suffices because the token already counts held + staked tokens
 * (`_getVotingUnits`) and moves them with delegation, exactly the power the Governor reads with
 * `getPastVotes`. Adding an `erc20-balance-of` strategy for held tokens and another for the vault's
 * stakes would count staked tokens twice (they are also in the voter's votes) and ignore delegation.
 */
export async function buildSpaceSettings(
  deployment: Deployment,
  runner: ContractRunner,
  options: SpaceOptions = {},
): Promise<SpaceSettings> {
  const dao = connectDAO(deployment, runner);
  const token = dao.GovernanceToken;
  const governor = dao.CoverGovernor;
  const [symbol, decimals, supply, delay, period, numerator, denominator, threshold] = await Promise.all([
    token.symbol(),
    token.decimals(),
    token.totalSupply(),
    governor.votingDelay(),
    governor.votingPeriod(),
    governor["quorumNumerator()"](),
    governor.quorumDenominator(),
    governor.proposalThreshold(),
  ]);
  const network = options.network ?? String(deployment.chainId);
  const tokens = (wei: bigint): number => Number(formatUnits(wei, decimals));
  return {
    name: options.name ?? "CoverDAO",
    about: options.about ?? "Temperature checks of the CoverDAO coverage pool, before on-chain proposals.",
    network,
    symbol,
    strategies: [
      {
        name: VOTES_STRATEGY,
        network,
        params: { address: deployment.contracts.GovernanceToken, symbol, decimals: Number(decimals) },
      },
    ],
    validation: { name: "basic", params: { minScore: tokens(threshold) } },
    voting: {
      delay: Number(delay),
      period: Number(period),
      quorum: tokens((supply * numerator) / denominator),
      type: "basic",
    },
    admins: options.admins ?? [],
    members: [],
  };
}

export interface SpaceValidation {
  ok: boolean;
  /** snapshot.js's own messages, prefixed with the field they concern. */
  errors: string[];
  /** Accepted departures from the public schema (a local chain id), in words. */
  notes: string[];
}

interface SchemaError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Validates settings with snapshot.js's `utils.validateSchema(schemas.space, ...)`. The only error
 * tolerated is "network not allowed" for a local development chain (31337, 1337): Snapshot's network
 * list has no local chain, and such a space can only live on the development hub; it is reported in
 * `notes`. Set `strict` to refuse it too.
 */
export function validateSpaceSettings(settings: unknown, strict = false): SpaceValidation {
  const result = snapshot.utils.validateSchema(snapshot.schemas.space, settings);
  const problems: SchemaError[] = result === true ? [] : ((result ?? []) as SchemaError[]);
  const errors: string[] = [];
  const notes: string[] = [];
  const network = (settings as { network?: unknown } | null)?.network;
  const local = LOCAL_CHAIN_IDS.map(String).includes(String(network));
  for (const problem of problems) {
    const text = `${problem.instancePath || "(root)"}: ${problem.message ?? problem.keyword}`;
    if (!strict && local && problem.keyword === "snapshotNetwork") {
      notes.push(`${text} (chain ${network} is a local chain: for the development hub only)`);
    } else {
      errors.push(text);
    }
  }
  return { ok: errors.length === 0, errors, notes: [...new Set(notes)] };
}

/** Throws with snapshot.js's messages when the settings are invalid. */
export function assertValidSpaceSettings(settings: unknown, strict = false): SpaceValidation {
  const validation = validateSpaceSettings(settings, strict);
  if (!validation.ok) {
    throw new Error(`Snapshot space settings are invalid:\n  ${validation.errors.join("\n  ")}`);
  }
  return validation;
}

/** Settings for the deployment on `provider`'s chain (`deployments/<chainId>.json`), validated. */
export async function spaceSettingsFor(
  provider: Provider,
  options: SpaceOptions = {},
): Promise<SpaceSettings> {
  const { chainId } = await provider.getNetwork();
  const settings = await buildSpaceSettings(readDeployment(chainId), provider, options);
  assertValidSpaceSettings(settings);
  return settings;
}
