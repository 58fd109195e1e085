// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/**
 * @title ICoverBook
 * @notice Events, errors, structs and the external surface of the cover contract: the product catalogue
 * (set by governance) and the covers, each an ERC-721 owned by its buyer (the holder is {IERC721-ownerOf}).
 * @dev Roles (set in the DAO's AccessManager): the claims module (CLAIMS_ROLE) pays approved claims with
 * {payout}; the guardian (GUARDIAN_ROLE) may pause new covers only; every product and risk parameter
 * belongs to governance (the AccessManager's admin role, the Timelock).
 */
interface ICoverBook is IERC721 {
    /// @notice The kind of risk a product covers.
    enum RiskType {
        SmartContract,
        Hack,
        DepegMarket,
        Operational
    }

    /// @notice A product as stored (its name is read with {productName}).
    struct Product {
        /// @dev The ERC-4626 pool whose capital backs the product's covers and receives its premiums.
        address pool;
        RiskType riskType;
        /// @dev Annual premium rate at zero utilization, in basis points.
        uint16 baseRateBps;
        /// @dev Extra annual rate at full utilization, in basis points; it grows linearly with utilization.
        uint16 surchargeBps;
        /// @dev The product sells while the pool's active cover stays within this share of its capital (bps).
        uint16 capacityRatioBps;
        bool active;
        /// @dev Shortest and longest cover period, in seconds.
        uint32 minPeriod;
        uint32 maxPeriod;
        /// @dev Chainlink AggregatorV3 feed of a parametric product; zero for assessed products.
        address priceFeed;
        /// @dev Parametric products pay when the feed's answer falls to or below this price (feed decimals).
        int256 triggerPrice;
    }

    /// @notice What governance submits to add or edit a product.
    struct ProductParams {
        string name;
        RiskType riskType;
        address pool;
        uint16 baseRateBps;
        uint16 surchargeBps;
        uint16 capacityRatioBps;
        uint32 minPeriod;
        uint32 maxPeriod;
        bool active;
        address priceFeed;
        int256 triggerPrice;
    }

    /// @notice How a confirmed parametric trigger pays (see {ParametricTerms}).
    enum PayoutRule {
        /// @dev The whole amount claimed.
        Full,
        /// @dev `amount × (1 − price / referencePrice)`, the price being the last round of the confirmation window.
        LossProportional
    }

    /**
     * @notice The trigger rule and oracle health rule of a parametric product, kept apart from {Product} so that
     * assessed products never read them. Prices are in the feed's decimals. The product's trigger is
     * {Product-triggerPrice}.
     * @dev A trigger round is the first complete round at or below the trigger, updated at least `waitingPeriod`
     * after the cover started and before it ended. It is confirmed when every round of the feed updated in
     * the `confirmationWindow` seconds after it stayed below `recoveryPrice` (a recovery is a false alarm) and
     * the feed reported at least every `heartbeat + heartbeatTolerance` seconds through the window.
     */
    struct ParametricTerms {
        /// @dev A round at or above this price inside the confirmation window is a recovery: no payout.
        int128 recoveryPrice;
        /// @dev The peg: loss-proportional payouts are `amount × (1 − price / referencePrice)`.
        int128 referencePrice;
        /// @dev How long the price must stay below the recovery price after the trigger round (seconds).
        uint32 confirmationWindow;
        /// @dev Rounds count only from `cover start + waitingPeriod` (seconds).
        uint32 waitingPeriod;
        /// @dev The feed's heartbeat: the longest time between two rounds when the price does not move (seconds).
        uint32 heartbeat;
        /// @dev Slack added to the heartbeat: real feeds publish a few seconds to minutes late (seconds).
        uint32 heartbeatTolerance;
        /// @dev Covers are not sold while the price is at or below `trigger × (1 + triggerBufferBps / 10000)`.
        uint16 triggerBufferBps;
        PayoutRule payoutRule;
    }

    /// @notice Everything the claims module needs to judge a parametric claim, in one read.
    struct ParametricSettings {
        address priceFeed;
        int256 triggerPrice;
        ParametricTerms terms;
        /// @dev The L2 sequencer-uptime feed (zero on L1) and the grace period after it comes back up.
        address sequencerUptimeFeed;
        uint32 sequencerGracePeriod;
    }

    /// @notice A cover: the holder is the owner of the ERC-721 with the cover's id.
    struct Cover {
        uint32 productId;
        /// @dev Amount covered, in the pool's asset.
        uint96 amount;
        /// @dev Cover runs from `start` (inclusive) to `end` (exclusive), in seconds.
        uint48 start;
        uint48 end;
        /// @dev The claims module's grace period when the cover was bought: the pool backs the cover until
        /// `end + gracePeriod`, and claims may be filed until then at the latest.
        uint32 gracePeriod;
        /// @dev Paid out so far by {payout}.
        uint96 paidOut;
        /// @dev Approved but unpaid for lack of pool capital, so far.
        uint96 shortfall;
        /// @dev The latest claim filed on the cover, as recorded by the claims module with {recordClaim}; zero
        /// before the first. It shares a slot with `paidOut`, so the first payout updates a written slot.
        uint64 latestClaim;
    }

    /// @notice Governance added product `productId`.
    event ProductAdded(uint256 indexed productId, string name, RiskType riskType, address indexed pool);
    /// @notice Governance edited product `productId`.
    event ProductUpdated(uint256 indexed productId, string name, bool active);
    /// @notice `buyer` bought cover `coverId` of `amount` on `productId` for [`start`, `end`), paying `premium`.
    event CoverBought(
        uint256 indexed coverId,
        uint256 indexed productId,
        address indexed buyer,
        uint256 amount,
        uint48 start,
        uint48 end,
        uint256 premium
    );
    /// @notice `paid` of a `requested` payout on cover `coverId` went to `recipient`.
    event CoverPaidOut(uint256 indexed coverId, address indexed recipient, uint256 requested, uint256 paid);
    /// @notice The pool could not pay `unpaid` of an approved payout on `coverId`; its shortfall is now `shortfall`.
    event CoverShortfallRecorded(uint256 indexed coverId, uint256 unpaid, uint256 shortfall);
    /// @notice Governance changed the premium shares of claim assessors and the treasury (bps).
    event PremiumSharesSet(uint16 assessorShareBps, uint16 treasuryShareBps);
    /// @notice Governance changed the treasury.
    event TreasurySet(address oldTreasury, address newTreasury);
    /// @notice The claims module's grace period, which new covers fix at purchase, changed (seconds).
    event GracePeriodSynced(uint32 oldGracePeriod, uint32 newGracePeriod);
    /// @notice Governance changed the claims module, the only caller of {payout}, {recordClaim} and {releaseClaim}.
    event ClaimsModuleSet(address oldModule, address newModule);
    /// @notice Governance set the trigger rule of parametric product `productId`.
    event ParametricTermsSet(uint256 indexed productId, ParametricTerms terms);
    /// @notice Governance set the smallest cover product `productId` sells (in the pool's asset).
    event MinCoverAmountSet(uint256 indexed productId, uint256 oldAmount, uint256 newAmount);
    /// @notice Governance set the L2 sequencer-uptime feed (zero: none) and its grace period after a restart.
    event SequencerUptimeFeedSet(address feed, uint32 gracePeriod);
    /// @notice Parametric cover `coverId` started with the feed at `answer` (round `roundId`).
    event CoverStartPriceRecorded(uint256 indexed coverId, uint80 roundId, int256 answer);

    /// @notice No product has id `productId`.
    error CoverProductNotFound(uint256 productId);
    /// @notice Product `productId` does not sell new covers.
    error CoverProductInactive(uint256 productId);
    /// @notice No cover has id `coverId`.
    error CoverNotFound(uint256 coverId);
    /// @notice Amounts must be greater than zero.
    error CoverZeroAmount();
    /// @notice `period` lies outside the product's [`min`, `max`] (seconds).
    error CoverPeriodOutOfRange(uint256 period, uint256 min, uint256 max);
    /// @notice The premium `premium` exceeds the buyer's cap `maxPremium`.
    error CoverPremiumAboveMax(uint256 premium, uint256 maxPremium);
    /// @notice A cover of `requested` on product `productId` exceeds the `available` capacity.
    error CoverInsufficientCapacity(uint256 productId, uint256 requested, uint256 available);
    /// @notice A payout of `amount` on cover `coverId` exceeds its `remaining` amount.
    error CoverPayoutExceedsRemaining(uint256 coverId, uint256 amount, uint256 remaining);
    /// @notice `value` for `parameter` lies outside the allowed range [`min`, `max`].
    error CoverParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);
    /// @notice A product is inconsistent: `reason` names what is wrong.
    error CoverInvalidProduct(bytes32 reason);
    /// @notice The zero address is not allowed here.
    error CoverZeroAddress();
    /// @notice A cover of `amount` is below product `productId`'s minimum of `minimum`.
    error CoverAmountBelowMinimum(uint256 productId, uint256 amount, uint256 minimum);
    /// @notice Product `productId` has no price feed: it is not parametric.
    error CoverProductNotParametric(uint256 productId);
    /// @notice Parametric product `productId` has no trigger rule yet ({setParametricTerms}): it cannot sell.
    error CoverParametricTermsUnset(uint256 productId);
    /// @notice The feed's latest round `roundId` is incomplete (answered in `answeredInRound`, updated at `updatedAt`).
    error CoverFeedRoundIncomplete(uint80 roundId, uint80 answeredInRound, uint256 updatedAt);
    /// @notice The feed's latest round `roundId` answered `answer`; only positive prices count.
    error CoverFeedInvalidAnswer(uint80 roundId, int256 answer);
    /// @notice The feed's latest round `roundId` is from `updatedAt`: older than the heartbeat and tolerance `maxAge`.
    error CoverFeedStale(uint80 roundId, uint256 updatedAt, uint256 maxAge);
    /// @notice The feed is at `answer` (round `roundId`), at or below the trigger plus buffer `floor`: no cover sold.
    error CoverPriceNearTrigger(uint80 roundId, int256 answer, int256 floor);
    /// @notice Round `roundId` fell to the trigger and its confirmation window runs until `windowEnd`: no cover sold.
    error CoverTriggerInConfirmation(uint80 roundId, uint256 windowEnd);
    /// @notice The L2 sequencer is down: prices cannot be trusted.
    error CoverSequencerDown();
    /// @notice The L2 sequencer came back at `upSince`; prices are trusted again from `graceEnd`.
    error CoverSequencerGracePeriod(uint256 upSince, uint256 graceEnd);

    // ------------------------------------------------------------------ buyers

    /**
     * @notice Buys cover of `amount` on `productId` for `period` seconds, paying at most `maxPremium` of the
     * pool's asset (approve this contract first); mints the cover ERC-721 to the caller.
     * @dev Reverts with {CoverPremiumAboveMax} or {CoverInsufficientCapacity} (which states what is available),
     * and {CoverAmountBelowMinimum} below the product's minimum. A parametric product sells only while its feed is
     * healthy and away from the trigger (see {ParametricTerms}; {CoverFeedStale}, {CoverPriceNearTrigger},
     * {CoverTriggerInConfirmation}, ...) and records the cover's start price. Emits a {CoverBought} event, and a
     * {CoverStartPriceRecorded} event for a parametric product.
     */
    function buyCover(
        uint256 productId,
        uint256 amount,
        uint256 period,
        uint256 maxPremium
    ) external returns (uint256 coverId);

    /// @notice The premium {buyCover} would charge now for `amount` on `productId` over `period` seconds.
    function quote(uint256 productId, uint256 amount, uint256 period) external view returns (uint256 premium);

    /// @notice The capacity product `productId` can still sell now, in the pool's asset.
    function availableCapacity(uint256 productId) external view returns (uint256);

    // ----------------------------------------------------------- claims module

    /**
     * @notice Pays up to `amount` of cover `coverId` to `recipient` from the cover's pool; never more than the
     * cover's remaining amount (`amount - paidOut`). The amount must have been recorded with {recordClaim}: the
     * payout consumes that liability. When the pool is short it pays what capital exists and records the rest as
     * the cover's shortfall.
     * @dev The claims module ({claimsModule}) only; anyone else gets `AccessManagedUnauthorized`. Emits a
     * {CoverPaidOut} event and, when short, a {CoverShortfallRecorded} event.
     */
    function payout(uint256 coverId, address recipient, uint256 amount) external returns (uint256 paid);

    /**
     * @notice Records `claimId`, of `amount`, as the latest claim filed on cover `coverId` (see
     * {Cover-latestClaim}) and books `amount` as a liability of the cover's pool until {payout} pays it or
     * {releaseClaim} releases it.
     * @dev The claims module ({claimsModule}) only; anyone else gets `AccessManagedUnauthorized`.
     */
    function recordClaim(uint256 coverId, uint256 claimId, uint256 amount) external;

    /**
     * @notice Releases the liability of a claim of `amount` on cover `coverId` that ended unpaid (denied or
     * expired): the amount backs the cover again while the pool still backs it (until `end + gracePeriod`).
     * @dev The claims module ({claimsModule}) only; anyone else gets `AccessManagedUnauthorized`.
     */
    function releaseClaim(uint256 coverId, uint256 amount) external;

    /// @notice The claims module: the only caller of {payout}, {recordClaim} and {releaseClaim}; zero until
    /// governance sets it.
    function claimsModule() external view returns (address);

    /// @notice The claims module's grace period as last copied here: covers bought now fix it (seconds).
    function gracePeriod() external view returns (uint32);

    /**
     * @notice Copies the claims module's grace period, which covers bought from now on fix (see
     * {Cover-gracePeriod}). Anyone may call; the claims module does when governance changes it.
     * @dev Emits a {GracePeriodSynced} event when the value changes.
     */
    function syncGracePeriod() external returns (uint32);

    /// @notice Cover `coverId` (reverts with {CoverNotFound} for an unknown id).
    function cover(uint256 coverId) external view returns (Cover memory);

    /// @notice What cover `coverId` can still pay: `amount - paidOut`.
    function remainingAmount(uint256 coverId) external view returns (uint256);

    /// @notice The pool backing cover `coverId`.
    function poolOf(uint256 coverId) external view returns (address);

    /// @notice Product `productId` (reverts with {CoverProductNotFound} for an unknown id).
    function product(uint256 productId) external view returns (Product memory);

    /// @notice The name of product `productId`.
    function productName(uint256 productId) external view returns (string memory);

    /// @notice Whether product `productId` is parametric (claims decided by its price feed and trigger).
    function isParametric(uint256 productId) external view returns (bool);

    /// @notice Parametric product `productId`'s feed, trigger, trigger rule and sequencer feed (one read).
    /// @dev For an assessed product every field is zero (no feed).
    function parametricSettings(uint256 productId) external view returns (ParametricSettings memory);

    /// @notice The feed's answer and round when parametric cover `coverId` was bought (zero for assessed covers).
    function startPrice(uint256 coverId) external view returns (uint80 roundId, int256 answer);

    /// @notice The smallest cover product `productId` sells, in the pool's asset.
    function minCoverAmount(uint256 productId) external view returns (uint256);

    /// @notice The L2 sequencer-uptime feed (zero on L1) and the grace period after it comes back up.
    function sequencerUptimeFeed() external view returns (address feed, uint32 gracePeriod);

    /// @notice Number of products; ids run from 1 to this number.
    function productCount() external view returns (uint256);

    /// @notice Number of covers sold; ids run from 1 to this number.
    function coverCount() external view returns (uint256);

    /// @notice Current shares of each premium: claim assessors and treasury (bps), and the treasury address.
    function premiumShares() external view returns (uint16 assessorShareBps, uint16 treasuryShareBps, address treasury);

    // ------------------------------------------------------------- governance

    /**
     * @notice Adds a product. Governance only. An active product raises its pool's risk: while the pool has
     * underwriters it is listed inactive and activates once its delay passed ({pendingProduct}). Emits a
     * {ProductAdded} event.
     */
    function addProduct(ProductParams calldata params) external returns (uint256 productId);

    /**
     * @notice Replaces product `productId`'s settings (its pool cannot change). Governance only. An update that
     * raises risk in any field waits whole for its pool's exit time ({pendingProduct}); one that does not applies
     * at once. Emits a {ProductUpdated} event when it applies.
     */
    function updateProduct(uint256 productId, ProductParams calldata params) external;

    /// @notice The settings queued for product `productId` and the second from which they may apply (zero: none).
    function pendingProduct(uint256 productId) external view returns (ProductParams memory params, uint48 effectiveAt);

    /// @notice Sets the premium shares of claim assessors and the treasury (bps). Governance only.
    /// Emits a {PremiumSharesSet} event.
    function setPremiumShares(uint16 assessorShareBps, uint16 treasuryShareBps) external;

    /// @notice Sets the treasury that receives its premium share. Governance only. Emits a {TreasurySet} event.
    function setTreasury(address newTreasury) external;

    /**
     * @notice Sets the claims module, the only caller of {payout}, {recordClaim} and {releaseClaim} (not zero). Governance only.
     * Emits a {ClaimsModuleSet} event.
     */
    function setClaimsModule(address newModule) external;

    /**
     * @notice Sets parametric product `productId`'s trigger rule. Governance only. A rule that pays more easily
     * or more (a higher recovery or reference price, a shorter window or waiting period, a staler feed accepted,
     * a smaller buffer, the full payout; or a first rule on a product on sale) waits for its pool's exit time
     * under {parametricTermsKey} ({pendingParametricTerms}); any other applies at once. Emits a
     * {ParametricTermsSet} event when it applies.
     */
    function setParametricTerms(uint256 productId, ParametricTerms calldata terms) external;

    /// @notice The trigger rule queued for product `productId` and the second from which it may apply (zero: none).
    function pendingParametricTerms(
        uint256 productId
    ) external view returns (ParametricTerms memory terms, uint48 effectiveAt);

    /// @notice The risk-change key of product `productId`'s trigger rule: its id with the top bit set (a product's
    /// own settings wait under its plain id).
    function parametricTermsKey(uint256 productId) external pure returns (bytes32);

    /// @notice Sets the smallest cover product `productId` sells. Governance only. Emits a {MinCoverAmountSet} event.
    function setMinCoverAmount(uint256 productId, uint256 amount) external;

    /// @notice Sets the L2 sequencer-uptime feed (zero to remove) and its grace period. Governance only.
    /// Emits a {SequencerUptimeFeedSet} event.
    function setSequencerUptimeFeed(address feed, uint32 gracePeriod) external;
}
