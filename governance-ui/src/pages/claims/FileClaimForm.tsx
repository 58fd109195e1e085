/**
 * The form to file a claim on a cover: cover id, amount in the cover's asset, evidence URI.
 */
import { useState } from "react";

import type { DAOContracts } from "@coverdao/core";
import { Field, RequireAccount } from "../../components/ui";
import { useReadyDao } from "../../state/dao";
import { claimAmount } from "./common";

/** Checks the claim form: a whole cover id, an exact amount in the cover's asset, an evidence URI. */
export function checkClaimForm(
  coverId: string,
  amount: string,
  evidence: string,
  decimals: number,
):
  | { ok: true; coverId: bigint; amount: bigint }
  | { ok: false; field: "coverId" | "amount" | "evidence"; error: string } {
  if (!/^\d+$/.test(coverId.trim()))
    return { ok: false, field: "coverId", error: "Enter the cover's number (its NFT id)." };
  const parsed = claimAmount(amount, decimals);
  if (!parsed.ok) return { ok: false, field: "amount", error: parsed.error };
  const value = parsed.value;
  if (!evidence.trim())
    return { ok: false, field: "evidence", error: "Link the evidence (e.g. ipfs://… or https://…)." };
  return { ok: true, coverId: BigInt(coverId.trim()), amount: value };
}

/**
 * What filing on `coverId` takes: the decimals of its pool's asset (18 until the id is a number) and the
 * claim deposit in ETH. Throws when there is no such cover.
 */
async function claimTerms(
  dao: DAOContracts,
  coverId: string,
): Promise<{ decimals: number; deposit: bigint }> {
  let decimals = 18;
  if (/^\d+$/.test(coverId)) {
    const pool = await dao.CoverBook.poolOf(BigInt(coverId));
    const pools = [dao.WethPool, dao.StablecoinPool];
    const match = await Promise.all(
      pools.map(async (p) => (await p.getAddress()).toLowerCase() === pool.toLowerCase()),
    );
    const chosen = pools[match.indexOf(true)];
    if (chosen) decimals = Number(await chosen.decimals()) - Number(await chosen.DECIMALS_OFFSET());
  }
  const deposit = (await dao.CoverClaims.parameters()).claimDeposit;
  return { decimals, deposit };
}

export function FileClaim() {
  const { dao, send } = useReadyDao();
  const [coverId, setCoverId] = useState("");
  const [amount, setAmount] = useState("");
  const [evidence, setEvidence] = useState("");
  const [error, setError] = useState<{ field: string; error: string }>();
  return (
    <RequireAccount action="file a claim">
      <form
        className="panel"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          let terms: { decimals: number; deposit: bigint };
          try {
            terms = await claimTerms(dao, coverId.trim());
          } catch {
            setError({ field: "coverId", error: `There is no cover ${coverId.trim()}.` });
            return;
          }
          const check = checkClaimForm(coverId, amount, evidence, terms.decimals);
          if (!check.ok) {
            setError(check);
            return;
          }
          if (
            await send(`File a claim on cover ${check.coverId}`, (d) =>
              d.CoverClaims.submitClaim(check.coverId, check.amount, evidence.trim(), {
                value: terms.deposit,
              }),
            )
          ) {
            setCoverId("");
            setAmount("");
            setEvidence("");
          }
        }}
      >
        <h2>File a claim</h2>
        <p className="muted small">
          You must hold the cover. The claim deposit (in ETH) is sent with the claim and returned unless
          assessors deny it.
        </p>
        <Field
          id="claim-cover"
          label="Cover id"
          value={coverId}
          onChange={setCoverId}
          inputMode="numeric"
          error={error?.field === "coverId" ? error.error : undefined}
        />
        <Field
          id="claim-amount"
          label="Claim amount"
          value={amount}
          onChange={setAmount}
          inputMode="decimal"
          hint="In the cover's asset (WETH or the stablecoin)."
          error={error?.field === "amount" ? error.error : undefined}
        />
        <Field
          id="claim-evidence"
          label="Evidence URI"
          value={evidence}
          onChange={setEvidence}
          placeholder="ipfs://…"
          error={error?.field === "evidence" ? error.error : undefined}
        />
        <button type="submit">File claim</button>
      </form>
    </RequireAccount>
  );
}
