// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {OracleRounds} from "../claims/libraries/OracleRounds.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {GuardianPausable} from "../governance/GuardianPausable.sol";
import {RiskChangeDelay} from "../governance/RiskChangeDelay.sol";
import {IRiskChangeDelay} from "../governance/interfaces/IRiskChangeDelay.sol";
import {ICapitalPool} from "../pool/interfaces/ICapitalPool.sol";
import {ICoverBook} from "./interfaces/ICoverBook.sol";
import {Pricing} from "./libraries/Pricing.sol";

/**
 * @title CoverBook
 * @notice The product catalogue and the covers. Governance lists products (risk type, pool, pricing,
 * capacity, periods and, for parametric cover, a Chainlink price feed and trigger); buyers buy cover for an
 * amount and a period with a premium cap, and receive an ERC-721 per cover.
 * @dev A premium is split three ways at purchase: the treasury's share is sent to the treasury, the
 * assessors' share joins the pool's assessor-reward pot, and the rest streams into the pool's capital over
 * the cover's period and its grace period (see {CapitalPool}). Capacity: a product sells while the pool's active cover stays within
 * the smaller of the product's and the pool's capacity ratio of the pool's capital. Claims are paid through
 * {payout} by the claims module. Liabilities: the pool backs a cover until its end plus the claims module's
 * grace period (fixed at purchase); the claims module books each filed claim as a liability of the pool with
 * {recordClaim}, releases it with {releaseClaim} when the claim ends unpaid, and {payout} consumes it. Gated by the DAO's AccessManager: {pause} and {unpause} by GUARDIAN_ROLE,
 * everything else restricted by governance (the Timelock). {payout} and {recordClaim} accept only the claims
 * module that governance set with {setClaimsModule}, and each pool accepts cover hooks only from the cover
 * book that governance set on it (`CapitalPool.setCoverBook`): one storage read per check instead of an
 * AccessManager call, on the two paths users pay for most (buying cover and redeeming a claim).
 *
 * Risk changes ({RiskChangeDelay}): a product change that raises risk (a new or re-activated product, a higher
 * capacity ratio, a longer longest period, another price feed, a higher trigger price) is queued under the
 * product's id (`bytes32(productId)`) for its pool's exit time and applied by anyone with {applyRiskChange}.
 * A trigger rule that pays more easily (see {_termsRaiseRisk}) is queued the same way under
 * {parametricTermsKey}.
 *
 * Parametric products keep their trigger rule ({ParametricTerms}) in a separate mapping that only a product
 * with a price feed reads, so assessed products pay nothing for it. A parametric cover is sold only while the
 * feed is healthy (complete, positive, updated within the product's heartbeat plus tolerance; the L2
 * sequencer up past its grace period, when one is set), above the trigger plus the product's buffer, and with
 * no fall to the trigger still inside its confirmation window; the feed's answer at purchase is recorded as the
 * cover's start price. Together with the waiting period (rounds before `start + waitingPeriod` prove nothing)
 * this makes cover bought after a depeg is on the feed worthless for that depeg.
 */
contract CoverBook is ERC721, GuardianPausable, ReentrancyGuardTransient, RiskChangeDelay, ICoverBook {
    using SafeCast for uint256;

    /// @notice Bounds of a product's base annual rate, and of base + surcharge (bps; 100 % a year at most).
    uint16 public constant MIN_BASE_RATE_BPS = 1;
    uint16 public constant MAX_ANNUAL_RATE_BPS = 10_000;
    /// @notice Bounds of a product's capacity ratio (bps of the pool's capital).
    uint16 public constant MIN_CAPACITY_RATIO_BPS = 1;
    uint16 public constant MAX_CAPACITY_RATIO_BPS = 10_000;
    /// @notice Bounds of cover periods.
    uint32 public constant MIN_COVER_PERIOD = 1 days;
    uint32 public constant MAX_COVER_PERIOD = 365 days;
    /// @notice Largest share of a premium for claim assessors, and for the treasury (bps).
    uint16 public constant MAX_ASSESSOR_SHARE_BPS = 2_000;
    uint16 public constant MAX_TREASURY_SHARE_BPS = 2_000;
    /// @notice Bounds of a parametric product's trigger rule (see {ParametricTerms}).
    uint32 public constant MIN_CONFIRMATION_WINDOW = 1 hours;
    uint32 public constant MAX_CONFIRMATION_WINDOW = 7 days;
    uint32 public constant MIN_WAITING_PERIOD = 1 hours;
    uint32 public constant MAX_WAITING_PERIOD = 30 days;
    uint32 public constant MIN_HEARTBEAT = 1 minutes;
    uint32 public constant MAX_HEARTBEAT = 3 days;
    uint32 public constant MAX_HEARTBEAT_TOLERANCE = 6 hours;
    uint16 public constant MAX_TRIGGER_BUFFER_BPS = 2_000;
    /// @notice Bounds of the grace period after the L2 sequencer comes back up.
    uint32 public constant MIN_SEQUENCER_GRACE_PERIOD = 5 minutes;
    uint32 public constant MAX_SEQUENCER_GRACE_PERIOD = 1 days;
    /// @notice Largest minimum cover amount, in whole units of the pool's asset.
    uint256 public constant MAX_MIN_COVER_UNITS = 1_000_000;
    /// @notice Rounds a purchase reads back at most to rule out a trigger in confirmation.
    uint256 public constant MAX_SALE_LOOKBACK = 32;

    uint256 private constant BPS = 10_000;
    /// @dev Set in a risk-change key for a product's trigger rule; a product's own key is its plain id.
    uint256 private constant TERMS_KEY_FLAG = 1 << 255;
    /// @dev `gracePeriod()` of the claims module (`CoverClaims.gracePeriod`).
    bytes4 private constant GRACE_PERIOD_SELECTOR = bytes4(keccak256("gracePeriod()"));

    mapping(uint256 productId => Product) private _products;
    mapping(uint256 productId => string) private _productNames;
    mapping(uint256 coverId => Cover) private _covers;
    mapping(uint256 productId => ProductParams) private _pendingProducts;
    mapping(uint256 productId => ParametricTerms) private _parametricTerms;
    mapping(uint256 productId => ParametricTerms) private _pendingTerms;
    mapping(uint256 productId => uint256) private _minCoverAmounts;
    mapping(uint256 coverId => StartPrice) private _startPrices;

    /// @dev The feed's round and answer when a parametric cover was bought (one slot).
    struct StartPrice {
        uint80 roundId;
        int176 answer;
    }

    // One slot: the L2 sequencer-uptime feed (zero on L1) and the grace period after it comes back.
    address private _sequencerFeed;
    uint32 private _sequencerGracePeriod;

    // One slot, read and written by every purchase.
    address private _treasury;
    uint16 private _assessorShareBps;
    uint16 private _treasuryShareBps;
    uint64 private _coverCount;

    // One slot: the product count, the claims module (read by {payout}, {recordClaim} and {releaseClaim}) and
    // its grace period (read by every purchase).
    uint32 private _productCount;
    address private _claimsModule;
    uint32 private _gracePeriod;

    /// @notice Cover contract settings at deployment.
    struct Config {
        address authority;
        uint48 pauseDuration;
        address treasury;
        uint16 assessorShareBps;
        uint16 treasuryShareBps;
    }

    /// @param config The DAO's AccessManager, pause duration, treasury (the Timelock) and premium shares.
    constructor(
        Config memory config
    ) ERC721("CoverDAO Cover", "CDCOVER") AccessManaged(config.authority) GuardianPausable(config.pauseDuration) {
        _setTreasury(config.treasury);
        _setPremiumShares(config.assessorShareBps, config.treasuryShareBps);
    }

    // ------------------------------------------------------------------ buyers

    /**
     * @inheritdoc ICoverBook
     * @dev Paused by the guardian with {pause}. Not reentrant: the ERC-721 is minted last, with the receiver
     * check, after every effect.
     */
    function buyCover(
        uint256 productId,
        uint256 amount,
        uint256 period,
        uint256 maxPremium
    ) external nonReentrant whenNotPaused returns (uint256 coverId) {
        Product storage p = _products[productId];
        address pool = p.pool;
        if (pool == address(0)) revert CoverProductNotFound(productId);
        if (!p.active) revert CoverProductInactive(productId);
        if (amount == 0) revert CoverZeroAmount();
        uint256 minimum = _minCoverAmounts[productId];
        if (amount < minimum) revert CoverAmountBelowMinimum(productId, amount, minimum);
        if (period < p.minPeriod || period > p.maxPeriod)
            revert CoverPeriodOutOfRange(period, p.minPeriod, p.maxPeriod);
        // A parametric product's feed is checked first, so that a refused sale says why before any payment.
        StartPrice memory startAt;
        if (p.priceFeed != address(0)) startAt = _checkFeedForSale(productId, p.priceFeed, p.triggerPrice);

        uint256 premium = _priceAndCheck(productId, p, pool, amount, period);
        if (premium > maxPremium) revert CoverPremiumAboveMax(premium, maxPremium);
        uint48 end = uint48(block.timestamp) + uint48(period);
        uint32 grace = _gracePeriod;
        _collectPremium(pool, amount, premium, end + grace);

        // A cover count beyond 2^64 is out of reach.
        unchecked {
            coverId = ++_coverCount;
        }
        _covers[coverId] = Cover({
            productId: uint32(productId),
            amount: amount.toUint96(),
            start: uint48(block.timestamp),
            end: end,
            gracePeriod: grace,
            paidOut: 0,
            shortfall: 0,
            latestClaim: 0
        });
        if (startAt.roundId != 0) {
            _startPrices[coverId] = startAt;
            emit CoverStartPriceRecorded(coverId, startAt.roundId, startAt.answer);
        }
        emit CoverBought(coverId, productId, msg.sender, amount, uint48(block.timestamp), end, premium);
        _safeMint(msg.sender, coverId);
    }

    /// @inheritdoc ICoverBook
    function quote(uint256 productId, uint256 amount, uint256 period) external view returns (uint256 premium) {
        Product memory p = product(productId);
        ICapitalPool.PoolState memory state = ICapitalPool(p.pool).poolState();
        return Pricing.premium(amount, period, p.baseRateBps, p.surchargeBps, state.capital, state.activeCover);
    }

    /// @inheritdoc ICoverBook
    function availableCapacity(uint256 productId) external view returns (uint256) {
        Product memory p = product(productId);
        ICapitalPool.PoolState memory state = ICapitalPool(p.pool).poolState();
        uint256 ratio = Math.min(p.capacityRatioBps, state.capacityRatioBps);
        return _available(state.capital, state.activeCover, ratio);
    }

    // ----------------------------------------------------------- claims module

    /// @inheritdoc ICoverBook
    function payout(uint256 coverId, address recipient, uint256 amount) external nonReentrant returns (uint256 paid) {
        _onlyClaimsModule();
        Cover storage c = _existingCover(coverId);
        if (amount == 0) revert CoverZeroAmount();
        if (recipient == address(0)) revert CoverZeroAddress();
        uint256 remaining = c.amount - c.paidOut;
        if (amount > remaining) revert CoverPayoutExceedsRemaining(coverId, amount, remaining);

        paid = ICapitalPool(_products[c.productId].pool).payClaim(recipient, amount);
        c.paidOut += uint96(paid);
        if (paid < amount) {
            uint256 shortfall = c.shortfall + (amount - paid);
            c.shortfall = uint96(shortfall);
            emit CoverShortfallRecorded(coverId, amount - paid, shortfall);
        }
        emit CoverPaidOut(coverId, recipient, amount, paid);
    }

    /**
     * @inheritdoc ICoverBook
     * @dev The claims module checks the amount against the cover and allows one open claim per cover, so the
     * amount is always within what the cover still adds to the pool's active cover.
     */
    function recordClaim(uint256 coverId, uint256 claimId, uint256 amount) external {
        _onlyClaimsModule();
        Cover storage c = _existingCover(coverId);
        c.latestClaim = claimId.toUint64();
        ICapitalPool(_products[c.productId].pool).addLiability(amount, _backedUntil(c));
    }

    /// @inheritdoc ICoverBook
    function releaseClaim(uint256 coverId, uint256 amount) external {
        _onlyClaimsModule();
        Cover storage c = _existingCover(coverId);
        ICapitalPool(_products[c.productId].pool).releaseLiability(amount, _backedUntil(c));
    }

    /// @inheritdoc ICoverBook
    function claimsModule() external view returns (address) {
        return _claimsModule;
    }

    /// @inheritdoc ICoverBook
    function gracePeriod() external view returns (uint32) {
        return _gracePeriod;
    }

    /// @inheritdoc ICoverBook
    function cover(uint256 coverId) external view returns (Cover memory) {
        return _existingCover(coverId);
    }

    /// @inheritdoc ICoverBook
    function remainingAmount(uint256 coverId) external view returns (uint256) {
        Cover storage c = _existingCover(coverId);
        return c.amount - c.paidOut;
    }

    /// @inheritdoc ICoverBook
    function poolOf(uint256 coverId) external view returns (address) {
        return _products[_existingCover(coverId).productId].pool;
    }

    /// @inheritdoc ICoverBook
    function product(uint256 productId) public view returns (Product memory) {
        Product memory p = _products[productId];
        if (p.pool == address(0)) revert CoverProductNotFound(productId);
        return p;
    }

    /// @inheritdoc ICoverBook
    function productName(uint256 productId) external view returns (string memory) {
        product(productId);
        return _productNames[productId];
    }

    /// @inheritdoc ICoverBook
    function isParametric(uint256 productId) external view returns (bool) {
        return product(productId).priceFeed != address(0);
    }

    /// @inheritdoc ICoverBook
    function parametricSettings(uint256 productId) external view returns (ParametricSettings memory s) {
        Product storage p = _products[productId];
        if (p.pool == address(0)) revert CoverProductNotFound(productId);
        if (p.priceFeed == address(0)) return s;
        return
            ParametricSettings({
                priceFeed: p.priceFeed,
                triggerPrice: p.triggerPrice,
                terms: _parametricTerms[productId],
                sequencerUptimeFeed: _sequencerFeed,
                sequencerGracePeriod: _sequencerGracePeriod
            });
    }

    /// @inheritdoc ICoverBook
    function startPrice(uint256 coverId) external view returns (uint80 roundId, int256 answer) {
        _existingCover(coverId);
        StartPrice memory sp = _startPrices[coverId];
        return (sp.roundId, sp.answer);
    }

    /// @inheritdoc ICoverBook
    function minCoverAmount(uint256 productId) external view returns (uint256) {
        return _minCoverAmounts[productId];
    }

    /// @inheritdoc ICoverBook
    function sequencerUptimeFeed() external view returns (address feed, uint32 gracePeriod) {
        return (_sequencerFeed, _sequencerGracePeriod);
    }

    /// @inheritdoc ICoverBook
    function productCount() external view returns (uint256) {
        return _productCount;
    }

    /// @inheritdoc ICoverBook
    function coverCount() external view returns (uint256) {
        return _coverCount;
    }

    /// @inheritdoc ICoverBook
    function premiumShares()
        external
        view
        returns (uint16 assessorShareBps, uint16 treasuryShareBps, address treasury)
    {
        return (_assessorShareBps, _treasuryShareBps, _treasury);
    }

    // ------------------------------------------------------------- governance

    /**
     * @inheritdoc ICoverBook
     * @dev Every field is checked: see {updateProduct}. An active product on a pool with underwriters is stored
     * inactive and its activation queued (a {RiskChangeQueued} event).
     */
    function addProduct(ProductParams calldata params) external restricted returns (uint256 productId) {
        _validate(params);
        productId = ++_productCount;
        uint256 delay = IRiskChangeDelay(params.pool).riskChangeDelay();
        bool waits = params.active && delay != 0;
        _pendingProducts[productId] = params;
        _store(productId, _pendingProducts[productId], !waits && params.active);
        emit ProductAdded(productId, params.name, params.riskType, params.pool);
        if (waits) _changeRisk(bytes32(productId), productId, true, delay);
        else delete _pendingProducts[productId];
    }

    /**
     * @inheritdoc ICoverBook
     * @dev Base rate within [{MIN_BASE_RATE_BPS}, {MAX_ANNUAL_RATE_BPS}], base + surcharge at most
     * {MAX_ANNUAL_RATE_BPS}, capacity ratio within [{MIN_CAPACITY_RATIO_BPS}, {MAX_CAPACITY_RATIO_BPS}],
     * periods within [{MIN_COVER_PERIOD}, {MAX_COVER_PERIOD}] with min <= max, a non-empty name, and a positive
     * trigger exactly when a price feed is set. Existing covers keep their terms. Risk-raising updates (see the
     * contract's notes) wait for the pool's {CapitalPool-riskChangeDelay}; others apply at once and drop a queued one.
     */
    function updateProduct(uint256 productId, ProductParams calldata params) external restricted {
        Product memory current = product(productId);
        if (params.pool != current.pool) revert CoverInvalidProduct("pool");
        _validate(params);
        // A set trigger rule stays consistent on the same feed: the trigger lies below the recovery price. A new
        // feed may answer in other decimals: the proposal that changes it sets the rule again.
        ParametricTerms storage terms = _parametricTerms[productId];
        if (
            terms.confirmationWindow != 0 &&
            params.priceFeed == current.priceFeed &&
            params.triggerPrice >= terms.recoveryPrice
        ) revert CoverInvalidProduct("recoveryPrice");
        _pendingProducts[productId] = params;
        uint256 delay = IRiskChangeDelay(current.pool).riskChangeDelay();
        _changeRisk(bytes32(productId), productId, _raisesRisk(current, params), delay);
    }

    /// @inheritdoc ICoverBook
    function pendingProduct(uint256 productId) external view returns (ProductParams memory, uint48) {
        return (_pendingProducts[productId], _pendingRiskChange(bytes32(productId)).effectiveAt);
    }

    /// @inheritdoc ICoverBook
    function pendingParametricTerms(uint256 productId) external view returns (ParametricTerms memory, uint48) {
        return (_pendingTerms[productId], _pendingRiskChange(parametricTermsKey(productId)).effectiveAt);
    }

    /// @inheritdoc ICoverBook
    function parametricTermsKey(uint256 productId) public pure returns (bytes32) {
        return bytes32(productId | TERMS_KEY_FLAG);
    }

    /**
     * @inheritdoc RiskChangeDelay
     * @dev The longest exit time (withdrawal cooldown plus window) of the pools that back a product: the delay a
     * product change on the slowest pool waits, and the one the claims module uses for a lower claim quorum.
     */
    function riskChangeDelay() public view override returns (uint256 longest) {
        uint256 count = _productCount;
        for (uint256 id = 1; id <= count; ++id) {
            longest = Math.max(longest, IRiskChangeDelay(_products[id].pool).riskChangeDelay());
        }
    }

    /**
     * @inheritdoc ICoverBook
     * @dev At most {MAX_ASSESSOR_SHARE_BPS} and {MAX_TREASURY_SHARE_BPS}.
     */
    function setPremiumShares(uint16 assessorShareBps, uint16 treasuryShareBps) external restricted {
        _setPremiumShares(assessorShareBps, treasuryShareBps);
    }

    /// @inheritdoc ICoverBook
    function setTreasury(address newTreasury) external restricted {
        _setTreasury(newTreasury);
    }

    /**
     * @inheritdoc ICoverBook
     * @dev Claims already recorded on covers keep their ids: a new module must tell its own claims from those.
     */
    function setClaimsModule(address newModule) external restricted {
        if (newModule == address(0)) revert CoverZeroAddress();
        emit ClaimsModuleSet(_claimsModule, newModule);
        _claimsModule = newModule;
        _syncGracePeriod();
    }

    /**
     * @inheritdoc ICoverBook
     * @dev Permissionless: it copies the claims module's own value. `CoverClaims.setGracePeriod` calls it.
     */
    function syncGracePeriod() external returns (uint32) {
        return _syncGracePeriod();
    }

    /**
     * @inheritdoc ICoverBook
     * @dev The product must have a price feed. Confirmation window within [{MIN_CONFIRMATION_WINDOW},
     * {MAX_CONFIRMATION_WINDOW}], waiting period within [{MIN_WAITING_PERIOD}, {MAX_WAITING_PERIOD}] (never
     * zero: a cover cannot be bought and claimed in one transaction), heartbeat within [{MIN_HEARTBEAT},
     * {MAX_HEARTBEAT}], tolerance at most {MAX_HEARTBEAT_TOLERANCE}, buffer at most {MAX_TRIGGER_BUFFER_BPS},
     * and trigger < recovery price <= reference price. Applies to the product's open covers too.
     */
    function setParametricTerms(uint256 productId, ParametricTerms calldata terms) external restricted {
        Product storage p = _products[productId];
        if (p.pool == address(0)) revert CoverProductNotFound(productId);
        if (p.priceFeed == address(0)) revert CoverProductNotParametric(productId);
        _checkBounds("confirmationWindow", terms.confirmationWindow, MIN_CONFIRMATION_WINDOW, MAX_CONFIRMATION_WINDOW);
        _checkBounds("waitingPeriod", terms.waitingPeriod, MIN_WAITING_PERIOD, MAX_WAITING_PERIOD);
        _checkBounds("heartbeat", terms.heartbeat, MIN_HEARTBEAT, MAX_HEARTBEAT);
        _checkBounds("heartbeatTolerance", terms.heartbeatTolerance, 0, MAX_HEARTBEAT_TOLERANCE);
        _checkBounds("triggerBufferBps", terms.triggerBufferBps, 0, MAX_TRIGGER_BUFFER_BPS);
        if (terms.recoveryPrice <= p.triggerPrice) revert CoverInvalidProduct("recoveryPrice");
        if (terms.referencePrice < terms.recoveryPrice) revert CoverInvalidProduct("referencePrice");
        _pendingTerms[productId] = terms;
        bool raises = _termsRaiseRisk(_parametricTerms[productId], terms, p.active);
        _changeRisk(parametricTermsKey(productId), productId, raises, IRiskChangeDelay(p.pool).riskChangeDelay());
    }

    /**
     * @inheritdoc ICoverBook
     * @dev At most {MAX_MIN_COVER_UNITS} whole units of the pool's asset. Junk covers of a few wei cannot then
     * carry junk claims.
     */
    function setMinCoverAmount(uint256 productId, uint256 amount) external restricted {
        address pool = product(productId).pool;
        uint256 max = MAX_MIN_COVER_UNITS * 10 ** IERC20Metadata(IERC4626(pool).asset()).decimals();
        _checkBounds("minCoverAmount", amount, 0, max);
        emit MinCoverAmountSet(productId, _minCoverAmounts[productId], amount);
        _minCoverAmounts[productId] = amount;
    }

    /**
     * @inheritdoc ICoverBook
     * @dev For L2 deployments (Chainlink's L2 sequencer-uptime feeds). With a feed, the grace period lies within
     * [{MIN_SEQUENCER_GRACE_PERIOD}, {MAX_SEQUENCER_GRACE_PERIOD}]; without one it is zero.
     */
    function setSequencerUptimeFeed(address feed, uint32 gracePeriod) external restricted {
        if (feed == address(0)) _checkBounds("sequencerGracePeriod", gracePeriod, 0, 0);
        else _checkBounds("sequencerGracePeriod", gracePeriod, MIN_SEQUENCER_GRACE_PERIOD, MAX_SEQUENCER_GRACE_PERIOD);
        _sequencerFeed = feed;
        _sequencerGracePeriod = gracePeriod;
        emit SequencerUptimeFeedSet(feed, gracePeriod);
    }

    // --------------------------------------------------------------- internal

    /**
     * @dev Checks the feed of parametric product `productId` for a sale and returns the cover's start price:
     * terms set, sequencer up past its grace period, latest round complete, positive and within heartbeat plus
     * tolerance, above the trigger plus buffer, and, while below the recovery price, no round at or below the
     * trigger in the last confirmation window without a recovery after it (read back at most
     * {MAX_SALE_LOOKBACK} rounds, within the feed's current phase).
     */
    function _checkFeedForSale(
        uint256 productId,
        address feed,
        int256 trigger
    ) private view returns (StartPrice memory) {
        ParametricTerms memory t = _parametricTerms[productId];
        if (t.confirmationWindow == 0) revert CoverParametricTermsUnset(productId);
        address sequencer = _sequencerFeed;
        if (sequencer != address(0)) {
            (bool up, uint256 since) = OracleRounds.sequencerStatus(AggregatorV3Interface(sequencer));
            if (!up) revert CoverSequencerDown();
            uint256 graceEnd = since + _sequencerGracePeriod;
            if (block.timestamp < graceEnd) revert CoverSequencerGracePeriod(since, graceEnd);
        }
        (uint80 id, int256 answer, , uint256 updatedAt, uint80 answeredIn) = AggregatorV3Interface(feed)
            .latestRoundData();
        if (updatedAt == 0 || answeredIn < id) revert CoverFeedRoundIncomplete(id, answeredIn, updatedAt);
        if (answer <= 0) revert CoverFeedInvalidAnswer(id, answer);
        uint256 maxAge = uint256(t.heartbeat) + t.heartbeatTolerance;
        if (updatedAt + maxAge < block.timestamp) revert CoverFeedStale(id, updatedAt, maxAge);
        int256 floor = trigger + (trigger * int256(uint256(t.triggerBufferBps))) / int256(BPS);
        if (answer <= floor) revert CoverPriceNearTrigger(id, answer, floor);
        if (answer < t.recoveryPrice) _checkNoTriggerInConfirmation(feed, id, trigger, t);
        // A round id of zero is never a Chainlink round: {buyCover} reads it as "no start price".
        return StartPrice(id, SafeCast.toInt176(answer));
    }

    /// @dev Reverts if a round before `latest` fell to the trigger less than a window ago with no recovery since.
    function _checkNoTriggerInConfirmation(
        address feed,
        uint80 latest,
        int256 trigger,
        ParametricTerms memory t
    ) private view {
        uint80 id = latest;
        uint256 windowEnd;
        for (uint256 i = 0; i < MAX_SALE_LOOKBACK; ++i) {
            // The first round of a phase: the previous aggregator's rounds are not read.
            if (uint64(id) <= 1) return;
            OracleRounds.Round memory r = OracleRounds.read(AggregatorV3Interface(feed), --id);
            windowEnd = r.updatedAt + t.confirmationWindow;
            if (r.updatedAt == 0 || windowEnd <= block.timestamp || r.answer >= t.recoveryPrice) return;
            if (r.answer <= trigger) revert CoverTriggerInConfirmation(id, windowEnd);
        }
        // So many rounds in one window that a trigger cannot be ruled out: refuse, as for a trigger.
        revert CoverTriggerInConfirmation(id, windowEnd);
    }

    function _checkBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert CoverParameterOutOfBounds(parameter, value, min, max);
    }

    /// @dev Payouts and claim records accept only the claims module that governance set.
    function _onlyClaimsModule() private view {
        if (msg.sender != _claimsModule) revert AccessManagedUnauthorized(msg.sender);
    }

    /// @dev Brings the pool's books up to date, checks capacity and prices the cover.
    function _priceAndCheck(
        uint256 productId,
        Product storage p,
        address pool,
        uint256 amount,
        uint256 period
    ) private returns (uint256 premium) {
        (uint256 capital, uint256 active, uint16 poolRatioBps) = ICapitalPool(pool).sync();
        uint256 available = _available(capital, active, Math.min(p.capacityRatioBps, poolRatioBps));
        if (amount > available) revert CoverInsufficientCapacity(productId, amount, available);
        premium = Pricing.premium(amount, period, p.baseRateBps, p.surchargeBps, capital, active);
    }

    /// @dev Splits the premium (treasury, assessors, pool), moves it from the buyer and books the cover, backed by
    /// the pool until `backedUntil`.
    function _collectPremium(address pool, uint256 amount, uint256 premium, uint48 backedUntil) private {
        uint256 treasuryCut = (premium * _treasuryShareBps) / BPS;
        uint256 assessorCut = (premium * _assessorShareBps) / BPS;
        IERC20 asset = IERC20(IERC4626(pool).asset());
        if (treasuryCut != 0) SafeERC20.safeTransferFrom(asset, msg.sender, _treasury, treasuryCut);
        SafeERC20.safeTransferFrom(asset, msg.sender, pool, premium - treasuryCut);
        ICapitalPool(pool).addCover(amount, premium - treasuryCut - assessorCut, assessorCut, backedUntil);
    }

    /**
     * @dev Copies the claims module's grace period, which each cover fixes at purchase: claims on a cover may be
     * filed until its end plus the lesser of that and the module's grace period at filing, and the pool backs
     * the cover that long. Kept here so that a purchase reads one warm slot instead of calling the module. A
     * module that does not report one (an account standing in for it) gives none.
     */
    function _syncGracePeriod() private returns (uint32 grace) {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = _claimsModule.staticcall(abi.encodeWithSelector(GRACE_PERIOD_SELECTOR));
        if (ok && data.length == 32) grace = abi.decode(data, (uint32));
        if (grace != _gracePeriod) {
            emit GracePeriodSynced(_gracePeriod, grace);
            _gracePeriod = grace;
        }
    }

    /// @dev Until when the pool backs cover `c`: its end plus the grace period fixed at purchase.
    function _backedUntil(Cover storage c) private view returns (uint48) {
        return c.end + c.gracePeriod;
    }

    function _existingCover(uint256 coverId) private view returns (Cover storage c) {
        c = _covers[coverId];
        if (c.start == 0) revert CoverNotFound(coverId);
    }

    function _available(uint256 capital, uint256 active, uint256 ratioBps) private pure returns (uint256) {
        uint256 capacity = (capital * ratioBps) / BPS;
        return capacity > active ? capacity - active : 0;
    }

    function _validate(ProductParams calldata params) private pure {
        if (bytes(params.name).length == 0) revert CoverInvalidProduct("name");
        if (params.pool == address(0)) revert CoverZeroAddress();
        if (params.baseRateBps < MIN_BASE_RATE_BPS || params.baseRateBps > MAX_ANNUAL_RATE_BPS) {
            revert CoverParameterOutOfBounds("baseRateBps", params.baseRateBps, MIN_BASE_RATE_BPS, MAX_ANNUAL_RATE_BPS);
        }
        uint256 maxSurcharge = MAX_ANNUAL_RATE_BPS - params.baseRateBps;
        if (params.surchargeBps > maxSurcharge) {
            revert CoverParameterOutOfBounds("surchargeBps", params.surchargeBps, 0, maxSurcharge);
        }
        if (params.capacityRatioBps < MIN_CAPACITY_RATIO_BPS || params.capacityRatioBps > MAX_CAPACITY_RATIO_BPS) {
            revert CoverParameterOutOfBounds(
                "capacityRatioBps",
                params.capacityRatioBps,
                MIN_CAPACITY_RATIO_BPS,
                MAX_CAPACITY_RATIO_BPS
            );
        }
        if (params.minPeriod < MIN_COVER_PERIOD || params.minPeriod > MAX_COVER_PERIOD) {
            revert CoverParameterOutOfBounds("minPeriod", params.minPeriod, MIN_COVER_PERIOD, MAX_COVER_PERIOD);
        }
        if (params.maxPeriod < params.minPeriod || params.maxPeriod > MAX_COVER_PERIOD) {
            revert CoverParameterOutOfBounds("maxPeriod", params.maxPeriod, params.minPeriod, MAX_COVER_PERIOD);
        }
        if ((params.priceFeed == address(0)) != (params.triggerPrice == 0) || params.triggerPrice < 0) {
            revert CoverInvalidProduct("triggerPrice");
        }
    }

    /// @dev Writes `params` as product `productId`'s terms, with `active` in place of `params.active`.
    function _store(uint256 productId, ProductParams storage params, bool active) private {
        _products[productId] = Product({
            pool: params.pool,
            riskType: params.riskType,
            baseRateBps: params.baseRateBps,
            surchargeBps: params.surchargeBps,
            capacityRatioBps: params.capacityRatioBps,
            active: active,
            minPeriod: params.minPeriod,
            maxPeriod: params.maxPeriod,
            priceFeed: params.priceFeed,
            triggerPrice: params.triggerPrice
        });
        _productNames[productId] = params.name;
    }

    /// @dev Applies the queued settings of product `productId`, or its trigger rule when `key` says so (both
    /// validated when queued).
    function _applyRiskChange(bytes32 key, uint256 productId) internal override {
        if (uint256(key) & TERMS_KEY_FLAG != 0) {
            ParametricTerms storage terms = _pendingTerms[productId];
            _parametricTerms[productId] = terms;
            emit ParametricTermsSet(productId, terms);
            delete _pendingTerms[productId];
            return;
        }
        ProductParams storage params = _pendingProducts[productId];
        _store(productId, params, params.active);
        emit ProductUpdated(productId, params.name, params.active);
        delete _pendingProducts[productId];
    }

    /**
     * @dev Whether moving a trigger rule from `current` to `next` lets it pay more easily or more: a first rule on a
     * product on sale (it opens sales), a higher recovery or reference price, a shorter confirmation window or
     * waiting period, a staler feed accepted, a smaller buffer above the trigger at sale, or the full payout
     * in place of the loss-proportional one.
     */
    function _termsRaiseRisk(
        ParametricTerms storage current,
        ParametricTerms calldata next,
        bool active
    ) private view returns (bool) {
        if (current.confirmationWindow == 0) return active;
        return
            next.recoveryPrice > current.recoveryPrice ||
            next.referencePrice > current.referencePrice ||
            next.confirmationWindow < current.confirmationWindow ||
            next.waitingPeriod < current.waitingPeriod ||
            uint256(next.heartbeat) + next.heartbeatTolerance >
                uint256(current.heartbeat) + current.heartbeatTolerance ||
            next.triggerBufferBps < current.triggerBufferBps ||
            (next.payoutRule == PayoutRule.Full && current.payoutRule != PayoutRule.Full);
    }

    /// @dev Whether moving product terms from `current` to `next` raises the pool's risk in any field.
    function _raisesRisk(Product memory current, ProductParams calldata next) private pure returns (bool) {
        return
            (next.active && !current.active) ||
            next.capacityRatioBps > current.capacityRatioBps ||
            next.maxPeriod > current.maxPeriod ||
            next.priceFeed != current.priceFeed ||
            next.triggerPrice > current.triggerPrice;
    }

    function _setPremiumShares(uint16 assessorShareBps, uint16 treasuryShareBps) private {
        if (assessorShareBps > MAX_ASSESSOR_SHARE_BPS) {
            revert CoverParameterOutOfBounds("assessorShareBps", assessorShareBps, 0, MAX_ASSESSOR_SHARE_BPS);
        }
        if (treasuryShareBps > MAX_TREASURY_SHARE_BPS) {
            revert CoverParameterOutOfBounds("treasuryShareBps", treasuryShareBps, 0, MAX_TREASURY_SHARE_BPS);
        }
        _assessorShareBps = assessorShareBps;
        _treasuryShareBps = treasuryShareBps;
        emit PremiumSharesSet(assessorShareBps, treasuryShareBps);
    }

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0)) revert CoverZeroAddress();
        emit TreasurySet(_treasury, newTreasury);
        _treasury = newTreasury;
    }
}
