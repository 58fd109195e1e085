/** The hub's HTTP face: `POST /` takes envelopes, `GET /api/...` serves the JSON API (see hub.ts). */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";

import type { Results } from "./tally.js";
import { type HubContext, HubError, stateOf } from "./context.js";

/** What the routes call: processing one envelope and tallying one proposal. */
export interface HubHandlers {
  submit(envelope: unknown): Promise<{ id: string }>;
  results(id: string, at?: number): Promise<Results>;
}

/** Starts listening on `host:port` (0 picks a free port) once the server is bound. */
export async function listen(
  hub: HubContext,
  handlers: HubHandlers,
  host: string,
  port: number,
): Promise<Server> {
  const server: Server = createServer((request, response) => {
    route(hub, handlers, request, response).catch((error: unknown) => {
      send(response, 500, { error: "server_error", error_description: (error as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

async function route(
  hub: HubContext,
  handlers: HubHandlers,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://hub");
  if (request.method === "OPTIONS") return send(response, 204, undefined);
  if (request.method === "POST" && (url.pathname === "/" || url.pathname === "/api/msg")) {
    return post(hub, handlers, request, response);
  }
  if (request.method !== "GET") return send(response, 405, { error: "method not allowed" });
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts[0] !== "api") return send(response, 404, { error: "not found" });
  const t = await hub.now();
  if (parts.length === 2 && parts[1] === "health") {
    return send(response, 200, { status: "ok", space: hub.space, network: hub.settings.network, time: t });
  }
  if (parts.length === 2 && parts[1] === "space")
    return send(response, 200, { id: hub.space, settings: hub.settings });
  if (parts[1] !== "proposals") return send(response, 404, { error: "not found" });
  return getProposals(hub, handlers, parts, t, response);
}

/** `POST /`: one envelope, answered with its id or a refusal. */
async function post(
  hub: HubContext,
  handlers: HubHandlers,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let body: string;
  try {
    body = await readBody(request, hub.maxEnvelopeBytes);
  } catch (error) {
    return refuse(response, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return refuse(response, new HubError("wrong envelope format: not JSON"));
  }
  try {
    return send(response, 200, await handlers.submit(json));
  } catch (error) {
    return refuse(response, error);
  }
}

/** `/api/proposals[/:id[/votes|/results]]` at hub time `t`. */
async function getProposals(
  hub: HubContext,
  handlers: HubHandlers,
  parts: string[],
  t: number,
  response: ServerResponse,
): Promise<void> {
  const { store } = hub;
  if (parts.length === 2) {
    return send(
      response,
      200,
      store.proposals().map((p) => ({ ...p, state: stateOf(p, t) })),
    );
  }
  const proposal = store.proposal(parts[2]);
  if (!proposal) return send(response, 404, { error: `unknown proposal ${parts[2]}` });
  if (parts.length === 3) return send(response, 200, { ...proposal, state: stateOf(proposal, t) });
  if (parts.length === 4 && parts[3] === "votes") return send(response, 200, store.votes(proposal.id));
  if (parts.length === 4 && parts[3] === "results")
    return send(response, 200, await handlers.results(proposal.id, t));
  return send(response, 404, { error: "not found" });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

function refuse(response: ServerResponse, error: unknown): void {
  const status = error instanceof HubError ? error.status : 500;
  const kind = status >= 500 ? "server_error" : "client_error";
  send(response, status, { error: kind, error_description: (error as Error).message });
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !failed) {
        failed = true;
        reject(new HubError(`message too large: more than ${limit} bytes`, 413));
      }
      if (!failed) chunks.push(chunk);
    });
    request.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", reject);
  });
}
