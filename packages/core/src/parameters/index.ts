/**
 * The risk-parameter registry: every parameter governance owns, by family, with its getter, its
 * setter(s), its unit and its bounds. Bounds come from the contracts' public constants (or the same
 * formula the contract applies), never from numbers typed here.
 *
 * The UI's proposal builder lists {FAMILIES}, shows each parameter of a family ({parametersOf}) with its
 * current value and bounds ({readAllParameters}, {readParameter}, {readBounds}), and builds the setter
 * call ({ParameterSpec.setters}); `proposal validate` checks setter arguments against the bounds and
 * `proposal simulate` reads every parameter before and after.
 *
 * Two shapes need care. The pools are two deployments of one contract (`WethPool`, `StablecoinPool`):
 * their parameters are generated per deployment name ({POOL_NAMES}). Products are indexed (`productId` 1..n,
 * growing when governance adds one): a product parameter has an {IndexSpec} and is read once per product,
 * with the reading's key `cover.product.baseRate#1`.
 *
 * One file per concept: `types.ts` (families, units, bounds, specs), `views.ts` (the view calls and feed
 * decimals the registry reads through), `roles.ts` (AccessManager roles), the families with generated or
 * long entries (`pools.ts`, `cover.ts`, `claims.ts`), `registry.ts` (every entry, lookups by family and
 * setter, the ABI check), `read.ts` (current values and bounds), `format.ts` (values in words, parsing a new
 * value) and `draft.ts` (a setter call as a proposal file writes it).
 *
 * Browser-safe: these modules import no `node:` module, directly or through their imports (only ethers,
 * the TypeChain factories and `units.ts`), so the UI bundles them as they are.
 */
export {
  PARAMETERS,
  parametersOf,
  parametersForSetter,
  parameterForSetter,
  registryProblems,
} from "./registry.js";
export {
  type ParameterFamily,
  FAMILIES,
  type ParameterUnit,
  type ParameterValue,
  type BoundFields,
  type Bound,
  type SetterSpec,
  type IndexSpec,
  type ParameterSpec,
  isNumericUnit,
} from "./types.js";
export { feedDecimals, concreteUnit, labelAddress } from "./views.js";
export { ROLE_NAMES, ROLE_SOURCE, roleIds, roleMembers, functionRoles } from "./roles.js";
export { FEED_PRICE } from "./cover.js";
export {
  readParameter,
  readBounds,
  type ParameterReading,
  readAllParameters,
  integerFields,
  readingUnit,
} from "./read.js";
export { formatParameter, formatParameterIn, parseNewValue } from "./format.js";
export { type WrittenValue, type DraftAction, writtenValue, draftSetterCall } from "./draft.js";
