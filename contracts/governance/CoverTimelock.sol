// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/**
 * @title CoverTimelock
 * @notice The DAO's Timelock: it owns every risk parameter and the treasury. The Governor is its only
 * proposer and canceller, anyone may execute a ready operation, and after deployment no admin remains.
 * @dev OpenZeppelin's {TimelockController} with a bounded minimum delay.
 */
contract CoverTimelock is TimelockController {
    /// @notice Bounds of the minimum delay (seconds).
    uint256 public constant MIN_DELAY_FLOOR = 1 hours;
    uint256 public constant MAX_DELAY_CEILING = 30 days;

    /// @notice `delay` lies outside [`min`, `max`].
    error TimelockDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);

    /**
     * @param minDelay Initial minimum delay, within the bounds.
     * @param proposers Accounts granted the proposer and canceller roles.
     * @param executors Accounts granted the executor role; `address(0)` opens execution to anyone.
     * @param admin Optional setup admin, which the deployment renounces; zero for none.
     */
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {
        _checkDelay(minDelay);
    }

    /**
     * @notice Changes the minimum delay; only through an operation of the Timelock itself.
     * @dev Bounded by {MIN_DELAY_FLOOR} and {MAX_DELAY_CEILING}. Emits a {MinDelayChange} event.
     */
    function updateDelay(uint256 newDelay) public override {
        _checkDelay(newDelay);
        super.updateDelay(newDelay);
    }

    function _checkDelay(uint256 delay) private pure {
        if (delay < MIN_DELAY_FLOOR || delay > MAX_DELAY_CEILING) {
            revert TimelockDelayOutOfBounds(delay, MIN_DELAY_FLOOR, MAX_DELAY_CEILING);
        }
    }
}
