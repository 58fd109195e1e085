/** What every part of the development hub shares: its options resolved to values, its store and its clock. */
import { type Provider, formatUnits } from "ethers";

import { GovernanceToken__factory } from "../../../../../types/ethers-contracts/index.js";
import type { HubOptions, ProposalState } from "../hub.js";
import { type SpaceSettings, VOTES_STRATEGY } from "../space.js";
import { HubStore, type StoredProposal } from "../store.js";

/** A refusal with the sequencer's wording; `status` is the HTTP status. */
export class HubError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "HubError";
  }
}

/** {@link HubOptions} with every default applied. */
export interface HubContext {
  space: string;
  settings: SpaceSettings;
  provider: Provider;
  store: HubStore;
  /** The hub's clock, Unix seconds. */
  now: () => Promise<number>;
  maxAge: number;
  maxFuture: number;
  maxEnvelopeBytes: number;
  maxBodyLength: number;
  minProposalPower: number;
  /** Wei of the space's token to tokens (the strategy's decimals). */
  toTokens: (wei: bigint) => number;
}

/** Opens the store and applies the defaults; throws if the space uses a strategy the hub cannot run. */
export function hubContext(options: HubOptions): HubContext {
  const store = new HubStore(options.database);
  const clock = options.now ?? (() => Math.floor(Date.now() / 1000));
  const { settings, provider } = options;
  for (const strategy of settings.strategies) {
    if (strategy.name !== VOTES_STRATEGY) throw new Error(`The dev hub cannot run strategy ${strategy.name}`);
  }
  const decimals = settings.strategies[0]?.params.decimals ?? 18;
  return {
    space: options.space,
    settings,
    provider,
    store,
    now: async () => clock(),
    maxAge: options.maxAge ?? 300,
    maxFuture: options.maxFuture ?? 300,
    maxEnvelopeBytes: options.maxEnvelopeBytes ?? 100_000,
    maxBodyLength: options.maxBodyLength ?? 10_000,
    minProposalPower: options.minProposalPower ?? settings.validation?.params.minScore ?? 0,
    toTokens: (wei) => Number(formatUnits(wei, decimals)),
  };
}

/** A proposal's state at hub time `t`. */
export function stateOf(p: StoredProposal, t: number): ProposalState {
  return t < p.start ? "pending" : t > p.end ? "closed" : "active";
}

/** Voting power (wei per strategy) of `address` at `block`, with the space's strategies. */
export async function votingPowerAt(
  strategies: StoredProposal["strategies"],
  provider: Provider,
  address: string,
  block: number,
): Promise<bigint[]> {
  return Promise.all(
    strategies.map(async (strategy) => {
      if (strategy.name !== VOTES_STRATEGY) throw new HubError(`unsupported strategy ${strategy.name}`);
      const token = GovernanceToken__factory.connect(String(strategy.params.address), provider);
      return token.getVotes(address, { blockTag: block });
    }),
  );
}
