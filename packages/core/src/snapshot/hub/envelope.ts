/** The signed envelope snapshot.js's `Client712` posts, checked the way the Snapshot sequencer checks it. */
import { createHash } from "node:crypto";

import { getAddress, isAddress } from "ethers";
import { z } from "zod";

import { HASHED_TYPES, snapshot } from "../snapshotjs.js";
import type { StoredMessage } from "../store.js";
import { type HubContext, HubError } from "./context.js";

/** The EIP-712 domain Client712 signs with (snapshot.js `sign/index.ts`: name and version only). */
export const SNAPSHOT_DOMAIN = { name: "snapshot", version: "0.1.4" } as const;

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/, "must be 0x-prefixed hex");
const envelopeSchema = z.object({
  address: z.string().refine((value) => isAddress(value), "not an EVM address"),
  sig: hex,
  data: z.object({
    domain: z.record(z.string(), z.union([z.string(), z.number()])),
    types: z.record(z.string(), z.array(z.object({ name: z.string(), type: z.string() }))),
    primaryType: z.string().optional(),
    message: z.record(z.string(), z.unknown()),
  }),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** A verified envelope: what the store keeps, and the message still to check by its kind. */
export interface VerifiedMessage {
  stored: StoredMessage;
  message: Record<string, unknown>;
}

/**
 * Checks format, domain, type set, replay, sender, space, timestamp and signature, in the sequencer's order;
 * throws {@link HubError} on the first that fails.
 */
export async function verifyEnvelope(hub: HubContext, raw: unknown): Promise<VerifiedMessage> {
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) {
    throw new HubError(
      `wrong envelope format: ${parsed.error.issues.map((i) => i.path.join(".") + " " + i.message).join("; ")}`,
    );
  }
  const envelope = parsed.data;
  const { domain, types, message } = envelope.data;
  if (JSON.stringify(domain) !== JSON.stringify(SNAPSHOT_DOMAIN)) {
    throw new HubError(`wrong domain: expected ${JSON.stringify(SNAPSHOT_DOMAIN)}`);
  }
  const kind = messageKind(types);
  if (kind !== "proposal" && kind !== "vote") {
    throw new HubError(
      kind ? `unsupported message type ${kind}` : "wrong types: not one of snapshot.js's type definitions",
    );
  }
  const id = snapshot.utils.getHash(envelope.data);
  if (hub.store.isReplay(id, envelope.sig)) throw new HubError("duplicate message: already received");
  checkSender(hub, envelope);
  const t = await checkTimestamp(hub, message.timestamp);
  if (!(await signatureValid(hub, envelope)))
    throw new HubError("signature not valid: it was not made by the address over this message");
  const stored: StoredMessage = {
    id,
    sig: envelope.sig,
    address: getAddress(envelope.address),
    kind,
    received: t,
    envelope: JSON.stringify(envelope),
  };
  return { stored, message };
}

function messageKind(types: Envelope["data"]["types"]): string | undefined {
  return HASHED_TYPES[createHash("sha256").update(JSON.stringify(types)).digest("hex")];
}

/** The message is from the signing address, for this hub's space. */
function checkSender(hub: HubContext, envelope: Envelope): void {
  const { message } = envelope.data;
  if (typeof message.from !== "string" || !isAddress(message.from)) throw new HubError("wrong from");
  if (getAddress(message.from) !== getAddress(envelope.address)) {
    throw new HubError("wrong from: the message is not from the signing address");
  }
  if (message.space !== hub.space) {
    throw new HubError(`wrong space: this hub serves ${hub.space}, not ${String(message.space)}`);
  }
}

/** The message's timestamp is near the hub's clock; returns the hub's time. */
async function checkTimestamp(hub: HubContext, value: unknown): Promise<number> {
  const { maxAge, maxFuture } = hub;
  const timestamp = Number(value);
  const t = await hub.now();
  if (!Number.isInteger(timestamp) || timestamp < t - maxAge || timestamp > t + maxFuture) {
    throw new HubError(
      `wrong timestamp: ${value} is not within ${maxAge}s before or ${maxFuture}s after ${t}`,
    );
  }
  return t;
}

async function signatureValid(hub: HubContext, envelope: Envelope): Promise<boolean> {
  try {
    // EOA signatures are recovered offline; contract signatures (EIP-1271) would need a chain
    // snapshot.js knows, so its provider fallback points at a closed local port and fails fast.
    return await snapshot.utils.verify(envelope.address, envelope.sig, envelope.data, hub.settings.network, {
      broviderUrl: "http://127.0.0.1:9",
      timeout: 2000,
    });
  } catch {
    return false;
  }
}

/** A whole non-negative number, as message timestamps, blocks and choices are. */
export const uint = z.number().int().nonnegative();

/**
 * A message of `kind` parsed with `schema`, then (after `check`, if given) validated with snapshot.js's schema
 * of that kind on the fields `fields` picks; a "wrong <kind> format" {@link HubError} at the first failure.
 */
export function parseMessage<S extends z.ZodType>(
  kind: "proposal" | "vote",
  schema: S,
  raw: Record<string, unknown>,
  fields: (m: z.infer<S>) => Record<string, unknown>,
  check?: (m: z.infer<S>) => void,
): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HubError(`wrong ${kind} format: ${parsed.error.issues[0]?.message}`);
  const m = parsed.data;
  check?.(m);
  const invalid = schemaErrors(snapshot.utils.validateSchema(snapshot.schemas[kind], fields(m)));
  if (invalid) throw new HubError(`wrong ${kind} format: ${invalid}`);
  return m;
}

/** snapshot.js's `validateSchema` answer as one sentence, or undefined when valid. */
function schemaErrors(result: unknown): string | undefined {
  if (result === true) return undefined;
  const errors = (result ?? []) as { instancePath?: string; message?: string }[];
  return errors.map((e) => `${e.instancePath || "(root)"} ${e.message ?? "invalid"}`.trim()).join("; ");
}
