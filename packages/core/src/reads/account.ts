/**
 * One account's balances, votes, stake and cover, in one batch.
 */
import type { Provider } from "ethers";
import { GovernanceToken__factory, StakingVault__factory } from "../../../../types/ethers-contracts/index.js";
import { blockInfoCall, readCall, readMany, reader } from "../rpc/batch.js";
import type { Deployment } from "../deployment/schema.js";

/** An account's governance position in one batch: tokens, votes, delegate, stake, unstake request and lock. */
export interface AccountView {
  address: string;
  balance: bigint;
  votes: bigint;
  delegate: string;
  stake: bigint;
  totalStake: bigint;
  unstake: { amount: bigint; readyAt: bigint; expiresAt: bigint };
  lockedUntil: bigint;
  staking: { cooldown: bigint; window: bigint };
  ethBalance?: bigint;
  blockNumber: number;
  timestamp: bigint;
  roundTrips: number;
}

export async function readAccount(
  provider: Provider,
  deployment: Deployment,
  account: string,
): Promise<AccountView> {
  const r = reader(provider, deployment);
  const { GovernanceToken: token, StakingVault: vault } = deployment.contracts;
  const tokenInterface = GovernanceToken__factory.createInterface();
  const vaultInterface = StakingVault__factory.createInterface();
  const calls = [
    readCall(tokenInterface, token, "balanceOf", [account]),
    readCall(tokenInterface, token, "getVotes", [account]),
    readCall(tokenInterface, token, "delegates", [account]),
    readCall(vaultInterface, vault, "stakeOf", [account]),
    readCall(vaultInterface, vault, "totalStake"),
    readCall(vaultInterface, vault, "unstakeRequest", [account]),
    readCall(vaultInterface, vault, "lockedUntil", [account]),
    readCall(vaultInterface, vault, "parameters"),
  ];
  const clockCall = blockInfoCall(deployment);
  const [results, block] = await Promise.all([
    readMany(r, clockCall ? [...calls, clockCall] : calls),
    clockCall ? undefined : provider.getBlock("latest"),
  ]);
  const big = (i: number, k = 0): bigint => BigInt(results[i]?.[k] ?? 0n);
  const request = results[5]?.[0] as { amount: bigint; readyAt: bigint; expiresAt: bigint } | undefined;
  const params = results[7];
  const info = clockCall ? results[calls.length] : undefined;
  return {
    address: account,
    balance: big(0),
    votes: big(1),
    delegate: String(results[2]?.[0] ?? "0x0000000000000000000000000000000000000000"),
    stake: big(3),
    totalStake: big(4),
    unstake: {
      amount: BigInt(request?.amount ?? 0n),
      readyAt: BigInt(request?.readyAt ?? 0n),
      expiresAt: BigInt(request?.expiresAt ?? 0n),
    },
    lockedUntil: big(6),
    staking: { cooldown: BigInt(params?.[0] ?? 0n), window: BigInt(params?.[1] ?? 0n) },
    blockNumber: info ? Number(info[0]) : (block?.number ?? 0),
    timestamp: info ? BigInt(info[1]) : BigInt(block?.timestamp ?? 0),
    roundTrips: r.roundTrips,
  };
}
