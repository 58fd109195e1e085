/**
 * URLs of the app, routed by react-router (`BrowserRouter` and the routes in `App.tsx`): real paths such as
 * `/proposals/12?state=Active`, so every view can be bookmarked, shared and reached with the keyboard (links,
 * not clicks). `href` builds them; in-app links are react-router `Link`s.
 *
 * The settings a launch URL carries (`?rpc=`, `?hub=`, `?poll=`: which chain, hub and poll interval) stay on every
 * in-app URL, so a reload or a copied link opens the same chain. Old hash URLs (`#/proposals/12`, and `#/` links
 * in proposal descriptions) are moved to their paths by `fromHashRoute`.
 */

/** Query parameters that configure the app rather than a page; kept from the launch URL on every in-app URL. */
export const SETTINGS_PARAMS = ["rpc", "hub", "poll"] as const;

function settingsOf(search: string): [string, string][] {
  const params = new URLSearchParams(search);
  return SETTINGS_PARAMS.flatMap((key) => {
    const value = params.get(key);
    return value ? [[key, value] as [string, string]] : [];
  });
}

/** The settings of the URL the app was opened with. */
const launchSettings: [string, string][] =
  typeof window === "undefined" ? [] : settingsOf(window.location.search);

/**
 * The URL of a path and query: `href("proposals", "12")` → `/proposals/12`; `href()` → `/`. Empty query values are
 * dropped; the launch URL's settings (`rpc`, `hub`, `poll`) are appended (`settings` overrides them, for tests).
 */
export function href(...parts: (string | number | bigint | Record<string, string | undefined>)[]): string {
  return build(parts, launchSettings);
}

/** {href} with explicit settings (what `href` appends from the launch URL). */
export function hrefWith(
  settings: [string, string][],
  ...parts: (string | number | bigint | Record<string, string | undefined>)[]
): string {
  return build(parts, settings);
}

function build(
  parts: (string | number | bigint | Record<string, string | undefined>)[],
  settings: [string, string][],
): string {
  const segments: string[] = [];
  const params = new URLSearchParams();
  for (const part of parts) {
    if (typeof part === "object") {
      for (const [key, value] of Object.entries(part)) if (value) params.set(key, value);
    } else segments.push(encodeURIComponent(String(part)));
  }
  for (const [key, value] of settings) if (!params.has(key)) params.set(key, value);
  const query = params.toString();
  return `/${segments.join("/")}${query ? `?${query}` : ""}`;
}

/**
 * The path of an old hash URL (`#/proposals/12?state=Active` → `/proposals/12?state=Active`, with the settings of
 * `search`, the URL's own query), or undefined when the hash is not a route (`#main`, empty).
 */
export function fromHashRoute(hash: string, search: string): string | undefined {
  if (!hash.startsWith("#/")) return undefined;
  const [pathPart, queryPart = ""] = hash.slice(1).split("?", 2);
  const segments = pathPart
    .split("/")
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return hrefWith(settingsOf(search), ...segments, Object.fromEntries(new URLSearchParams(queryPart)));
}

/** A page's own query parameters (the settings left out). */
export function pageQuery(search: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of search)
    if (!(SETTINGS_PARAMS as readonly string[]).includes(key)) query[key] = value;
  return query;
}
