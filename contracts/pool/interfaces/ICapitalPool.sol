// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ICapitalPool
 * @notice Events, errors, structs and the external surface (beyond ERC-4626) of a coverage pool: one
 * ERC-4626 vault per asset whose shares belong to underwriters and whose capital backs covers.
 * @dev Callers: the one cover book that governance sets ({setCoverBook}) reserves capacity with
 * {addCover}, books filed claims as liabilities with {addLiability} and {releaseLiability}, and pays claims
 * with {payClaim} (the cover hooks); the claims module (CLAIMS_ROLE) pays assessors with
 * {payAssessorReward}; the guardian (GUARDIAN_ROLE) may pause deposits only; every setter belongs to
 * governance (the AccessManager's admin role, the Timelock).
 *
 * Accounting: the pool's token balance is split into capital ({totalAssets}, what shares are worth),
 * unearned premium (streamed into capital linearly until each cover's expiry bucket ends) and the
 * assessor-reward pot. Claims are paid from capital only. Open liabilities (filed claims) are deducted from
 * the capital that shares are worth until each claim is paid, denied or expires.
 */
interface ICapitalPool {
    /// @notice A pending withdrawal: `shares` escrowed by the pool, redeemable in [`readyAt`, `expiresAt`).
    struct WithdrawalRequest {
        /// @dev Shares held in escrow by the pool; they keep bearing losses until redeemed.
        uint128 shares;
        /// @dev First second at which the request may be completed.
        uint48 readyAt;
        /// @dev First second at which the request has lapsed; it is then cancelled (shares returned).
        uint48 expiresAt;
        /// @dev What the escrowed shares were worth when requested (net of open liabilities, summed over top-ups):
        /// the most the request can bring.
        uint128 assets;
    }

    /// @notice What a withdrawal brings: of the owner's request, or of all their shares if they requested now.
    struct WithdrawalQuote {
        /// @dev Whether `owner` has a pending request (otherwise the quote is for requesting every share now).
        bool requested;
        /// @dev Shares escrowed by the request, or held by the owner.
        uint256 shares;
        /// @dev First second the request may be completed, and first second it lapses.
        uint256 readyAt;
        uint256 expiresAt;
        /// @dev Value of the shares at the request (net of liabilities): the cap of what the request brings.
        uint256 valueAtRequest;
        /// @dev What the shares bring at today's price net of open liabilities (capped by `valueAtRequest`).
        uint256 valueNow;
        /// @dev What {completeWithdrawal} would pay now (zero outside the window), free capital permitting.
        uint256 payableNow;
        /// @dev What completing at `readyAt` would pay if nothing but time passed (premium streams in, covers
        /// expire; no new claim, cover, deposit or withdrawal).
        uint256 payableAtReady;
    }

    /// @notice A snapshot of the pool's books, as of the current block.
    struct PoolState {
        /// @dev Capital: the assets that shares are worth (ERC-4626 `totalAssets`), net of open liabilities.
        uint256 capital;
        /// @dev Sum of the remaining amounts of the covers this pool backs (until the expiry bucket of their end
        /// plus grace period ends), less the amounts of their open claims (counted in `openLiabilities`).
        uint256 activeCover;
        /// @dev Capital that withdrawals may take: capital (net of liabilities) minus what active covers require.
        uint256 freeCapital;
        /// @dev Premium received but not yet earned; it streams into capital.
        uint256 unearnedPremium;
        /// @dev Premium received by the pool since deployment (excluding the assessor and treasury shares).
        uint256 premiumsReceived;
        /// @dev Premium earned so far: `premiumsReceived - unearnedPremium`.
        uint256 premiumsEarned;
        /// @dev Assets set aside for claim assessors.
        uint256 assessorRewardPot;
        /// @dev Shares escrowed by pending withdrawal requests.
        uint256 pendingWithdrawalShares;
        /// @dev Approved claim amounts the pool could not pay for lack of capital, since deployment.
        uint256 totalShortfall;
        /// @dev `activeCover / capital` in basis points (10,000 when capital is zero and cover is active).
        uint256 utilizationBps;
        /// @dev Largest `activeCover / capital` the pool accepts, in basis points.
        uint256 capacityRatioBps;
        /// @dev Claims filed and not yet paid, denied or expired: already deducted from `capital`.
        uint256 openLiabilities;
    }

    /// @notice `owner` escrowed `shares` for withdrawal; the request now holds `totalShares`.
    event WithdrawalRequested(
        address indexed owner,
        uint256 shares,
        uint256 totalShares,
        uint48 readyAt,
        uint48 expiresAt
    );
    /// @notice `owner`'s request was cancelled and `shares` returned; `lapsed` when its window had closed.
    event WithdrawalCancelled(address indexed owner, uint256 shares, bool lapsed);
    /// @notice `owner` redeemed `shares` escrowed shares for `assets`, sent to `receiver`.
    event WithdrawalCompleted(address indexed owner, address indexed receiver, uint256 shares, uint256 assets);
    /// @notice A cover of `amount`, backing claims until `backedUntil`, was added: `premium` streams in until
    /// `expiresAt`, `assessorReward` went to the pot.
    event CoverAdded(uint256 amount, uint256 premium, uint256 assessorReward, uint48 backedUntil, uint48 expiresAt);
    /// @notice The expiry bucket ending at `bucketEnd` released `coverAmount` of capacity.
    event CoverExpired(uint48 indexed bucketEnd, uint256 coverAmount);
    /// @notice A claim of `amount` was filed: it is a liability until paid, denied or expired; `total` are open.
    event LiabilityAdded(uint256 amount, uint256 total);
    /// @notice A claim of `amount` ended unpaid; `toActiveCover` when its cover still backs claims; `total` open.
    event LiabilityReleased(uint256 amount, bool toActiveCover, uint256 total);
    /// @notice A claim of `requested` was paid with `paid` to `recipient` (less when capital ran short).
    event ClaimPaid(address indexed recipient, uint256 requested, uint256 paid);
    /// @notice The pool could not pay `unpaid` of an approved claim; shortfall since deployment: `totalShortfall`.
    event ShortfallRecorded(uint256 unpaid, uint256 totalShortfall);
    /// @notice The token refused a claim payment of `amount` to `recipient` (a blocklist, a hook): it was credited
    /// and is taken with {withdrawPayoutCredit}.
    event PayoutCredited(address indexed recipient, uint256 amount);
    /// @notice `account` took `amount` of credited claim payments, sent to `to`.
    event PayoutCreditWithdrawn(address indexed account, address indexed to, uint256 amount);
    /// @notice `amount` of the assessor-reward pot was paid to `to`.
    event AssessorRewardPaid(address indexed to, uint256 amount);
    /// @notice Governance changed the largest utilization the pool accepts (basis points).
    event CapacityRatioSet(uint16 oldRatioBps, uint16 newRatioBps);
    /// @notice Governance changed the withdrawal cooldown (seconds).
    event WithdrawalCooldownSet(uint32 oldCooldown, uint32 newCooldown);
    /// @notice Governance changed the withdrawal window (seconds).
    event WithdrawalWindowSet(uint32 oldWindow, uint32 newWindow);
    /// @notice Governance changed the cover book, the only caller of the cover hooks ({addCover}, {payClaim}, ...).
    event CoverBookSet(address oldCoverBook, address newCoverBook);

    /// @notice Amounts must be greater than zero.
    error PoolZeroAmount();
    /// @notice A deposit of `assets` would mint no share at the current share price: the underwriter would pay
    /// and receive nothing. Deposit at least the value of one share ({previewDeposit} above zero).
    error PoolZeroShares(uint256 assets);
    /// @notice The zero address is not allowed here.
    error PoolZeroAddress();
    /// @notice `account` has no credited claim payment.
    error PoolNoPayoutCredit(address account);
    /// @notice `owner` has no pending withdrawal request.
    error PoolNoWithdrawalRequest(address owner);
    /// @notice The withdrawal cooldown runs until `readyAt`; it is now `nowTime`.
    error PoolWithdrawalCooldown(uint48 readyAt, uint48 nowTime);
    /// @notice Only the owner may cancel a request before its window closes at `expiresAt`.
    error PoolWithdrawalNotCancellable(address owner, uint48 expiresAt);
    /// @notice Active covers require `requiredCapital` of the `capital`: nothing is free to withdraw now.
    error PoolNoFreeCapital(uint256 capital, uint256 requiredCapital);
    /// @notice A cover of `amount` exceeds the `available` capacity of the pool.
    error PoolCapacityExceeded(uint256 amount, uint256 available);
    /// @notice A cover must carry a premium and be backed until after the current block.
    error PoolInvalidCover(uint256 premium, uint48 backedUntil);
    /// @notice A reward of `amount` exceeds the assessor-reward pot of `pot`.
    error PoolRewardExceedsPot(uint256 amount, uint256 pot);
    /// @notice Expiry buckets up to `nowTime` are not processed yet (books are at `accruedUntil`); call {processExpiries}.
    error PoolExpiriesPending(uint48 accruedUntil, uint48 nowTime);
    /// @notice A claim of `amount` was never recorded as a liability: only `open` is.
    error PoolLiabilityExceeded(uint256 amount, uint256 open);
    /// @notice `value` for `parameter` lies outside the allowed range [`min`, `max`].
    error PoolParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);

    // ------------------------------------------------------------ underwriters

    /**
     * @notice Escrows `shares` of the caller for withdrawal; they keep bearing losses until redeemed. Their
     * value now, net of open liabilities (`previewRedeem(shares)`), is recorded as the most they can bring (see
     * {completeWithdrawal}).
     * @dev Adds to a pending request (its value too) and restarts its cooldown. Emits a {WithdrawalRequested}
     * event.
     */
    function requestWithdrawal(uint256 shares) external;

    /**
     * @notice Redeems the caller's escrowed shares within the withdrawal window for the lower of their value at
     * the request and their value now, both net of open liabilities, up to the capital not required by active
     * covers; shares beyond it stay in the request. Open claims never block it: an exit is priced, not locked.
     * So it pays at most `previewRedeem(shares)` at the request, at most `previewRedeem(shares)` now and at most
     * {freeCapital}; {withdrawalQuote}'s `payableNow` is what it pays now (ERC-4626 `withdraw` and `redeem` are
     * disabled: `maxWithdraw` and `maxRedeem` are zero).
     * @dev After the window the request is cancelled instead: shares go back and 0 is returned. Shares burnt
     * for less than they are worth leave the difference to the underwriters who stay.
     * Emits a {WithdrawalCompleted} or a {WithdrawalCancelled} event.
     */
    function completeWithdrawal(address receiver) external returns (uint256 assets);

    /**
     * @notice Cancels `owner`'s request and returns the escrowed shares. The owner may cancel at any time,
     * anyone else once the window has closed. Emits a {WithdrawalCancelled} event.
     */
    function cancelWithdrawal(address owner) external;

    /// @notice The pending withdrawal request of `owner` (zero shares when none).
    function withdrawalRequest(address owner) external view returns (WithdrawalRequest memory);

    /// @notice What `owner`'s withdrawal brings now and at its earliest completion: of the pending request, or,
    /// without one, of a request of all their shares made now.
    function withdrawalQuote(address owner) external view returns (WithdrawalQuote memory);

    // ------------------------------------------------------------ cover module

    /**
     * @notice Brings the books up to date (earned premium, expired covers) and returns the capacity inputs.
     * @dev Permissionless. Reverts with {PoolExpiriesPending} when too many buckets are due; see {processExpiries}.
     */
    function sync() external returns (uint256 capital, uint256 activeCover, uint16 capacityRatioBps);

    /**
     * @notice Processes up to `maxBuckets` due expiry buckets. Permissionless.
     * @return done Whether the books are now up to date.
     */
    function processExpiries(uint256 maxBuckets) external returns (bool done);

    /**
     * @notice Records a new cover of `amount` that backs claims until `backedUntil` (its end plus the claims'
     * grace period), whose premium has already been transferred here: `premium` streams into capital until
     * the expiry bucket of `backedUntil` ends, `assessorReward` joins the pot.
     * @dev The cover book ({coverBook}) only, else `AccessManagedUnauthorized`; checks the pool's capacity.
     * Emits a {CoverAdded} event (its `coverEnd` field is `backedUntil`).
     */
    function addCover(uint256 amount, uint256 premium, uint256 assessorReward, uint48 backedUntil) external;

    /**
     * @notice Records a filed claim of `amount` on a cover backed until `backedUntil` as a liability: the amount
     * leaves active cover (while the cover is backed) and is deducted from capital until the claim ends.
     * @dev The cover book ({coverBook}) only, else `AccessManagedUnauthorized`. Emits a {LiabilityAdded} event.
     */
    function addLiability(uint256 amount, uint48 backedUntil) external;

    /**
     * @notice Releases the liability of a claim of `amount` that ended unpaid (denied or expired), on a cover
     * backed until `backedUntil`: the amount backs the cover again if that time is still ahead.
     * @dev The cover book ({coverBook}) only, else `AccessManagedUnauthorized`. Emits a {LiabilityReleased} event.
     */
    function releaseLiability(uint256 amount, uint48 backedUntil) external;

    /**
     * @notice Pays a claim of `amount` recorded as a liability to `recipient`, or all the gross capital there
     * is when that is less: the liability is consumed in full and any unpaid part recorded as a shortfall.
     * @dev The cover book ({coverBook}) only, on behalf of the claims module, else `AccessManagedUnauthorized`;
     * {PoolLiabilityExceeded} if `amount` exceeds the open liabilities. A payment the token refuses (a
     * blocklisted recipient, a failing hook) does not revert: it is credited to `recipient`, kept out of the
     * pool's assets, and taken with {withdrawPayoutCredit}, so no recipient can block a payout.
     * Emits a {ClaimPaid} event, a {ShortfallRecorded} event when short and a {PayoutCredited} event when
     * credited.
     */
    function payClaim(address recipient, uint256 amount) external returns (uint256 paid);

    /**
     * @notice Sends the caller's credited claim payments to `to` (which may differ from the caller, e.g. when the
     * token refuses the caller). Emits a {PayoutCreditWithdrawn} event.
     */
    function withdrawPayoutCredit(address to) external returns (uint256 amount);

    /// @notice Claim payments credited to `account` (see {payClaim}).
    function payoutCreditOf(address account) external view returns (uint256);

    /// @notice The cover book: the only caller of the cover hooks ({addCover}, {addLiability},
    /// {releaseLiability}, {payClaim}); zero until governance sets it.
    function coverBook() external view returns (address);

    // ---------------------------------------------------------- claims module

    /// @notice Pays `amount` from the assessor-reward pot to `to`. CLAIMS_ROLE only. Emits an {AssessorRewardPaid} event.
    function payAssessorReward(address to, uint256 amount) external;

    /// @notice Assets set aside for claim assessors.
    function assessorRewardPot() external view returns (uint256);

    // ------------------------------------------------------------------ views

    /// @notice Sum of the remaining amounts of the covers this pool backs.
    function activeCover() external view returns (uint256);

    /// @notice Capital that withdrawals may take now: capital (net of open liabilities) minus what active covers
    /// require.
    function freeCapital() external view returns (uint256);

    /// @notice Claims filed and not yet paid, denied or expired, in the asset.
    function openLiabilities() external view returns (uint256);

    /// @notice Premium received but not yet earned.
    function unearnedPremium() external view returns (uint256);

    /// @notice Approved claim amounts the pool could not pay, since deployment.
    function totalShortfall() external view returns (uint256);

    /// @notice The pool's books as of the current block.
    function poolState() external view returns (PoolState memory);

    /// @notice Current parameters: capacity ratio (bps), withdrawal cooldown and window (seconds).
    function parameters() external view returns (uint16 capacityRatioBps, uint32 cooldown, uint32 window);

    // ------------------------------------------------------------- governance

    /// @notice Sets the largest utilization the pool accepts (basis points). Governance only.
    function setCapacityRatio(uint16 newRatioBps) external;

    /// @notice Sets the withdrawal cooldown (seconds). Governance only.
    function setWithdrawalCooldown(uint32 newCooldown) external;

    /// @notice Sets the withdrawal window (seconds). Governance only.
    function setWithdrawalWindow(uint32 newWindow) external;

    /// @notice Sets the cover book, the only caller of the cover hooks (not zero). Governance only.
    /// Emits a {CoverBookSet} event.
    function setCoverBook(address newCoverBook) external;
}
