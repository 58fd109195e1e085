/**
 * A small hash router: `#/proposals/12?state=Active` → { path: ["proposals", "12"], query: { state: "Active" } }.
 * Every view has a URL, so it can be bookmarked, shared and reached with the keyboard (links, not clicks).
 */
import { useEffect, useState } from "react";

export interface Route {
  /** Path segments, decoded; `[]` for the dashboard. */
  path: string[];
  query: Record<string, string>;
}

/** Parses `location.hash` (with or without the leading `#`). */
export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#/, "");
  const [pathPart, queryPart = ""] = text.split("?", 2);
  const path = pathPart
    .split("/")
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(queryPart)) query[key] = value;
  return { path, query };
}

/** The hash for a path and query: `href("proposals", "12")` → `#/proposals/12`. Empty query values are dropped. */
export function href(...parts: (string | number | bigint | Record<string, string | undefined>)[]): string {
  const segments: string[] = [];
  let query = "";
  for (const part of parts) {
    if (typeof part === "object") {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(part)) if (value) params.set(key, value);
      query = params.toString();
    } else segments.push(encodeURIComponent(String(part)));
  }
  return `#/${segments.join("/")}${query ? `?${query}` : ""}`;
}

/** The current route, updated on `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}
