/**
 * The one batch transport of the core's reads. Many view calls go out as one `eth_call` to the deployment's
 * {Multicall} (`aggregate3`), and a round trip's requests (calls, logs, the latest block) as ONE JSON-RPC batch:
 * over HTTP a single `fetch` when the provider is an {HttpRpcProvider} (which knows its endpoint), otherwise
 * the provider's `send`, concurrently (ethers' JsonRpcProvider batches concurrent requests itself). Without a
 * Multicall in the deployment each call is its own `eth_call` in the same batch.
 */
import type { Provider, Result, Interface } from "ethers";

import { Multicall__factory } from "../../../../types/ethers-contracts/index.js";
import { type Deployment, optionalContract } from "../deployment/schema.js";
import type { RpcProvider } from "./chain.js";
import { endpointOf } from "./provider.js";

/** One view call, with the decoder of its result. */
export interface ReadCall {
  target: string;
  data: string;
  decode: (data: string) => Result;
}

/** A view call of `fn` on `target` through `iface`. */
export function readCall(
  iface: Interface,
  target: string,
  fn: string,
  args: readonly unknown[] = [],
): ReadCall {
  return {
    target,
    data: iface.encodeFunctionData(fn, args),
    decode: (data) => iface.decodeFunctionResult(fn, data),
  };
}

/** Where reads go, and how many round trips they have cost so far (a benchmark and test figure). */
export interface Reader {
  provider: Provider;
  deployment: Deployment;
  /** Sequential JSON-RPC exchanges made through this reader (concurrent requests count once). */
  roundTrips: number;
}

export function reader(provider: Provider, deployment: Deployment): Reader {
  return { provider, deployment, roundTrips: 0 };
}

/** Calls per `aggregate3`: keeps each `eth_call` far below a node's gas cap. */
export const CALLS_PER_BATCH = 250;

const multicallInterface = Multicall__factory.createInterface();

/**
 * Makes every call in one round trip; a call that reverts yields `undefined` (its revert is not an error
 * of the batch). Calls beyond {CALLS_PER_BATCH} go out as further `aggregate3` calls in the same round trip
 * ({exchange}: the one Multicall path).
 */
export async function readMany(r: Reader, calls: readonly ReadCall[]): Promise<(Result | undefined)[]> {
  if (calls.length === 0) return [];
  return (await exchange(r, calls)).results;
}

/** The chain's clock as one more call of a batch (needs the Multicall; otherwise read separately). */
export function blockInfoCall(deployment: Deployment): ReadCall | undefined {
  const multicall = optionalContract(deployment, "Multicall");
  return multicall ? readCall(multicallInterface, multicall, "blockInfo") : undefined;
}

export interface RpcRequest {
  method: string;
  params: unknown[];
}
export interface RpcAnswer {
  result?: unknown;
  error?: string;
}

export const hex = (n: number | bigint): string => `0x${n.toString(16)}`;

/**
 * Sends `requests` as ONE JSON-RPC batch: over HTTP a single `fetch` with an array body, otherwise the
 * provider's `send` concurrently (ethers' JsonRpcProvider batches concurrent requests itself). Each answer
 * keeps its own error, so a reverting `eth_call` does not fail the others.
 */
export async function rpcBatch(provider: Provider, requests: readonly RpcRequest[]): Promise<RpcAnswer[]> {
  if (requests.length === 0) return [];
  const url = endpointOf(provider);
  if (url) {
    type Item = { id?: number; result?: unknown; error?: { message?: string } };
    const post = async (body: unknown): Promise<unknown> => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return response.json();
    };
    const answerOf = (item: Item | undefined): RpcAnswer =>
      item?.error
        ? { error: item.error.message ?? "JSON-RPC error" }
        : item && "result" in item
          ? { result: item.result }
          : { error: "no answer" };
    const body = await post(requests.map((request, id) => ({ jsonrpc: "2.0", id, ...request })));
    if (!Array.isArray(body)) {
      // An endpoint that refuses batches: the same requests one by one, concurrently.
      return Promise.all(
        requests.map(async (request) =>
          answerOf((await post({ jsonrpc: "2.0", id: 0, ...request })) as Item),
        ),
      );
    }
    const byId = new Map((body as Item[]).map((item) => [item.id, item]));
    return requests.map((_, id) => answerOf(byId.get(id)));
  }
  const send = (provider as Partial<RpcProvider>).send;
  if (typeof send !== "function") throw new Error("the provider takes no raw JSON-RPC requests");
  return Promise.all(
    requests.map(async ({ method, params }): Promise<RpcAnswer> => {
      try {
        return { result: await send.call(provider, method, params) };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

/**
 * One round trip: view `calls` (through the Multicall when the deployment has one) and further raw
 * requests, in a single JSON-RPC batch. A reverting call yields `undefined`. Calls run at the latest block:
 * pinning a page's reads to the block number of its first round trip would be more consistent, but
 * load-balanced public endpoints answer "header not found" for a block one of their nodes has not seen yet.
 * The index only grows, so a range of it read a block later still holds the same proposals.
 */
export async function exchange(
  r: Reader,
  calls: readonly ReadCall[],
  extra: readonly RpcRequest[] = [],
): Promise<{ results: (Result | undefined)[]; extra: RpcAnswer[] }> {
  r.roundTrips++;
  const multicall = optionalContract(r.deployment, "Multicall");
  const chunks: ReadCall[][] = [];
  const step = multicall ? CALLS_PER_BATCH : 1;
  for (let i = 0; i < calls.length; i += step) chunks.push(calls.slice(i, i + step));
  const callRequests = chunks.map((chunk): RpcRequest => ({
    method: "eth_call",
    params: [
      multicall
        ? {
            to: multicall,
            data: multicallInterface.encodeFunctionData("aggregate3", [
              chunk.map((call) => ({ target: call.target, allowFailure: true, callData: call.data })),
            ]),
          }
        : { to: chunk[0].target, data: chunk[0].data },
      "latest",
    ],
  }));
  const answers = await rpcBatch(r.provider, [...callRequests, ...extra]);
  const decode = (call: ReadCall, data: string): Result | undefined => {
    try {
      return call.decode(data);
    } catch {
      return undefined;
    }
  };
  const results = chunks.flatMap((chunk, i): (Result | undefined)[] => {
    const answer = answers[i];
    if (!multicall) return [typeof answer.result === "string" ? decode(chunk[0], answer.result) : undefined];
    // The Multicall itself does not revert (every call may fail): an error here is the node's.
    if (typeof answer.result !== "string")
      throw new Error(`eth_call to the Multicall failed: ${answer.error}`);
    const [inner] = multicallInterface.decodeFunctionResult("aggregate3", answer.result) as unknown as [
      { success: boolean; returnData: string }[],
    ];
    return inner.map((result, k) => (result.success ? decode(chunk[k], result.returnData) : undefined));
  });
  return { results, extra: answers.slice(callRequests.length) };
}

/** A log as read raw (`eth_getLogs` through {rpcBatch}), with only what the readers decode. */
export interface RawLog {
  topics: readonly string[];
  data: string;
  blockNumber: number;
  transactionHash: string;
}
