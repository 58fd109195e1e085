// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
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

    uint256 private constant BPS = 10_000;
    /// @dev `gracePeriod()` of the claims module (`CoverClaims.gracePeriod`).
    bytes4 private constant GRACE_PERIOD_SELECTOR = bytes4(keccak256("gracePeriod()"));

    mapping(uint256 productId => Product) private _products;
    mapping(uint256 productId => string) private _productNames;
    mapping(uint256 coverId => Cover) private _covers;
    mapping(uint256 productId => ProductParams) private _pendingProducts;

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
        if (period < p.minPeriod || period > p.maxPeriod)
            revert CoverPeriodOutOfRange(period, p.minPeriod, p.maxPeriod);

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
        _pendingProducts[productId] = params;
        uint256 delay = IRiskChangeDelay(current.pool).riskChangeDelay();
        _changeRisk(bytes32(productId), productId, _raisesRisk(current, params), delay);
    }

    /// @inheritdoc ICoverBook
    function pendingProduct(uint256 productId) external view returns (ProductParams memory, uint48) {
        return (_pendingProducts[productId], _pendingRiskChange(bytes32(productId)).effectiveAt);
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

    // --------------------------------------------------------------- internal

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

    /// @dev Applies the queued settings of product `productId` (already validated when queued).
    function _applyRiskChange(bytes32, uint256 productId) internal override {
        ProductParams storage params = _pendingProducts[productId];
        _store(productId, params, params.active);
        emit ProductUpdated(productId, params.name, params.active);
        delete _pendingProducts[productId];
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
