/**
 * What a panel of indexed history says about where its rows come from: nothing when the indexer is up to date,
 * a note when it is behind the chain (the rows may miss the latest events), an alert when it is down (the rows
 * shown, if any, are the last ones read) or when the deployment names no indexer.
 */
import type { IndexerQueryState } from "../state/indexer";
import { NO_INDEXER } from "../state/indexer";

export function IndexerNotice({
  state,
}: {
  state: Pick<IndexerQueryState<unknown>, "unconfigured" | "health">;
}) {
  if (state.unconfigured) {
    return (
      <p className="note indexer-notice" role="status">
        {NO_INDEXER}
      </p>
    );
  }
  const health = state.health;
  if (!health || health.state === "ok") return null;
  if (health.state === "down") {
    return (
      <p className="error indexer-notice" role="alert">
        {health.message} Current values elsewhere on this page are read from the chain and stay up to date.
      </p>
    );
  }
  return (
    <p className="note indexer-notice" role="status">
      {health.message}
    </p>
  );
}
