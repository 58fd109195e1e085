/**
 * Cover: the products, a quote for an amount and period (priced off-chain by the core's pricing module and
 * checked equal to the contract's own `quote`), a maximum premium with slippage, approval and purchase, and
 * the covers the account bought.
 *
 * Accessible names: select "Product"; inputs "Cover amount", "Cover period (days)", "Max premium slippage (%)";
 * buttons "Get quote", "Approve premium", "Buy cover"; table "Your covers".
 *
 * Parts: the reads in `catalogue.ts`, {BuyCover}, the checks in `checks.ts`.
 */
import { ErrorNote, Loading, RequireAccount } from "../../components/ui";
import { formatAmount, formatBps } from "../../lib/format";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";
import { BuyCover } from "./BuyCover";
import { type BoughtCover, type ProductRow, readCatalogue } from "./catalogue";
import { DAY } from "./checks";

export function CoverPage() {
  const { provider, deployment, wallet } = useReadyDao();
  const state = useChainQuery("cover", () => readCatalogue(provider, deployment, wallet.address), [
    provider,
    deployment,
    wallet.address,
  ]);
  return (
    <section>
      <h1>Cover</h1>
      <ErrorNote error={state.error} />
      {!state.data && <Loading what="the products" />}
      {state.data && (
        <>
          <CatalogueTable products={state.data.products} />
          <RequireAccount action="buy cover">
            <BuyCover products={state.data.products.filter((p) => p.active)} />
            <h2>Your covers</h2>
            <YourCovers covers={state.data.covers} products={state.data.products} />
          </RequireAccount>
        </>
      )}
    </section>
  );
}

function CatalogueTable({ products }: { products: ProductRow[] }) {
  return (
    <div className="table-wrap">
      <table aria-label="Cover catalogue">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Risk</th>
            <th scope="col">Base rate / surcharge</th>
            <th scope="col">Available</th>
            <th scope="col">Period</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.id.toString()}>
              <td>
                {p.name}
                {!p.active && " (paused)"}
              </td>
              <td>
                {p.riskType}
                {p.parametric ? " · parametric" : ""}
              </td>
              <td>
                {formatBps(p.baseRateBps)} / {formatBps(p.surchargeBps)} a year
              </td>
              <td>
                {formatAmount(p.available, p.pool?.assetDecimals ?? 18)} {p.pool?.symbol}
              </td>
              <td>
                {(p.minPeriod / DAY).toString()}–{(p.maxPeriod / DAY).toString()} days
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function YourCovers({ covers, products }: { covers: BoughtCover[]; products: ProductRow[] }) {
  if (covers.length === 0) return <p className="muted">You have bought no cover yet.</p>;
  return (
    <div className="table-wrap">
      <table aria-label="Your covers">
        <thead>
          <tr>
            <th scope="col">Cover</th>
            <th scope="col">Product</th>
            <th scope="col">Amount</th>
            <th scope="col">Premium</th>
            <th scope="col">Ends</th>
          </tr>
        </thead>
        <tbody>
          {covers.map((c) => {
            const product = products.find((p) => p.id === c.productId);
            const d = product?.pool?.assetDecimals ?? 18;
            return (
              <tr key={c.id.toString()}>
                <td>#{c.id.toString()}</td>
                <td>{product?.name}</td>
                <td>
                  {formatAmount(c.amount, d)} {product?.pool?.symbol}
                </td>
                <td>{formatAmount(c.premium, d)}</td>
                <td>{new Date(Number(c.end) * 1000).toISOString().slice(0, 10)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
