/**
 * Steps the end-to-end tests take in the app, by accessible name only (roles and labels, never CSS): open a
 * route, pick a dev account, wait for a transaction in the tray. The names are the ones the app documents
 * at the top of governance-ui/src/App.tsx and in its pages.
 */
import type { Locator, Page } from "playwright-core";

import { type UIServer, appUrl } from "./harness.js";

/** Opens `route` (e.g. "/stake") against `rpcUrl` and waits until the app has read the deployment. */
export async function open(page: Page, ui: UIServer, rpcUrl: string, route = ""): Promise<void> {
  await page.goto(appUrl(ui, rpcUrl, route));
  await page.getByRole("navigation", { name: "Main" }).waitFor();
  await page.getByLabel("Dev account", { exact: true }).waitFor();
}

/**
 * Reloads the page and picks `address` again in the switcher (the choice lasts for the page's life). The app
 * follows new blocks by itself (`live-chain.test.ts`); a reload reads everything afresh at once instead of
 * at the block watcher's next poll.
 */
export async function reopen(page: Page, address: string): Promise<void> {
  await page.reload();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
  await useAccount(page, address);
}

/** Moves to `route` inside the app (a link click: react-router changes the path). */
export async function go(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();
}

/** Picks the node's unlocked account `address` in the dev-account switcher. */
export async function useAccount(page: Page, address: string): Promise<void> {
  const select = page.getByLabel("Dev account", { exact: true });
  // The options carry the node's `eth_accounts` spelling (lower case from Hardhat): match ignoring case.
  await select.getByRole("option").nth(1).waitFor({ state: "attached" });
  const values = await Promise.all(
    (await select.getByRole("option").all()).map((option) => option.getAttribute("value")),
  );
  const value = values.find((v) => v?.toLowerCase() === address.toLowerCase());
  if (!value) throw new Error(`the dev-account switcher does not offer ${address}`);
  await select.selectOption(value);
}

/** The transaction tray. */
export function tray(page: Page): Locator {
  return page.getByRole("region", { name: "Transactions" });
}

/**
 * Waits until the tray shows the transaction `label` (its text, or a pattern) as confirmed (its entry is a
 * "status"), or throws with what the tray says when it failed (an "alert"), so a failing test reads as the
 * app's own error sentence. The confirmed entry is then dismissed with its own button, so that a later
 * transaction with the same label is waited for afresh; `keep` leaves it (for a screenshot).
 */
export async function confirmed(
  page: Page,
  label: string | RegExp,
  { keep = false, timeout = 30_000 }: { keep?: boolean; timeout?: number } = {},
): Promise<void> {
  const done = tray(page).getByRole("status").filter({ hasText: label }).filter({ hasText: "Confirmed" });
  const failed = tray(page).getByRole("alert").filter({ hasText: label });
  await done.or(failed).first().waitFor({ timeout });
  if ((await failed.count()) > 0) {
    throw new Error(`transaction "${String(label)}" failed: ${await failed.first().innerText()}`);
  }
  if (keep) return;
  await done
    .first()
    .getByRole("button", { name: /^Dismiss / })
    .click();
  await done.first().waitFor({ state: "detached" });
}

/** Waits until the tray shows the transaction `label` as failed and returns the tray's words for it. */
export async function failedWith(page: Page, label: string | RegExp, timeout = 30_000): Promise<string> {
  const failed = tray(page).getByRole("alert").filter({ hasText: label });
  await failed.first().waitFor({ timeout });
  return failed.first().innerText();
}

/** The value shown for the term `term` in a description list (`<dt>term</dt><dd>value</dd>`). */
export async function definition(page: Page, term: string): Promise<string> {
  const value = page.getByRole("term").filter({ hasText: term }).locator("xpath=following-sibling::dd[1]");
  return (await value.first().innerText()).trim();
}

// Code that runs in the page is written as text: the test runner's compiler adds helpers to functions
// (for their names) that exist in Node, not in the page.

/** The outer HTML of each input, select, textarea, button or link on the page that has no accessible name. */
export async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
  const named = (el) => Boolean(
    (el.getAttribute("aria-label") || "").trim() || el.getAttribute("aria-labelledby") ||
    (el.getAttribute("title") || "").trim());
  const controls = [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
    .filter((el) => !(el.labels && el.labels.length > 0) && !named(el));
  const clickable = [...document.querySelectorAll("button, a[href]")]
    .filter((el) => !el.innerText.trim() && !named(el));
  return [...controls, ...clickable].map((el) => el.outerHTML.slice(0, 120));
})()`);
}

/** The page's width and the window's: wider means the reader scrolls sideways. */
export async function pageWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    "({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })",
  );
}
