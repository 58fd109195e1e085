/** A vote message: its format, the proposal's voting window, the choice and the voter's power. */
import { z } from "zod";

import { snapshot } from "../snapshotjs.js";
import type { StoredMessage } from "../store.js";
import { type HubContext, HubError, stateOf, votingPowerAt } from "./context.js";
import { parseMessage, uint } from "./envelope.js";

const voteMessage = z.object({
  from: z.string(),
  space: z.string(),
  timestamp: uint,
  proposal: z.string(),
  choice: uint,
  reason: z.string(),
  app: z.string(),
  metadata: z.string(),
});

/** Checks a verified vote message and stores it with the voter's power; throws {@link HubError} on refusal. */
export async function acceptVote(
  hub: HubContext,
  stored: StoredMessage,
  raw: Record<string, unknown>,
): Promise<void> {
  const m = parseMessage("vote", voteMessage, raw, (v) => ({
    proposal: v.proposal,
    choice: v.choice,
    reason: v.reason,
    app: v.app,
  }));
  const proposal = hub.store.proposal(m.proposal);
  if (!proposal || proposal.space !== m.space) throw new HubError(`unknown proposal ${m.proposal}`);
  const state = stateOf(proposal, stored.received);
  if (state === "pending") throw new HubError("voting has not started yet");
  if (state === "closed") throw new HubError("voting is closed for this proposal");
  if (!snapshot.utils.voting["single-choice"].isValidChoice(m.choice, proposal.choices)) {
    throw new HubError(`wrong choice: ${m.choice} is not between 1 and ${proposal.choices.length}`);
  }
  const power = await votingPowerAt(proposal.strategies, hub.provider, stored.address, proposal.snapshot);
  const vpWei = power.reduce((a, b) => a + b, 0n);
  if (vpWei === 0n)
    throw new HubError(`no voting power: ${stored.address} had none at block ${proposal.snapshot}`);
  hub.store.addVote(stored, {
    id: stored.id,
    proposal: proposal.id,
    voter: stored.address,
    created: m.timestamp,
    choice: m.choice,
    reason: m.reason,
    scores: power.map(hub.toTokens),
    vpWei: vpWei.toString(),
  });
}
