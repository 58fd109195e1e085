/** The parameter registry: types, families, reads, formatting and drafting (one file per concept). */
export * from "./registry.js";
