/**
 * Serves an in-process Hardhat chain over HTTP JSON-RPC on 127.0.0.1 (port 0: a free port), so that code
 * that connects by URL, like the proposal CLI, runs against the same real chain as the test.
 */
import { type IncomingMessage, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import type { EIP1193Provider } from "hardhat/types/providers";

interface RpcRequest {
  jsonrpc: "2.0";
  id: number | string | null;
  method: string;
  params?: unknown[];
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export interface RpcBridge {
  url: string;
  close(): Promise<void>;
}

export async function serveRpc(provider: EIP1193Provider): Promise<RpcBridge> {
  const answer = async ({ id, method, params }: RpcRequest) => {
    try {
      return { jsonrpc: "2.0", id, result: await provider.request({ method, params: params ?? [] }) };
    } catch (error) {
      const { code, message, data } = error as { code?: number; message: string; data?: unknown };
      return { jsonrpc: "2.0", id, error: { code: code ?? -32603, message, data } };
    }
  };
  const server = createServer((request, response) => {
    void (async () => {
      const parsed = JSON.parse(await body(request)) as RpcRequest | RpcRequest[];
      const reply = Array.isArray(parsed) ? await Promise.all(parsed.map(answer)) : await answer(parsed);
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify(reply, (_k, v: unknown) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v)),
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
