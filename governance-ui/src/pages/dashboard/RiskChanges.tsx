/**
 * Risk changes waiting for the underwriters' exit time: governance executed them, but a change that raises a
 * pool's risk applies only after the withdrawal cooldown plus window, when anyone applies it. Each row says what
 * changes and from when, in the core's words; "Apply" is offered once the time has come.
 *
 * Accessible names: region "Risk changes waiting", buttons "Apply: <label>".
 */
import { describePendingRiskChange, readPendingRiskChanges } from "@coverdao/core";
import { ErrorNote } from "../../components/ui";
import { useChainNow } from "../../lib/countdown";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";

export function RiskChanges() {
  const { provider, deployment, send, wallet } = useReadyDao();
  const state = useChainQuery(
    "risk-changes",
    async () => {
      const [changes, block] = await Promise.all([
        readPendingRiskChanges({ deployment, provider }),
        provider.getBlock("latest"),
      ]);
      return { changes, timestamp: BigInt(block?.timestamp ?? 0) };
    },
    [provider, deployment],
  );
  const now = useChainNow(state.data?.timestamp, state.readAt);
  if (state.error) return <ErrorNote error={state.error} />;
  if (!state.data || now === undefined) return null;
  const { changes } = state.data;
  return (
    <section className="panel" aria-label="Risk changes waiting">
      <h2>Risk changes waiting</h2>
      {changes.length === 0 ? (
        <p className="muted small">
          None. A change that raises a pool&apos;s risk (more capacity, a new product, longer covers, a weaker
          trigger, a lower claim quorum, a shorter withdrawal cooldown) waits here until underwriters could
          leave.
        </p>
      ) : (
        <ul>
          {changes.map((change) => (
            <li key={`${change.contract}-${change.key}`}>
              {describePendingRiskChange(change, now)}{" "}
              <button
                type="button"
                aria-label={`Apply: ${change.label}`}
                disabled={now < change.effectiveAt || !wallet.address}
                title={wallet.address ? undefined : "Connect an account to apply it"}
                onClick={() =>
                  void send(`Apply ${change.label}`, (dao) =>
                    dao[change.contract].applyRiskChange(change.key),
                  )
                }
              >
                Apply
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
