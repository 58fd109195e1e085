/**
 * Generic, ABI-driven reads against a deployment: call any view function of a known contract by name.
 * The parameter registry and the proposal resolver use it so that a new contract is an entry in
 * {CONTRACT_NAMES}/{FACTORIES}, not new code.
 */
import type { Provider, Result } from "ethers";

import { FACTORIES, contractInterface } from "./contracts.js";
import { CONTRACT_NAMES, type ContractName, type Deployment } from "../deployment/schema.js";

/** A deployment and a provider to read it through. */
export interface Chain {
  deployment: Deployment;
  provider: Provider;
}

/**
 * A provider that also takes raw JSON-RPC (snapshots, impersonation, time travel): both ethers'
 * JsonRpcProvider and Hardhat's in-process provider fit.
 */
export interface RpcProvider extends Provider {
  send(method: string, params: unknown[]): Promise<unknown>;
}

export function isContractName(name: string): name is ContractName {
  return (CONTRACT_NAMES as readonly string[]).includes(name) && name in FACTORIES;
}

export function addressOf(chain: Chain, name: ContractName): string {
  return chain.deployment.contracts[name];
}

/** Calls the view function `fn` of contract `name` and decodes its result. */
export async function readContract(
  chain: Chain,
  name: ContractName,
  fn: string,
  args: readonly unknown[] = [],
): Promise<Result> {
  const iface = contractInterface(name);
  const data = iface.encodeFunctionData(fn, args);
  const raw = await chain.provider.call({ to: addressOf(chain, name), data });
  return iface.decodeFunctionResult(fn, raw);
}

/** The first (or only) output of a view function as a bigint. */
export async function readBigInt(
  chain: Chain,
  name: ContractName,
  fn: string,
  args: readonly unknown[] = [],
): Promise<bigint> {
  const [value] = await readContract(chain, name, fn, args);
  return BigInt(value as bigint);
}

/** The deployment name of an address, if it is one of the deployment's contracts or accounts. */
export function nameOfAddress(deployment: Deployment, address: string): string | undefined {
  const lower = address.toLowerCase();
  for (const [name, value] of Object.entries(deployment.contracts)) {
    if (value.toLowerCase() === lower) return name;
  }
  for (const [name, value] of Object.entries(deployment.accounts)) {
    if (value.toLowerCase() === lower) return name;
  }
  return undefined;
}

/**
 * The address of the deployment's account `name` (`alice`, `Guardian`: case does not matter), or undefined.
 * `npm start` records the demo's named accounts; a deploy records the guardian.
 */
export function accountByName(deployment: Deployment, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.entries(deployment.accounts).find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** "CoverTimelock (0x1234…)" or the bare address. */
export function describeAddress(deployment: Deployment, address: string): string {
  const name = nameOfAddress(deployment, address);
  return name ? `${name} (${address})` : address;
}
