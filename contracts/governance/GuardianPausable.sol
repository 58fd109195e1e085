// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IGuardianPausable} from "./interfaces/IGuardianPausable.sol";

/**
 * @title GuardianPausable
 * @notice A pause that the guardian can switch on for a bounded time and that ends by itself.
 * @dev Inheritors guard actions that bring in new risk or move funds out of a pool (new covers,
 * deposits, claim payouts) with {whenNotPaused}. The guardian can only stop those actions; nothing here
 * moves funds. After a pause ends, the guardian must wait one more pause duration before pausing again,
 * so the guardian alone can keep an action stopped at most half of the time; only governance, which
 * appoints the guardian through the AccessManager, can do more.
 */
abstract contract GuardianPausable is AccessManaged, IGuardianPausable {
    /// @notice Bounds of one pause.
    uint48 public constant MIN_PAUSE_DURATION = 1 hours;
    uint48 public constant MAX_PAUSE_DURATION = 14 days;

    uint48 private _pausedUntil;
    uint48 private _nextPauseAt;
    uint48 private _pauseDuration;

    constructor(uint48 pauseDuration_) {
        _setPauseDuration(pauseDuration_);
    }

    /// @dev Reverts with {GuardianPausedUntil} while paused.
    modifier whenNotPaused() {
        _requireNotPaused();
        _;
    }

    /**
     * @inheritdoc IGuardianPausable
     * @dev Emits a {GuardianPaused} event.
     */
    function pause() external restricted {
        uint48 nowTime = uint48(block.timestamp);
        if (nowTime < _pausedUntil) revert GuardianPausedUntil(_pausedUntil);
        if (nowTime < _nextPauseAt) revert GuardianPauseCoolingDown(_nextPauseAt);
        uint48 until = nowTime + _pauseDuration;
        _pausedUntil = until;
        _nextPauseAt = until + _pauseDuration;
        emit GuardianPaused(msg.sender, until);
    }

    /**
     * @inheritdoc IGuardianPausable
     * @dev Emits a {GuardianUnpaused} event. The cooldown before the next pause is kept.
     */
    function unpause() external restricted {
        if (!paused()) revert GuardianNotPaused();
        _pausedUntil = uint48(block.timestamp);
        emit GuardianUnpaused(msg.sender);
    }

    /**
     * @inheritdoc IGuardianPausable
     * @dev Bounded by {MIN_PAUSE_DURATION} and {MAX_PAUSE_DURATION}. Emits a {PauseDurationSet} event.
     */
    function setPauseDuration(uint48 newDuration) external restricted {
        _setPauseDuration(newDuration);
    }

    /// @inheritdoc IGuardianPausable
    function paused() public view returns (bool) {
        return block.timestamp < _pausedUntil;
    }

    /// @inheritdoc IGuardianPausable
    function pausedUntil() external view returns (uint48) {
        return _pausedUntil;
    }

    /// @notice How long one pause lasts, in seconds.
    function pauseDuration() external view returns (uint48) {
        return _pauseDuration;
    }

    function _requireNotPaused() internal view {
        if (block.timestamp < _pausedUntil) revert GuardianPausedUntil(_pausedUntil);
    }

    function _setPauseDuration(uint48 value) private {
        if (value < MIN_PAUSE_DURATION || value > MAX_PAUSE_DURATION) {
            revert GuardianPauseDurationOutOfBounds(value, MIN_PAUSE_DURATION, MAX_PAUSE_DURATION);
        }
        emit PauseDurationSet(_pauseDuration, value);
        _pauseDuration = value;
    }
}
