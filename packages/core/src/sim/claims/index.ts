/** The claim scenarios, one file each. */
export * from "./correlated-claims.js";
