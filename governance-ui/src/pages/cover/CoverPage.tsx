/**
 * Cover: the products, a quote for an amount and period (priced off-chain by the core's pricing module and
 * checked equal to the contract's own `quote`), a maximum premium with slippage, approval and purchase, and
 * the covers the account bought.
 *
 * Accessible names: select "Product"; inputs "Cover amount", "Cover period (days)", "Max premium slippage (%)";
 * buttons "Get quote", "Approve premium", "Buy cover"; table "Your covers".
 */
import { useState } from "react";

import {
  type PoolView,
  parseBps,
  quoteCover,
  readCall,
  readMany,
  readPools,
  reader,
  riskTypeLabel,
} from "@coverdao/core";
import { CoverBook__factory } from "../../../../types/ethers-contracts/index.js";
import { ErrorNote, Field, Loading, RequireAccount } from "../../components/ui";
import { checkAmount } from "../../lib/amount";
import { erc20 } from "../../lib/erc20";
import { formatAmount, formatBps } from "../../lib/format";
import { useAsync } from "../../lib/useAsync";
import { useReadyDao } from "../../state/dao";

const bookInterface = CoverBook__factory.createInterface();
const DAY = 86_400n;

export interface ProductRow {
  id: bigint;
  name: string;
  riskType: string;
  pool?: PoolView;
  baseRateBps: bigint;
  surchargeBps: bigint;
  active: boolean;
  minPeriod: bigint;
  maxPeriod: bigint;
  available: bigint;
  parametric: boolean;
}

/** Max premium for a quoted premium and a slippage in basis points, rounded up. */
export function maxPremiumOf(premium: bigint, slippageBps: bigint): bigint {
  return (premium * (10_000n + slippageBps) + 9_999n) / 10_000n;
}

/** The cover period typed in days, whole or decimal, within the product's bounds; in seconds. */
export function checkPeriod(
  text: string,
  min: bigint,
  max: bigint,
): { ok: true; value: bigint } | { ok: false; error: string } {
  const match = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!match) return { ok: false, error: "Enter the period in days, e.g. 30." };
  const fraction = match[2] ?? "";
  const seconds = (BigInt(match[1]) * 10n ** BigInt(fraction.length) + BigInt(fraction || "0")) * DAY;
  const value = seconds / 10n ** BigInt(fraction.length);
  if (value < min || value > max)
    return { ok: false, error: `This product covers ${min / DAY} to ${max / DAY} days.` };
  return { ok: true, value };
}

export function CoverPage() {
  const { provider, deployment, wallet, refresh } = useReadyDao();
  const state = useAsync(async () => {
    const r = reader(provider, deployment);
    const book = deployment.contracts.CoverBook;
    const [pools, count] = await Promise.all([
      readPools(r),
      readMany(r, [readCall(bookInterface, book, "productCount")]),
    ]);
    const n = Number(count[0]?.[0] ?? 0n);
    const ids = Array.from({ length: n }, (_, i) => BigInt(i + 1));
    const res = await readMany(
      r,
      ids.flatMap((id) => [
        readCall(bookInterface, book, "product", [id]),
        readCall(bookInterface, book, "productName", [id]),
        readCall(bookInterface, book, "availableCapacity", [id]),
        readCall(bookInterface, book, "isParametric", [id]),
      ]),
    );
    const products: ProductRow[] = ids.map((id, i) => {
      const p = res[i * 4]?.[0] as
        | {
            pool: string;
            riskType: bigint;
            baseRateBps: bigint;
            surchargeBps: bigint;
            active: boolean;
            minPeriod: bigint;
            maxPeriod: bigint;
          }
        | undefined;
      return {
        id,
        name: String(res[i * 4 + 1]?.[0] ?? `Product ${id}`),
        riskType: riskTypeLabel(p?.riskType ?? 0n),
        pool: pools.find((pool) => pool.address.toLowerCase() === String(p?.pool).toLowerCase()),
        baseRateBps: BigInt(p?.baseRateBps ?? 0n),
        surchargeBps: BigInt(p?.surchargeBps ?? 0n),
        active: Boolean(p?.active),
        minPeriod: BigInt(p?.minPeriod ?? 0n),
        maxPeriod: BigInt(p?.maxPeriod ?? 0n),
        available: BigInt(res[i * 4 + 2]?.[0] ?? 0n),
        parametric: Boolean(res[i * 4 + 3]?.[0]),
      };
    });
    let covers: { id: bigint; productId: bigint; amount: bigint; end: bigint; premium: bigint }[] = [];
    if (wallet.address) {
      const bookContract = CoverBook__factory.connect(book, provider);
      const logs = await bookContract.queryFilter(
        bookContract.filters.CoverBought(undefined, undefined, wallet.address),
        deployment.startBlock,
      );
      covers = logs.map((l) => ({
        id: l.args.coverId,
        productId: l.args.productId,
        amount: l.args.amount,
        end: BigInt(l.args.end),
        premium: l.args.premium,
      }));
    }
    return { pools, products, covers };
  }, [provider, deployment, wallet.address, refresh]);

  return (
    <section>
      <h1>Cover</h1>
      <ErrorNote error={state.error} />
      {!state.data && <Loading what="the products" />}
      {state.data && (
        <>
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
                {state.data.products.map((p) => (
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
          <RequireAccount action="buy cover">
            <BuyCover products={state.data.products.filter((p) => p.active)} />
            <h2>Your covers</h2>
            {state.data.covers.length === 0 ? (
              <p className="muted">You have bought no cover yet.</p>
            ) : (
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
                    {state.data.covers.map((c) => {
                      const product = state.data!.products.find((p) => p.id === c.productId);
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
            )}
          </RequireAccount>
        </>
      )}
    </section>
  );
}

interface Quote {
  productId: bigint;
  amount: bigint;
  period: bigint;
  premium: bigint;
  onChain: bigint;
  annualRateBps: bigint;
  utilizationAfterBps: bigint;
  fits: boolean;
  allowance: bigint;
  balance: bigint;
}

function BuyCover({ products }: { products: ProductRow[] }) {
  const { dao, provider, deployment, wallet, send } = useReadyDao();
  const [productId, setProductId] = useState(products[0]?.id.toString() ?? "");
  const [amount, setAmount] = useState("");
  const [days, setDays] = useState("30");
  const [slippage, setSlippage] = useState("1");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [quote, setQuote] = useState<Quote>();
  const product = products.find((p) => p.id.toString() === productId);
  if (!product) return <p className="muted">No product is on sale.</p>;
  const d = product.pool?.assetDecimals ?? 18;
  const symbol = product.pool?.symbol ?? "";

  let slippageBps: bigint | undefined;
  try {
    slippageBps = parseBps(`${slippage.trim()}%`);
  } catch {
    slippageBps = undefined;
  }
  const maxPremium =
    quote && slippageBps !== undefined ? maxPremiumOf(quote.premium, slippageBps) : undefined;

  async function getQuote() {
    const problems: Record<string, string> = {};
    const a = checkAmount(amount, d, product!.available, "the capacity left");
    const p = checkPeriod(days, product!.minPeriod, product!.maxPeriod);
    if (!a.ok) problems.amount = a.error;
    if (!p.ok) problems.period = p.error;
    if (slippageBps === undefined || slippageBps > 5000n)
      problems.slippage = "Enter a slippage between 0 and 50 %.";
    setErrors(problems);
    setQuote(undefined);
    if (!a.ok || !p.ok || Object.keys(problems).length) return;
    try {
      const token = erc20(product!.pool!.asset, provider);
      const [offChain, onChain, allowance, balance] = await Promise.all([
        quoteCover(dao.CoverBook, product!.id, a.value, p.value),
        dao.CoverBook.quote(product!.id, a.value, p.value),
        token.allowance(wallet.address!, deployment.contracts.CoverBook),
        token.balanceOf(wallet.address!),
      ]);
      setQuote({
        productId: product!.id,
        amount: a.value,
        period: p.value,
        ...offChain,
        onChain,
        allowance,
        balance,
      });
    } catch (error) {
      setErrors({ amount: (error as Error).message });
    }
  }

  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void getQuote();
      }}
    >
      <h2>Buy cover</h2>
      <div className="field">
        <label htmlFor="product">Product</label>
        <select
          id="product"
          value={productId}
          onChange={(e) => {
            setProductId(e.target.value);
            setQuote(undefined);
          }}
        >
          {products.map((p) => (
            <option key={p.id.toString()} value={p.id.toString()}>
              {p.name.includes(p.pool?.symbol ?? "\u0000") ? p.name : `${p.name} (${p.pool?.symbol})`}
            </option>
          ))}
        </select>
      </div>
      <Field
        id="cover-amount"
        label="Cover amount"
        value={amount}
        onChange={(v) => {
          setAmount(v);
          setQuote(undefined);
        }}
        inputMode="decimal"
        hint={`In ${symbol}; up to ${formatAmount(product.available, d)} available.`}
        error={errors.amount}
      />
      <Field
        id="cover-period"
        label="Cover period (days)"
        value={days}
        onChange={(v) => {
          setDays(v);
          setQuote(undefined);
        }}
        inputMode="decimal"
        error={errors.period}
      />
      <Field
        id="cover-slippage"
        label="Max premium slippage (%)"
        value={slippage}
        onChange={setSlippage}
        inputMode="decimal"
        hint="The purchase fails rather than charge more than the quote plus this margin."
        error={errors.slippage}
      />
      <button type="submit" className="secondary">
        Get quote
      </button>
      {quote && maxPremium !== undefined && (
        <div className="note" role="status">
          <p>
            Premium:{" "}
            <strong>
              {formatAmount(quote.premium, d, 8)} {symbol}
            </strong>{" "}
            ({formatBps(quote.annualRateBps)} a year; utilization after {formatBps(quote.utilizationAfterBps)}
            ).{" "}
            {quote.premium === quote.onChain
              ? "Equal to the contract's own quote."
              : `The contract quotes ${formatAmount(quote.onChain, d, 8)}: the pool changed, quote again.`}
          </p>
          <p>
            You pay at most {formatAmount(maxPremium, d, 8)} {symbol}. Wallet:{" "}
            {formatAmount(quote.balance, d)} {symbol}.
          </p>
          {quote.allowance < maxPremium ? (
            <button
              type="button"
              onClick={async () => {
                if (
                  await send(`Approve ${symbol} premium`, (_d, signer) =>
                    erc20(product.pool!.asset, signer).approve(deployment.contracts.CoverBook, maxPremium),
                  )
                )
                  setQuote({ ...quote, allowance: maxPremium });
              }}
            >
              Approve premium
            </button>
          ) : (
            <button
              type="button"
              onClick={async () => {
                if (
                  await send(
                    `Buy cover: ${product.name}`,
                    (dd) => dd.CoverBook.buyCover(quote.productId, quote.amount, quote.period, maxPremium),
                    { asset: { decimals: d, symbol } },
                  )
                ) {
                  setQuote(undefined);
                  setAmount("");
                }
              }}
            >
              Buy cover
            </button>
          )}
        </div>
      )}
    </form>
  );
}
