// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {GuardianPausable} from "../governance/GuardianPausable.sol";
import {RiskChangeDelay} from "../governance/RiskChangeDelay.sol";
import {ICapitalPool} from "./interfaces/ICapitalPool.sol";
import {PremiumStream} from "./libraries/PremiumStream.sol";

/**
 * @title CapitalPool
 * @notice An ERC-4626 pool of one asset whose capital backs covers. Underwriters deposit at any time (unless
 * the guardian paused deposits, or more than {MAX_BUCKETS_PER_SYNC} expiry buckets wait for {processExpiries}:
 * {maxDeposit} then reads zero) and leave through a withdrawal request: the shares are escrowed, wait a
 * cooldown, then are redeemed within a window at the lower of their value at the request and their value at
 * completion, both net of open liabilities. Escrowed shares therefore keep bearing every claim filed before
 * completion, and capital that active covers require cannot leave.
 * @dev Accounting. The pool's balance is capital ({totalAssets}) + unearned premium + the assessor-reward pot.
 A cover's premium is streamed into capital at a constant rate from its purchase to the end of its expiry
 * bucket (the first multiple of {BUCKET_SIZE} at or after the cover's end), so a deposit made just before a
 * premium only earns its time-weighted share ({PremiumStream}). Each bucket stores the rate and the cover amount
 * that stop at its end; buckets are processed lazily, at most {MAX_BUCKETS_PER_SYNC} per user action ({processExpiries}
 * catches up any backlog), which keeps every action's gas bounded. Views compute the books as of now.
 *
 * Liabilities (docs/liabilities.md). A cover backs its claims until `backedUntil` (its end plus the claims'
 * grace period), so its amount stays in active cover until then. A filed claim's amount moves from active cover
 * to the open liabilities ({addLiability}); a payout consumes it ({payClaim}), a denial or an expiry releases it
 * ({releaseLiability}), back to active cover while the cover is still backed. Share price, free capital and
 * capacity are all net of open liabilities; claims are paid from gross capital.
 *
 * The inflation (donation) attack on the first deposit is defeated by OpenZeppelin's virtual shares and
 * assets with a decimals offset of {DECIMALS_OFFSET}; ERC-4626 `withdraw` and `redeem` are disabled
 * (`maxWithdraw` and `maxRedeem` are zero) in favour of {requestWithdrawal} and {completeWithdrawal}.
 *
 * Risk changes ({RiskChangeDelay}): a higher capacity ratio and a shorter withdrawal cooldown apply only
 * {riskChangeDelay} (the cooldown plus the window in force) after governance set them, once anyone calls
 * {applyRiskChange}; a lower ratio or a longer cooldown applies at once.
 */
// Sixteen state variables: the books are split over packed slots on purpose (see the storage layout below).
// solhint-disable-next-line max-states-count
contract CapitalPool is ERC4626, GuardianPausable, RiskChangeDelay, ICapitalPool {
    using SafeCast for uint256;
    using PremiumStream for PremiumStream.Books;
    using PremiumStream for PremiumStream.Buckets;

    /// @notice Granularity of expiry buckets (seconds).
    uint256 public constant BUCKET_SIZE = PremiumStream.BUCKET_SIZE;
    /// @notice Most non-empty expiry buckets one user action processes (empty days cost nearly nothing);
    /// {processExpiries} takes its own limit.
    uint256 public constant MAX_BUCKETS_PER_SYNC = 32;
    /// @notice Shares carry this many more decimals than the asset (virtual shares against inflation).
    uint8 public constant DECIMALS_OFFSET = 6;
    /// @notice Bounds of the capacity ratio (bps of capital that active cover may use).
    uint16 public constant MIN_CAPACITY_RATIO_BPS = 100;
    uint16 public constant MAX_CAPACITY_RATIO_BPS = 10_000;
    /// @notice Bounds of the withdrawal cooldown.
    uint32 public constant MIN_COOLDOWN = 1 days;
    uint32 public constant MAX_COOLDOWN = 90 days;
    /// @notice Bounds of the withdrawal window.
    uint32 public constant MIN_WINDOW = 1 days;
    uint32 public constant MAX_WINDOW = 30 days;

    /// @notice Names of the risk parameters whose raises wait ({pendingRiskChange}, {applyRiskChange}).
    bytes32 public constant CAPACITY_RATIO = "capacityRatioBps";
    bytes32 public constant WITHDRAWAL_COOLDOWN = "withdrawalCooldown";

    uint256 private constant BPS = 10_000;

    /// @notice Pool settings at deployment.
    struct Config {
        string name;
        string symbol;
        address authority;
        uint48 pauseDuration;
        uint16 capacityRatioBps;
        uint32 withdrawalCooldown;
        uint32 withdrawalWindow;
    }

    // Storage layout: the inherited AccessManaged and GuardianPausable leave 20 bytes of their last slot free;
    // the shortfall and the window fill them, so that the books below start on a fresh slot. Keep the order.
    uint128 private _totalShortfall;
    uint32 private _window;
    // Slot: read by every action, written by every accrual.
    uint160 private _rate;
    uint48 private _accruedUntil;
    uint16 private _capacityRatioBps;
    uint32 private _cooldown;
    // Slot.
    uint128 private _unearned;
    uint128 private _activeCover;
    // Slot: written by every accrual and every new cover. The carry (streaming remainder) stays below 1e18.
    uint96 private _rewardPot;
    uint96 private _premiumsReceived;
    uint64 private _carry;

    // Slot: shares escrowed by withdrawal requests, and claim payments the token refused, owed to their
    // recipients and kept out of the pool's assets (both rarely written).
    uint160 private _pendingShares;
    uint96 private _owedPayouts;
    // Slot: the cover book (checked by every cover hook) and the open liabilities (read by every price).
    address private _coverBook;
    uint96 private _openLiabilities;
    /// @dev The expiry buckets and the bitmap of the used ones (two slots, in this order: buckets, bits).
    PremiumStream.Buckets private _buckets;
    mapping(address owner => WithdrawalRequest) private _requests;
    mapping(address recipient => uint256) private _payoutCredits;

    /**
     * @param asset_ The pool's asset (WETH, a stablecoin, ...).
     * @param config Name, symbol, the DAO's AccessManager, pause duration and the risk parameters, each bounded.
     */
    constructor(
        IERC20Metadata asset_,
        Config memory config
    )
        ERC20(config.name, config.symbol)
        ERC4626(asset_)
        AccessManaged(config.authority)
        GuardianPausable(config.pauseDuration)
    {
        _setCapacityRatio(config.capacityRatioBps);
        _setWithdrawalCooldown(config.withdrawalCooldown);
        _setWithdrawalWindow(config.withdrawalWindow);
        _accruedUntil = uint48(block.timestamp);
    }

    // ------------------------------------------------------------- underwriters

    /**
     * @notice Deposits `assets` and mints shares to `receiver` at the current share price (rounded down).
     * @dev Paused by the guardian with {pause}; {PoolExpiriesPending} while more than {MAX_BUCKETS_PER_SYNC}
     * expiry buckets are due (then {maxDeposit} reads zero); {PoolZeroShares} when `assets` would mint no share,
     * so that an underwriter never pays for nothing. Mints exactly {previewDeposit} of the same block.
     * Emits a {Deposit} event.
     */
    function deposit(uint256 assets, address receiver) public override whenNotPaused returns (uint256 shares) {
        if (assets == 0) revert PoolZeroAmount();
        _syncOrRevert();
        // The limits of {maxDeposit} are the pause and the backlog, both checked above (a supply overflow would
        // revert in the mint): no second computation of the price.
        shares = previewDeposit(assets);
        if (shares == 0) revert PoolZeroShares(assets);
        _deposit(_msgSender(), receiver, assets, shares);
    }

    /**
     * @notice Mints exactly `shares` to `receiver` for the assets they are worth, rounded up.
     * @dev Paused by the guardian with {pause}; {PoolExpiriesPending} while more than {MAX_BUCKETS_PER_SYNC}
     * expiry buckets are due (then {maxMint} reads zero). Takes exactly {previewMint} of the same block, at least
     * one unit of the asset (rounded up). Emits a {Deposit} event.
     */
    function mint(uint256 shares, address receiver) public override whenNotPaused returns (uint256 assets) {
        if (shares == 0) revert PoolZeroAmount();
        _syncOrRevert();
        assets = previewMint(shares);
        _deposit(_msgSender(), receiver, assets, shares);
    }

    /// @inheritdoc ICapitalPool
    function requestWithdrawal(uint256 shares) external {
        if (shares == 0) revert PoolZeroAmount();
        // The value is taken at the price of this second, net of open liabilities: the most the shares can bring.
        uint256 value = previewRedeem(shares);
        _transfer(msg.sender, address(this), shares);
        WithdrawalRequest storage request = _requests[msg.sender];
        uint256 total = request.shares + shares;
        uint48 readyAt = uint48(block.timestamp) + _cooldown;
        uint48 expiresAt = readyAt + _window;
        request.shares = total.toUint128();
        request.readyAt = readyAt;
        request.expiresAt = expiresAt;
        request.assets = (request.assets + value).toUint128();
        _pendingShares = (_pendingShares + shares).toUint160();
        emit WithdrawalRequested(msg.sender, shares, total, readyAt, expiresAt);
    }

    /// @inheritdoc ICapitalPool
    function completeWithdrawal(address receiver) external returns (uint256 assets) {
        WithdrawalRequest memory request = _requests[msg.sender];
        if (request.shares == 0) revert PoolNoWithdrawalRequest(msg.sender);
        uint48 nowTime = uint48(block.timestamp);
        if (nowTime < request.readyAt) revert PoolWithdrawalCooldown(request.readyAt, nowTime);
        if (nowTime >= request.expiresAt) {
            _cancelWithdrawal(msg.sender, request.shares, true);
            return 0;
        }
        if (receiver == address(0)) revert PoolZeroAddress();
        _syncOrRevert();

        uint256 capital = totalAssets();
        uint256 required = _requiredCapital(_activeCover, _capacityRatioBps);
        uint256 free = capital > required ? capital - required : 0;
        uint256 shares = request.shares;
        uint256 cap = request.assets;
        assets = _exitValue(shares, cap, shares);
        if (assets > free) {
            // Only part of the request fits; the rest stays escrowed in the same window, with the rest of its cap.
            shares = Math.mulDiv(shares, free, assets);
            if (shares == 0) revert PoolNoFreeCapital(capital, required);
            assets = Math.min(_exitValue(shares, cap, request.shares), free);
        }
        // `shares` <= `request.shares` (equal, or scaled by free / assets < 1), and the cap consumed likewise.
        unchecked {
            uint256 left = request.shares - shares;
            if (left == 0) {
                delete _requests[msg.sender];
            } else {
                WithdrawalRequest storage stored = _requests[msg.sender];
                stored.shares = uint128(left);
                stored.assets = uint128(cap - Math.mulDiv(cap, shares, request.shares));
            }
            _pendingShares = uint160(_pendingShares - shares);
        }
        // Shares burnt for less than their value leave the difference to the underwriters who stay.
        _withdraw(address(this), receiver, address(this), assets, shares);
        emit WithdrawalCompleted(msg.sender, receiver, shares, assets);
    }

    /// @inheritdoc ICapitalPool
    function cancelWithdrawal(address owner) external {
        WithdrawalRequest memory request = _requests[owner];
        if (request.shares == 0) revert PoolNoWithdrawalRequest(owner);
        bool lapsed = block.timestamp >= request.expiresAt;
        if (msg.sender != owner && !lapsed) revert PoolWithdrawalNotCancellable(owner, request.expiresAt);
        _cancelWithdrawal(owner, request.shares, lapsed);
    }

    /// @inheritdoc ICapitalPool
    function withdrawalRequest(address owner) external view returns (WithdrawalRequest memory) {
        return _requests[owner];
    }

    /**
     * @inheritdoc ICapitalPool
     * @dev The projection to `readyAt` streams the premium and expires the buckets due by then, and assumes
     * nothing else happens: no new claim, cover, deposit or withdrawal, and no liability settled.
     */
    function withdrawalQuote(address owner) external view returns (WithdrawalQuote memory quote) {
        WithdrawalRequest memory request = _requests[owner];
        uint256 nowTime = block.timestamp;
        quote.requested = request.shares != 0;
        if (quote.requested) {
            quote.shares = request.shares;
            quote.readyAt = request.readyAt;
            quote.expiresAt = request.expiresAt;
            quote.valueAtRequest = request.assets;
        } else {
            quote.shares = balanceOf(owner);
            quote.readyAt = nowTime + _cooldown;
            quote.expiresAt = quote.readyAt + _window;
            quote.valueAtRequest = previewRedeem(quote.shares);
        }
        if (quote.shares == 0) return quote;
        uint256 supply = totalSupply();
        uint16 ratio = _capacityRatioBps;
        PremiumStream.Books memory books = _booksAt(nowTime);
        uint256 capital = _netCapital(books);
        quote.valueNow = Math.min(quote.valueAtRequest, _sharesValue(quote.shares, capital, supply));
        if (quote.requested && nowTime >= request.readyAt && nowTime < request.expiresAt) {
            quote.payableNow = Math.min(quote.valueNow, _free(capital, books.active, ratio));
        }
        if (quote.readyAt > nowTime) books = _booksAt(quote.readyAt);
        capital = _netCapital(books);
        quote.payableAtReady = Math.min(
            Math.min(quote.valueAtRequest, _sharesValue(quote.shares, capital, supply)),
            _free(capital, books.active, ratio)
        );
    }

    // ------------------------------------------------------------ cover module

    /// @inheritdoc ICapitalPool
    function sync() external returns (uint256 capital, uint256 activeCover_, uint16 capacityRatioBps) {
        _syncOrRevert();
        return (totalAssets(), _activeCover, _capacityRatioBps);
    }

    /// @inheritdoc ICapitalPool
    function processExpiries(uint256 maxBuckets) external returns (bool done) {
        return _accrue(maxBuckets);
    }

    /// @inheritdoc ICapitalPool
    function addCover(uint256 amount, uint256 premium, uint256 assessorReward, uint48 backedUntil) external {
        _onlyCoverBook();
        if (amount == 0) revert PoolZeroAmount();
        if (premium == 0 || backedUntil <= block.timestamp) revert PoolInvalidCover(premium, backedUntil);
        _syncOrRevert();
        // The premium and the reward are already in the balance: book them before measuring capital.
        _unearned = (_unearned + premium).toUint128();
        _rewardPot = (_rewardPot + assessorReward).toUint96();
        _premiumsReceived = (_premiumsReceived + premium).toUint96();

        uint256 active = _activeCover;
        uint256 capacity = (totalAssets() * _capacityRatioBps) / BPS;
        uint256 available = capacity > active ? capacity - active : 0;
        if (amount > available) revert PoolCapacityExceeded(amount, available);

        uint256 expiresAt = PremiumStream.bucketEnd(backedUntil);
        uint256 rate = _buckets.add(expiresAt, amount, premium);
        _rate = (_rate + rate).toUint160();
        _activeCover = (active + amount).toUint128();
        emit CoverAdded(amount, premium, assessorReward, backedUntil, uint48(expiresAt));
    }

    /**
     * @inheritdoc ICapitalPool
     * @dev No need to bring the books forward: a bucket that ends after this second is still counted in
     * `_activeCover` whatever the books' time, and one that has ended is left alone.
     */
    function addLiability(uint256 amount, uint48 backedUntil) external {
        _onlyCoverBook();
        if (amount == 0) revert PoolZeroAmount();
        uint256 expiresAt = PremiumStream.bucketEnd(backedUntil);
        if (expiresAt > block.timestamp) {
            // The claimed amount moves from active cover to liabilities, so that it is never counted twice. The
            // claims module keeps it within what the cover still adds to its bucket; the bound only matters for a
            // re-claim of a part left unpaid by a shortfall (whose backing the short payout already consumed).
            PremiumStream.Bucket storage bucket = _buckets.at[expiresAt / BUCKET_SIZE];
            uint96 moved = uint96(Math.min(amount, bucket.cover));
            bucket.cover -= moved;
            _activeCover -= moved;
        }
        uint256 total = _openLiabilities + amount;
        _openLiabilities = total.toUint96();
        emit LiabilityAdded(amount, total);
    }

    /// @inheritdoc ICapitalPool
    function releaseLiability(uint256 amount, uint48 backedUntil) external {
        _onlyCoverBook();
        uint256 open = _openLiabilities;
        if (amount == 0) revert PoolZeroAmount();
        if (amount > open) revert PoolLiabilityExceeded(amount, open);
        uint256 expiresAt = PremiumStream.bucketEnd(backedUntil);
        bool backToCover = expiresAt > block.timestamp;
        if (backToCover) {
            // The cover still runs (or is in its grace period): its amount backs it again.
            PremiumStream.Bucket storage bucket = _buckets.at[expiresAt / BUCKET_SIZE];
            bucket.cover = (bucket.cover + amount).toUint96();
            _activeCover = (_activeCover + amount).toUint128();
        }
        // Checked above.
        unchecked {
            _openLiabilities = uint96(open - amount);
        }
        emit LiabilityReleased(amount, backToCover, open - amount);
    }

    /// @inheritdoc ICapitalPool
    function payClaim(address recipient, uint256 amount) external returns (uint256 paid) {
        _onlyCoverBook();
        if (recipient == address(0)) revert PoolZeroAddress();
        if (amount == 0) revert PoolZeroAmount();
        uint256 open = _openLiabilities;
        if (amount > open) revert PoolLiabilityExceeded(amount, open);
        // Capital is computed as of now without writing the books, and a payout changes neither the premium
        // stream nor any bucket that is due; the books are brought forward first only when a bucket is due,
        // which keeps that computation bounded (and reverts, as every action does, on a long backlog).
        if (_buckets.due(_accruedUntil, block.timestamp)) _syncOrRevert();
        // Paid from gross capital: the liability was already netted out of the share price since filing, so a
        // payout in full leaves the share price unchanged.
        paid = Math.min(amount, _grossCapital(_currentBooks()));
        // Checked above: the whole liability is consumed, the unpaid part becoming the recorded shortfall.
        unchecked {
            _openLiabilities = uint96(open - amount);
        }
        if (paid < amount) {
            uint256 total = _totalShortfall + (amount - paid);
            _totalShortfall = total.toUint128();
            emit ShortfallRecorded(amount - paid, total);
        }
        emit ClaimPaid(recipient, amount, paid);
        // A refused transfer is owed, not lost and not blocking: credited to the recipient (see the interface).
        if (paid != 0 && !SafeERC20.trySafeTransfer(IERC20(asset()), recipient, paid)) {
            _owedPayouts = (_owedPayouts + paid).toUint96();
            _payoutCredits[recipient] += paid;
            emit PayoutCredited(recipient, paid);
        }
    }

    /// @inheritdoc ICapitalPool
    function withdrawPayoutCredit(address to) external returns (uint256 amount) {
        if (to == address(0)) revert PoolZeroAddress();
        amount = _payoutCredits[msg.sender];
        if (amount == 0) revert PoolNoPayoutCredit(msg.sender);
        delete _payoutCredits[msg.sender];
        _owedPayouts = uint96(_owedPayouts - amount);
        emit PayoutCreditWithdrawn(msg.sender, to, amount);
        SafeERC20.safeTransfer(IERC20(asset()), to, amount);
    }

    /// @inheritdoc ICapitalPool
    function payoutCreditOf(address account) external view returns (uint256) {
        return _payoutCredits[account];
    }

    /// @inheritdoc ICapitalPool
    function coverBook() external view returns (address) {
        return _coverBook;
    }

    // ---------------------------------------------------------- claims module

    /// @inheritdoc ICapitalPool
    function payAssessorReward(address to, uint256 amount) external restricted {
        if (to == address(0)) revert PoolZeroAddress();
        if (amount == 0) revert PoolZeroAmount();
        uint256 pot = _rewardPot;
        if (amount > pot) revert PoolRewardExceedsPot(amount, pot);
        // Checked above.
        unchecked {
            _rewardPot = uint96(pot - amount);
        }
        SafeERC20.safeTransfer(IERC20(asset()), to, amount);
        emit AssessorRewardPaid(to, amount);
    }

    /// @inheritdoc ICapitalPool
    function assessorRewardPot() external view returns (uint256) {
        return _rewardPot;
    }

    // ------------------------------------------------------------- governance

    /**
     * @inheritdoc ICapitalPool
     * @dev Bounded by {MIN_CAPACITY_RATIO_BPS} and {MAX_CAPACITY_RATIO_BPS}. A higher ratio raises risk: it is
     * queued for {riskChangeDelay} (see {RiskChangeDelay}) while the pool has underwriters. Emits a
     * {CapacityRatioSet} event when it applies, a {RiskChangeQueued} event when it waits.
     */
    function setCapacityRatio(uint16 newRatioBps) external restricted {
        _checkCapacityRatio(newRatioBps);
        _changeRisk(CAPACITY_RATIO, newRatioBps, newRatioBps > _capacityRatioBps, riskChangeDelay());
    }

    /**
     * @inheritdoc ICapitalPool
     * @dev Bounded by {MIN_COOLDOWN} and {MAX_COOLDOWN}; pending requests keep theirs. A shorter cooldown raises
     * risk (underwriters could run ahead of a loss faster): it is queued for {riskChangeDelay} while the pool has
     * underwriters. Emits a {WithdrawalCooldownSet} event when it applies, a {RiskChangeQueued} event when it waits.
     */
    function setWithdrawalCooldown(uint32 newCooldown) external restricted {
        _checkWithdrawalCooldown(newCooldown);
        _changeRisk(WITHDRAWAL_COOLDOWN, newCooldown, newCooldown < _cooldown, riskChangeDelay());
    }

    /**
     * @inheritdoc ICapitalPool
     * @dev Bounded by {MIN_WINDOW} and {MAX_WINDOW}; pending requests keep theirs. Emits a
     * {WithdrawalWindowSet} event.
     */
    function setWithdrawalWindow(uint32 newWindow) external restricted {
        _setWithdrawalWindow(newWindow);
    }

    /**
     * @inheritdoc ICapitalPool
     * @dev A governed address rather than an AccessManager role on the cover hooks: checking it costs one storage
     * read instead of a call to the manager on every purchase and payout. Emits a {CoverBookSet} event.
     */
    function setCoverBook(address newCoverBook) external restricted {
        if (newCoverBook == address(0)) revert PoolZeroAddress();
        emit CoverBookSet(_coverBook, newCoverBook);
        _coverBook = newCoverBook;
    }

    // ------------------------------------------------------------------ views

    /**
     * @notice Capital: the pool's balance minus unearned premium, the assessor-reward pot, claim payments owed to
     * recipients the token refused, and the open liabilities (claims filed and not yet paid, denied or expired),
     * as of now; zero when liabilities exceed it.
     * @dev What shares are worth (ERC-4626): deposits and withdrawals are both priced net of known claims, so a
     * new depositor does not buy into a known loss and a leaver bears its share of it. Never reverts, even when
     * claims emptied the pool.
     */
    function totalAssets() public view override returns (uint256) {
        return _netCapital(_currentBooks());
    }

    /**
     * @notice The most `deposit` accepts for `receiver` now (EIP-4626): zero while the guardian paused deposits,
     * while more than {MAX_BUCKETS_PER_SYNC} expiry buckets are due (anyone clears that backlog with
     * {processExpiries}, after which deposits reopen) or for the zero address; otherwise what keeps the share
     * supply within 2^256 - 1 at the current price.
     * @dev Never above what {deposit} accepts in the same block. The asset's own limits (balance, allowance) are
     * not counted, as the EIP says. A deposit at or below the maximum is still refused with {PoolZeroShares} if it
     * is too small to mint one share ({previewDeposit} is zero).
     */
    function maxDeposit(address receiver) public view override returns (uint256) {
        (bool open, uint256 headroom, uint256 assetsPlusOne, uint256 supplyPlusVirtual) = _depositLimits(receiver);
        if (!open) return 0;
        // Shares minted are floor(assets * (supply + 10^offset) / (totalAssets + 1)) (virtual shares and assets).
        if (assetsPlusOne > supplyPlusVirtual) {
            // A share is worth more than one unit: even type(uint256).max assets may fit the headroom.
            uint256 sharesOfMax = Math.mulDiv(type(uint256).max, supplyPlusVirtual, assetsPlusOne);
            if (sharesOfMax <= headroom) return type(uint256).max;
        }
        // Below, headroom * assetsPlusOne / supplyPlusVirtual < type(uint256).max: mulDiv cannot overflow.
        return Math.mulDiv(headroom, assetsPlusOne, supplyPlusVirtual);
    }

    /**
     * @notice The most `mint` accepts for `receiver` now (EIP-4626): zero while the guardian paused deposits,
     * while more than {MAX_BUCKETS_PER_SYNC} expiry buckets are due (anyone clears that backlog with
     * {processExpiries}) or for the zero address; otherwise what keeps the share supply, and the assets the
     * shares cost, within 2^256 - 1.
     * @dev Never above what {mint} accepts in the same block; the asset's own limits are not counted.
     */
    function maxMint(address receiver) public view override returns (uint256) {
        (bool open, uint256 headroom, uint256 assetsPlusOne, uint256 supplyPlusVirtual) = _depositLimits(receiver);
        if (!open) return 0;
        // Assets taken are ceil(shares * (totalAssets + 1) / (supply + 10^offset)): they must fit in 256 bits.
        if (assetsPlusOne > supplyPlusVirtual) {
            return Math.min(headroom, Math.mulDiv(type(uint256).max, supplyPlusVirtual, assetsPlusOne));
        }
        return headroom;
    }

    /**
     * @notice Always zero: withdraw through {requestWithdrawal} and {completeWithdrawal}.
     * @dev The pool's documented EIP-4626 deviation (docs/integrating.md): `withdraw` and `redeem` accept nothing
     * (any non-zero amount reverts with `ERC4626ExceededMaxWithdraw` / `ERC4626ExceededMaxRedeem`), which the EIP
     * allows by returning zero here. {previewWithdraw} and {previewRedeem} still price shares as if a redemption
     * were accepted now (net of open liabilities): {requestWithdrawal} records `previewRedeem(shares)` as the cap,
     * and {completeWithdrawal} pays at most the lower of that cap and `previewRedeem(shares)` at completion, and
     * at most {freeCapital}.
     */
    function maxWithdraw(address) public pure override returns (uint256) {
        return 0;
    }

    /// @notice Always zero: redeem through {requestWithdrawal} and {completeWithdrawal} (see {maxWithdraw}).
    function maxRedeem(address) public pure override returns (uint256) {
        return 0;
    }

    /// @inheritdoc ICapitalPool
    function activeCover() external view returns (uint256) {
        return _currentBooks().active;
    }

    /// @inheritdoc ICapitalPool
    function freeCapital() public view returns (uint256) {
        PremiumStream.Books memory books = _currentBooks();
        return _free(_netCapital(books), books.active, _capacityRatioBps);
    }

    /// @inheritdoc ICapitalPool
    function openLiabilities() external view returns (uint256) {
        return _openLiabilities;
    }

    /// @inheritdoc ICapitalPool
    function unearnedPremium() external view returns (uint256) {
        return _currentBooks().unearned;
    }

    /// @inheritdoc ICapitalPool
    function totalShortfall() external view returns (uint256) {
        return _totalShortfall;
    }

    /// @inheritdoc ICapitalPool
    function poolState() external view returns (PoolState memory state) {
        PremiumStream.Books memory books = _currentBooks();
        uint256 capital = _netCapital(books);
        state.capital = capital;
        state.activeCover = books.active;
        state.freeCapital = _free(capital, books.active, _capacityRatioBps);
        state.unearnedPremium = books.unearned;
        state.premiumsReceived = _premiumsReceived;
        state.premiumsEarned = _premiumsReceived - books.unearned;
        state.assessorRewardPot = _rewardPot;
        state.pendingWithdrawalShares = _pendingShares;
        state.totalShortfall = _totalShortfall;
        state.utilizationBps =
            capital == 0 ? (books.active == 0 ? 0 : BPS) : Math.min(BPS, Math.mulDiv(books.active, BPS, capital));
        state.capacityRatioBps = _capacityRatioBps;
        state.openLiabilities = _openLiabilities;
    }

    /// @inheritdoc ICapitalPool
    function parameters() external view returns (uint16 capacityRatioBps, uint32 cooldown, uint32 window) {
        return (_capacityRatioBps, _cooldown, _window);
    }

    /**
     * @inheritdoc RiskChangeDelay
     * @dev The withdrawal cooldown plus window in force: an underwriter who requests when a risk-raising change
     * is made can complete before it applies. Zero while the pool has no shares (nobody to protect).
     */
    function riskChangeDelay() public view override returns (uint256) {
        return totalSupply() == 0 ? 0 : uint256(_cooldown) + _window;
    }

    /// @notice The second up to which the stored books are processed (views always compute up to now).
    function accruedUntil() external view returns (uint48) {
        return _accruedUntil;
    }

    /// @notice What stops when the expiry bucket ending at `bucketEnd` is processed: cover amount and premium rate.
    function expiryBucket(uint256 bucketEnd) external view returns (uint256 cover, uint256 rate) {
        PremiumStream.Bucket memory b = _buckets.at[bucketEnd / BUCKET_SIZE];
        return (b.cover, b.rate);
    }

    // --------------------------------------------------------------- internal

    function _decimalsOffset() internal pure override returns (uint8) {
        return DECIMALS_OFFSET;
    }

    function _cancelWithdrawal(address owner, uint256 shares, bool lapsed) private {
        delete _requests[owner];
        _pendingShares = uint160(_pendingShares - shares);
        _transfer(address(this), owner, shares);
        emit WithdrawalCancelled(owner, shares, lapsed);
    }

    /// @dev The cover hooks accept only the cover book that governance set.
    function _onlyCoverBook() private view {
        if (msg.sender != _coverBook) revert AccessManagedUnauthorized(msg.sender);
    }

    function _syncOrRevert() private {
        if (!_accrue(MAX_BUCKETS_PER_SYNC)) revert PoolExpiriesPending(_accruedUntil, uint48(block.timestamp));
    }

    /// @dev Brings the stored books forward by at most `maxBuckets` bucket ends; true when they reach now.
    function _accrue(uint256 maxBuckets) private returns (bool done) {
        uint256 last = _accruedUntil;
        if (last == block.timestamp) return true;
        uint256 rate = _rate;
        if (rate == 0) {
            // Nothing streams and no bucket is pending (every bucket carries a non-zero rate).
            _accruedUntil = uint48(block.timestamp);
            return true;
        }
        PremiumStream.Books memory books = PremiumStream.Books(rate, _unearned, _activeCover, _carry, last);
        uint256 processed;
        uint256 index = last / BUCKET_SIZE + 1;
        uint256 lastIndex = block.timestamp / BUCKET_SIZE;
        done = true;
        while (books.rate != 0) {
            index = _buckets.next(index, lastIndex);
            if (index == PremiumStream.NONE) break;
            if (processed == maxBuckets) {
                done = false;
                break;
            }
            PremiumStream.Bucket memory expired = books.expire(_buckets, index);
            delete _buckets.at[index];
            emit CoverExpired(uint48(index * BUCKET_SIZE), expired.cover);
            ++index;
            ++processed;
        }
        if (done) books.finish(block.timestamp);
        _rate = uint160(books.rate);
        _accruedUntil = uint48(books.time);
        _unearned = uint128(books.unearned);
        _activeCover = uint128(books.active);
        _carry = uint64(books.carry);
    }

    /**
     * @dev Whether {deposit} and {mint} can succeed for `receiver` now (not paused, no backlog, a receiver, and a
     * supply whose virtual total still fits in 256 bits, else every price computation overflows), with the
     * inputs of the share price: the supply's headroom, `totalAssets + 1` and `totalSupply + 10^offset`.
     */
    function _depositLimits(
        address receiver
    ) private view returns (bool open, uint256 headroom, uint256 assetsPlusOne, uint256 supplyPlusVirtual) {
        uint256 supply = totalSupply();
        if (paused() || receiver == address(0) || supply > type(uint256).max - 10 ** DECIMALS_OFFSET) {
            return (false, 0, 0, 0);
        }
        if (_backlogBeyondSync()) return (false, 0, 0, 0);
        return (true, type(uint256).max - supply, totalAssets() + 1, supply + 10 ** DECIMALS_OFFSET);
    }

    /**
     * @dev Whether more than {MAX_BUCKETS_PER_SYNC} expiry buckets are due, so that every user action reverts with
     * {PoolExpiriesPending} until {processExpiries} catches up. Due buckets are the set bits after the stored books'
     * time: each carries a non-zero rate until processed, so they are exactly the buckets {_accrue} would process.
     */
    function _backlogBeyondSync() private view returns (bool) {
        uint256 last = _accruedUntil;
        if (last == block.timestamp || _rate == 0) return false;
        uint256 index = last / BUCKET_SIZE + 1;
        uint256 lastIndex = block.timestamp / BUCKET_SIZE;
        for (uint256 found; found <= MAX_BUCKETS_PER_SYNC; ++found) {
            index = _buckets.next(index, lastIndex);
            if (index == PremiumStream.NONE) return false;
            ++index;
        }
        return true;
    }

    /// @dev The books as of now, without writing them.
    function _currentBooks() private view returns (PremiumStream.Books memory books) {
        return _booksAt(block.timestamp);
    }

    /// @dev The books as of `time` (now or later), without writing them, if nothing but time passes.
    function _booksAt(uint256 time) private view returns (PremiumStream.Books memory books) {
        books = PremiumStream.Books(_rate, _unearned, _activeCover, _carry, _accruedUntil);
        // Up to date, or nothing streams: as stored (the common case after an accrual, checked here to save a call).
        if (books.time != time && books.rate != 0) books.advance(_buckets, time);
    }

    /// @dev Balance minus unearned premium, the reward pot and refused payouts owed: what claims are paid from.
    function _grossCapital(PremiumStream.Books memory books) private view returns (uint256) {
        uint256 balance = IERC20(asset()).balanceOf(address(this));
        uint256 reserved = books.unearned + _rewardPot + _owedPayouts;
        return balance > reserved ? balance - reserved : 0;
    }

    /// @dev Gross capital net of the open liabilities: what shares are worth.
    function _netCapital(PremiumStream.Books memory books) private view returns (uint256) {
        uint256 gross = _grossCapital(books);
        uint256 open = _openLiabilities;
        return gross > open ? gross - open : 0;
    }

    /// @dev Capital not required by `active` cover at the capacity ratio `ratioBps`.
    function _free(uint256 capital, uint256 active, uint256 ratioBps) private pure returns (uint256) {
        uint256 required = _requiredCapital(active, ratioBps);
        return capital > required ? capital - required : 0;
    }

    /// @dev What `shares` are worth at `capital` and `supply` (ERC-4626's virtual shares and assets, rounded down).
    function _sharesValue(uint256 shares, uint256 capital, uint256 supply) private pure returns (uint256) {
        return Math.mulDiv(shares, capital + 1, supply + 10 ** DECIMALS_OFFSET);
    }

    /**
     * @dev What `shares` of a request of `requestShares` escrowed shares whose value at request was `cap` bring
     * now: their value now net of liabilities, capped by their pro-rata part of the value at request, so that a
     * leaver bears every loss known before completion and gains nothing after the request.
     */
    function _exitValue(uint256 shares, uint256 cap, uint256 requestShares) private view returns (uint256) {
        return Math.min(Math.mulDiv(cap, shares, requestShares), _convertToAssets(shares, Math.Rounding.Floor));
    }

    function _requiredCapital(uint256 active, uint256 ratioBps) private pure returns (uint256) {
        return Math.mulDiv(active, BPS, ratioBps, Math.Rounding.Ceil);
    }

    /// @dev Sets a queued (or immediate) change of the capacity ratio or the withdrawal cooldown.
    function _applyRiskChange(bytes32 parameter, uint256 value) internal override {
        if (parameter == CAPACITY_RATIO) _setCapacityRatio(uint16(value));
        else if (parameter == WITHDRAWAL_COOLDOWN) _setWithdrawalCooldown(uint32(value));
    }

    function _checkCapacityRatio(uint256 value) private pure {
        if (value < MIN_CAPACITY_RATIO_BPS || value > MAX_CAPACITY_RATIO_BPS) {
            revert PoolParameterOutOfBounds(CAPACITY_RATIO, value, MIN_CAPACITY_RATIO_BPS, MAX_CAPACITY_RATIO_BPS);
        }
    }

    function _checkWithdrawalCooldown(uint256 value) private pure {
        if (value < MIN_COOLDOWN || value > MAX_COOLDOWN) {
            revert PoolParameterOutOfBounds(WITHDRAWAL_COOLDOWN, value, MIN_COOLDOWN, MAX_COOLDOWN);
        }
    }

    function _setCapacityRatio(uint16 value) private {
        _checkCapacityRatio(value);
        emit CapacityRatioSet(_capacityRatioBps, value);
        _capacityRatioBps = value;
    }

    function _setWithdrawalCooldown(uint32 value) private {
        _checkWithdrawalCooldown(value);
        emit WithdrawalCooldownSet(_cooldown, value);
        _cooldown = value;
    }

    function _setWithdrawalWindow(uint32 value) private {
        if (value < MIN_WINDOW || value > MAX_WINDOW) {
            revert PoolParameterOutOfBounds("withdrawalWindow", value, MIN_WINDOW, MAX_WINDOW);
        }
        emit WithdrawalWindowSet(_window, value);
        _window = value;
    }
}
