// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IGovernanceToken} from "./interfaces/IGovernanceToken.sol";
import {IStakingVault} from "./interfaces/IStakingVault.sol";

/**
 * @title StakingVault
 * @notice Holders stake the governance token here to gain claim-assessment weight. Staking keeps the
 * governance vote: the token counts staked tokens for the staker's delegate (see {GovernanceToken}).
 * @dev Stakes are checkpointed per account and in total on the token's timestamp clock, so the claims
 * module reads each assessor's weight at the second a claim was filed. Unstaking is a request, a
 * cooldown, then a withdrawal window. Slashing is bounded over time: at most `maxSlashBps` of a staker's stake
 * per slash window, whatever the number of calls or proposals. Restricted functions are gated by the DAO's AccessManager:
 * {lock} by the claims role, setters and {slash} by governance (the Timelock).
 */
contract StakingVault is AccessManaged, IStakingVault {
    using Checkpoints for Checkpoints.Trace208;
    using SafeCast for uint256;

    /// @notice Bounds of the unstake cooldown.
    uint48 public constant MIN_COOLDOWN = 1 days;
    uint48 public constant MAX_COOLDOWN = 90 days;
    /// @notice Bounds of the withdrawal window.
    uint48 public constant MIN_WINDOW = 1 days;
    uint48 public constant MAX_WINDOW = 30 days;
    /// @notice Upper bound of the slash share per window, in basis points (50 %).
    uint16 public constant MAX_SLASH_BPS_CEILING = 5_000;
    /// @notice Bounds of the slash window, and its value at deployment.
    uint48 public constant MIN_SLASH_WINDOW = 1 days;
    uint48 public constant MAX_SLASH_WINDOW = 365 days;
    uint48 public constant DEFAULT_SLASH_WINDOW = 30 days;
    /// @notice The longest a lock may reach into the future.
    uint48 public constant MAX_LOCK_DURATION = 180 days;

    IGovernanceToken private immutable _token;

    mapping(address staker => Checkpoints.Trace208) private _stakes;
    Checkpoints.Trace208 private _totalStake;
    mapping(address staker => UnstakeRequest) private _requests;
    mapping(address staker => uint48) private _lockedUntil;
    mapping(address staker => SlashRecord) private _slashes;

    uint48 private _cooldown;
    uint48 private _window;
    uint16 private _maxSlashBps;
    address private _slashRecipient;
    uint48 private _slashWindow;

    /**
     * @param token_ The governance token (must bind this vault with {GovernanceToken-bindStakingVault}).
     * @param authority The DAO's AccessManager.
     * @param cooldown_ Unstake cooldown in seconds.
     * @param window_ Withdrawal window in seconds.
     * @param maxSlashBps_ Largest share of a stake that slashes may take within one slash window, in basis points
     * (the window starts at {DEFAULT_SLASH_WINDOW}; governance sets it with {setSlashWindow}).
     * @param slashRecipient_ Receives slashed tokens (the treasury).
     */
    constructor(
        IGovernanceToken token_,
        address authority,
        uint48 cooldown_,
        uint48 window_,
        uint16 maxSlashBps_,
        address slashRecipient_
    ) AccessManaged(authority) {
        _token = token_;
        _setUnstakeCooldown(cooldown_);
        _setUnstakeWindow(window_);
        _setMaxSlashBps(maxSlashBps_);
        _setSlashRecipient(slashRecipient_);
        _setSlashWindow(DEFAULT_SLASH_WINDOW);
    }

    // ---------------------------------------------------------------- stakers

    /**
     * @inheritdoc IStakingVault
     * @dev No approval is needed: the token lets only this vault move a staker's own tokens, and only
     * for the caller ({GovernanceToken-stakeFrom}).
     */
    function stake(uint256 amount) external {
        if (amount == 0) revert StakingZeroAmount();
        uint256 newStake = _pushStake(msg.sender, amount, true);
        _token.stakeFrom(msg.sender, amount);
        emit Staked(msg.sender, amount, newStake);
    }

    /// @inheritdoc IStakingVault
    function requestUnstake(uint256 amount) external {
        if (amount == 0) revert StakingZeroAmount();
        uint256 current = stakeOf(msg.sender);
        if (amount > current) revert StakingInsufficientStake(amount, current);
        uint48 readyAt = clock() + _cooldown;
        uint48 expiresAt = readyAt + _window;
        _requests[msg.sender] = UnstakeRequest(amount.toUint208(), readyAt, expiresAt);
        emit UnstakeRequested(msg.sender, amount, readyAt, expiresAt);
    }

    /// @inheritdoc IStakingVault
    function cancelUnstake() external {
        if (_requests[msg.sender].amount == 0) revert StakingNoUnstakeRequest(msg.sender);
        delete _requests[msg.sender];
        emit UnstakeCancelled(msg.sender);
    }

    /// @inheritdoc IStakingVault
    function withdraw() external returns (uint256 amount) {
        UnstakeRequest memory request = _requests[msg.sender];
        if (request.amount == 0) revert StakingNoUnstakeRequest(msg.sender);
        uint48 nowTime = clock();
        if (nowTime < request.readyAt) revert StakingCooldownNotOver(request.readyAt, nowTime);
        if (nowTime >= request.expiresAt) revert StakingWithdrawalWindowClosed(request.expiresAt);
        uint48 lockEnd = _lockedUntil[msg.sender];
        if (nowTime < lockEnd) revert StakingStakeLocked(lockEnd);

        delete _requests[msg.sender];
        // A slash after the request may have shrunk the stake below the requested amount.
        amount = Math.min(request.amount, stakeOf(msg.sender));
        uint256 newStake = _pushStake(msg.sender, amount, false);
        _token.unstakeTo(msg.sender, amount);
        emit Unstaked(msg.sender, amount, newStake);
    }

    // ------------------------------------------------------------- restricted

    /// @inheritdoc IStakingVault
    function lock(address staker, uint48 until) external restricted {
        uint48 maxUntil = clock() + MAX_LOCK_DURATION;
        if (until > maxUntil) revert StakingLockTooLong(until, maxUntil);
        if (until > _lockedUntil[staker]) {
            _lockedUntil[staker] = until;
            emit StakeLocked(staker, until, msg.sender);
        }
    }

    /**
     * @inheritdoc IStakingVault
     * @dev The bound holds over time, whatever the number of calls or proposals: slashes of one staker belong to
     * the same window while each comes less than `slashWindow` after the previous one, and a window's slashes
     * together take at most `maxSlashBps` of the stake the staker had when the window opened. A new window opens
     * only `slashWindow` after the last slash, so any period of `slashWindow` seconds sees at most one window's
     * worth. A pending unstake request is clipped by {withdraw}, so slashed tokens can never be withdrawn.
     * Emits a {Slashed} event.
     */
    function slash(address staker, uint256 amount) external restricted {
        if (amount == 0) revert StakingZeroAmount();
        SlashRecord memory record = _slashes[staker];
        uint48 nowTime = clock();
        if (record.lastSlash == 0 || nowTime >= uint256(record.lastSlash) + _slashWindow) {
            record = SlashRecord(0, stakeOf(staker).toUint104(), 0);
        }
        uint256 bound = (uint256(record.stakeAtStart) * _maxSlashBps) / 10_000;
        uint256 maxAmount = bound > record.slashed ? bound - record.slashed : 0;
        if (amount > maxAmount) revert StakingSlashAboveBound(amount, maxAmount);
        // `amount` <= `maxAmount` <= `bound` < 2^104.
        _slashes[staker] = SlashRecord(nowTime, record.stakeAtStart, record.slashed + uint104(amount));
        _pushStake(staker, amount, false);
        address recipient = _slashRecipient;
        _token.slashTo(staker, recipient, amount);
        emit Slashed(staker, amount, recipient);
    }

    /// @notice Sets the unstake cooldown, within [{MIN_COOLDOWN}, {MAX_COOLDOWN}]. Governance only.
    /// @dev Emits an {UnstakeCooldownSet} event.
    function setUnstakeCooldown(uint48 newCooldown) external restricted {
        _setUnstakeCooldown(newCooldown);
    }

    /// @notice Sets the withdrawal window, within [{MIN_WINDOW}, {MAX_WINDOW}]. Governance only.
    /// @dev Emits an {UnstakeWindowSet} event.
    function setUnstakeWindow(uint48 newWindow) external restricted {
        _setUnstakeWindow(newWindow);
    }

    /// @notice Sets the largest share of a stake that slashes may take within one slash window (1 to 5,000
    /// bps). Governance only.
    /// @dev Applies to the open windows too. Emits a {MaxSlashSet} event.
    function setMaxSlashBps(uint16 newBps) external restricted {
        _setMaxSlashBps(newBps);
    }

    /// @notice Sets the slash window, within [{MIN_SLASH_WINDOW}, {MAX_SLASH_WINDOW}]. Governance only.
    /// @dev Applies to the open windows too. Emits a {SlashWindowSet} event.
    function setSlashWindow(uint48 newWindow) external restricted {
        _setSlashWindow(newWindow);
    }

    /// @notice Sets the address that receives slashed tokens; neither zero nor the vault. Governance only.
    /// @dev Emits a {SlashRecipientSet} event.
    function setSlashRecipient(address newRecipient) external restricted {
        _setSlashRecipient(newRecipient);
    }

    // ------------------------------------------------------------------ views

    /// @notice The governance token staked here.
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IStakingVault
    function stakeOf(address staker) public view returns (uint256) {
        return _stakes[staker].latest();
    }

    /// @inheritdoc IStakingVault
    function getPastStake(address staker, uint256 timepoint) external view returns (uint256) {
        return _stakes[staker].upperLookupRecent(_pastTimepoint(timepoint));
    }

    /// @inheritdoc IStakingVault
    function totalStake() external view returns (uint256) {
        return _totalStake.latest();
    }

    /// @inheritdoc IStakingVault
    function getPastTotalStake(uint256 timepoint) external view returns (uint256) {
        return _totalStake.upperLookupRecent(_pastTimepoint(timepoint));
    }

    /// @inheritdoc IStakingVault
    function lockedUntil(address staker) external view returns (uint48) {
        return _lockedUntil[staker];
    }

    /// @inheritdoc IStakingVault
    function slashWindow() external view returns (uint48) {
        return _slashWindow;
    }

    /// @inheritdoc IStakingVault
    function slashableNow(address staker) external view returns (uint256) {
        SlashRecord memory record = _slashes[staker];
        if (record.lastSlash == 0 || clock() >= uint256(record.lastSlash) + _slashWindow) {
            return (stakeOf(staker) * _maxSlashBps) / 10_000;
        }
        uint256 bound = (uint256(record.stakeAtStart) * _maxSlashBps) / 10_000;
        return bound > record.slashed ? bound - record.slashed : 0;
    }

    /// @notice The slash window of `staker`: when it last was slashed, its stake when the window opened and what
    /// the window's slashes took (all zero when never slashed).
    function slashRecord(address staker) external view returns (SlashRecord memory) {
        return _slashes[staker];
    }

    /// @notice The pending unstake request of `staker` (zero amount when none).
    function unstakeRequest(address staker) external view returns (UnstakeRequest memory) {
        return _requests[staker];
    }

    /// @notice Current parameters: cooldown, window (seconds), max slash (bps) and slash recipient.
    function parameters()
        external
        view
        returns (uint48 cooldown, uint48 window, uint16 maxSlashBps, address slashRecipient)
    {
        return (_cooldown, _window, _maxSlashBps, _slashRecipient);
    }

    /// @inheritdoc IStakingVault
    function clock() public view returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice Describes the clock (EIP-6372): timestamps, as the token's.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    // --------------------------------------------------------------- internal

    function _pushStake(address staker, uint256 amount, bool add) private returns (uint256 newStake) {
        uint48 nowTime = clock();
        uint208 delta = amount.toUint208();
        Checkpoints.Trace208 storage own = _stakes[staker];
        uint208 current = own.latest();
        if (!add && delta > current) revert StakingInsufficientStake(amount, current);
        // Checked above for subtraction; addition is bounded by the token's uint208 total supply cap.
        unchecked {
            newStake = add ? current + delta : current - delta;
            uint208 total = _totalStake.latest();
            _totalStake.push(nowTime, add ? total + delta : total - delta);
        }
        own.push(nowTime, uint208(newStake));
    }

    function _pastTimepoint(uint256 timepoint) private view returns (uint48) {
        uint48 nowTime = clock();
        if (timepoint >= nowTime) revert StakingFutureLookup(timepoint, nowTime);
        return uint48(timepoint);
    }

    function _setUnstakeCooldown(uint48 value) private {
        if (value < MIN_COOLDOWN || value > MAX_COOLDOWN) {
            revert StakingParameterOutOfBounds("unstakeCooldown", value, MIN_COOLDOWN, MAX_COOLDOWN);
        }
        emit UnstakeCooldownSet(_cooldown, value);
        _cooldown = value;
    }

    function _setUnstakeWindow(uint48 value) private {
        if (value < MIN_WINDOW || value > MAX_WINDOW) {
            revert StakingParameterOutOfBounds("unstakeWindow", value, MIN_WINDOW, MAX_WINDOW);
        }
        emit UnstakeWindowSet(_window, value);
        _window = value;
    }

    function _setMaxSlashBps(uint16 value) private {
        if (value == 0 || value > MAX_SLASH_BPS_CEILING) {
            revert StakingParameterOutOfBounds("maxSlashBps", value, 1, MAX_SLASH_BPS_CEILING);
        }
        emit MaxSlashSet(_maxSlashBps, value);
        _maxSlashBps = value;
    }

    function _setSlashWindow(uint48 value) private {
        if (value < MIN_SLASH_WINDOW || value > MAX_SLASH_WINDOW) {
            revert StakingParameterOutOfBounds("slashWindow", value, MIN_SLASH_WINDOW, MAX_SLASH_WINDOW);
        }
        emit SlashWindowSet(_slashWindow, value);
        _slashWindow = value;
    }

    function _setSlashRecipient(address value) private {
        if (value == address(0)) revert StakingZeroAddress();
        // Slashing to the vault would leave the tokens here outside any stake, stuck for good, and
        // drop their votes (the vault delegates to no one).
        if (value == address(this)) revert StakingInvalidSlashRecipient(value);
        emit SlashRecipientSet(_slashRecipient, value);
        _slashRecipient = value;
    }
}
