// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IStakingVault
 * @notice Events, errors and the external surface of the staking vault: stake the governance token to
 * gain claim-assessment weight without losing governance votes.
 */
interface IStakingVault {
    /// @notice A pending request to withdraw stake.
    struct UnstakeRequest {
        /// @dev Amount requested; it keeps bearing slashing until it is withdrawn.
        uint208 amount;
        /// @dev First second at which the withdrawal may be completed.
        uint48 readyAt;
        /// @dev First second at which the request has lapsed (end of the withdrawal window).
        uint48 expiresAt;
    }

    /// @notice A staker's current slash window (see {StakingVault-slash}).
    struct SlashRecord {
        /// @dev Second of the window's latest slash; the window closes `slashWindow` after it.
        uint48 lastSlash;
        /// @dev The staker's stake when the window opened: the base of the bound.
        uint104 stakeAtStart;
        /// @dev What the window's slashes took so far.
        uint104 slashed;
    }

    /// @notice `staker` staked `amount`; their stake is now `newStake`.
    event Staked(address indexed staker, uint256 amount, uint256 newStake);
    /// @notice `staker` asked to withdraw `amount`, possible from `readyAt` until before `expiresAt`.
    event UnstakeRequested(address indexed staker, uint256 amount, uint48 readyAt, uint48 expiresAt);
    /// @notice `staker` cancelled their pending unstake request.
    event UnstakeCancelled(address indexed staker);
    /// @notice `staker` withdrew `amount`; their stake is now `newStake`.
    event Unstaked(address indexed staker, uint256 amount, uint256 newStake);
    /// @notice The stake of `staker` is locked until `until` (for example by a claim they voted on).
    event StakeLocked(address indexed staker, uint48 until, address indexed locker);
    /// @notice Governance slashed `amount` of `staker`'s stake and sent it to `recipient`.
    event Slashed(address indexed staker, uint256 amount, address indexed recipient);
    /// @notice The unstake cooldown changed.
    event UnstakeCooldownSet(uint48 oldCooldown, uint48 newCooldown);
    /// @notice The unstake withdrawal window changed.
    event UnstakeWindowSet(uint48 oldWindow, uint48 newWindow);
    /// @notice The largest share of a stake that slashes may take per slash window changed (basis points).
    event MaxSlashSet(uint16 oldBps, uint16 newBps);
    /// @notice The slash window changed (seconds).
    event SlashWindowSet(uint48 oldWindow, uint48 newWindow);
    /// @notice The address that receives slashed tokens changed.
    event SlashRecipientSet(address oldRecipient, address newRecipient);

    /// @notice Amounts must be greater than zero.
    error StakingZeroAmount();
    /// @notice `requested` exceeds the `available` stake.
    error StakingInsufficientStake(uint256 requested, uint256 available);
    /// @notice `staker` has no pending unstake request.
    error StakingNoUnstakeRequest(address staker);
    /// @notice The cooldown runs until `readyAt`; it is now `nowTime`.
    error StakingCooldownNotOver(uint48 readyAt, uint48 nowTime);
    /// @notice The withdrawal window closed at `expiredAt`; request again.
    error StakingWithdrawalWindowClosed(uint48 expiredAt);
    /// @notice The stake is locked until `until` by a claim the staker voted on.
    error StakingStakeLocked(uint48 until);
    /// @notice A lock may not end later than `maxUntil`.
    error StakingLockTooLong(uint48 until, uint48 maxUntil);
    /// @notice A slash of `amount` exceeds the `maxAmount` that the bound still allows in the staker's slash window.
    error StakingSlashAboveBound(uint256 amount, uint256 maxAmount);
    /// @notice `value` lies outside the allowed range [`min`, `max`].
    error StakingParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);
    /// @notice The zero address is not allowed here.
    error StakingZeroAddress();
    /// @notice `recipient` cannot receive slashed tokens (the vault itself).
    error StakingInvalidSlashRecipient(address recipient);
    /// @notice Past stake can only be read for a `timepoint` before the current second `nowTime`.
    error StakingFutureLookup(uint256 timepoint, uint48 nowTime);

    /// @notice Stakes `amount` tokens from the caller. Emits a {Staked} event.
    function stake(uint256 amount) external;

    /// @notice Asks to withdraw `amount`; replaces any pending request. Emits an {UnstakeRequested} event.
    function requestUnstake(uint256 amount) external;

    /// @notice Cancels the caller's pending request. Emits an {UnstakeCancelled} event.
    function cancelUnstake() external;

    /// @notice Completes the caller's request inside its window. Emits an {Unstaked} event.
    function withdraw() external returns (uint256 amount);

    /// @notice Locks `staker`'s stake until `until`. Restricted to the claims role. Emits a {StakeLocked} event.
    function lock(address staker, uint48 until) external;

    /// @notice Slashes `amount` of `staker`'s stake, within the bound of the staker's slash window. Restricted to
    /// governance.
    function slash(address staker, uint256 amount) external;

    /// @notice The slash window (seconds): slashes of one staker that follow each other within it share one bound.
    function slashWindow() external view returns (uint48);

    /// @notice What a slash of `staker` may still take now.
    function slashableNow(address staker) external view returns (uint256);

    /// @notice Current stake of `staker`.
    function stakeOf(address staker) external view returns (uint256);

    /// @notice Stake of `staker` at `timepoint` (a past second on the token's clock).
    function getPastStake(address staker, uint256 timepoint) external view returns (uint256);

    /// @notice Total stake now.
    function totalStake() external view returns (uint256);

    /// @notice Total stake at `timepoint` (a past second on the token's clock).
    function getPastTotalStake(uint256 timepoint) external view returns (uint256);

    /// @notice Second until which `staker`'s stake is locked.
    function lockedUntil(address staker) external view returns (uint48);

    /// @notice The current clock (seconds), identical to the token's.
    function clock() external view returns (uint48);
}
