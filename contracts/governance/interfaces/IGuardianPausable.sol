// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IGuardianPausable
 * @notice Events and errors of the guardian's bounded emergency pause.
 */
interface IGuardianPausable {
    /// @notice `guardian` paused the contract until `until`.
    event GuardianPaused(address indexed guardian, uint48 until);
    /// @notice `caller` lifted the pause early.
    event GuardianUnpaused(address indexed caller);
    /// @notice Governance changed how long one pause lasts.
    event PauseDurationSet(uint48 oldDuration, uint48 newDuration);

    /// @notice The action is paused until `until`.
    error GuardianPausedUntil(uint48 until);
    /// @notice The contract is not paused.
    error GuardianNotPaused();
    /// @notice A new pause is allowed from `allowedAt`, so the guardian cannot chain pauses forever.
    error GuardianPauseCoolingDown(uint48 allowedAt);
    /// @notice `duration` lies outside [`min`, `max`].
    error GuardianPauseDurationOutOfBounds(uint48 duration, uint48 min, uint48 max);

    /// @notice Pauses the guarded actions for the governance-set duration. Guardian role only.
    function pause() external;

    /// @notice Lifts a pause early. Guardian role only.
    function unpause() external;

    /// @notice Sets how long one pause lasts. Governance only.
    function setPauseDuration(uint48 newDuration) external;

    /// @notice Whether the guarded actions are paused now.
    function paused() external view returns (bool);

    /// @notice The second the current (or last) pause ends.
    function pausedUntil() external view returns (uint48);
}
