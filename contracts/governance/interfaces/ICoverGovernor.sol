// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ICoverGovernor
 * @notice Errors the DAO's Governor adds to OpenZeppelin's {IGovernor}: every setting is bounded.
 */
interface ICoverGovernor {
    /// @notice `value` for `parameter` lies outside the allowed range [`min`, `max`].
    error GovernorParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);
}
