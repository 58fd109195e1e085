// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IRiskChangeDelay
 * @notice Events, errors and the external surface of a contract whose risk-raising parameter changes wait until
 * underwriters could leave: a change that raises the pool's risk is queued with an effective time at least the
 * pool's withdrawal cooldown plus window after governance made it; once that time has come, anyone applies it.
 * A change that lowers risk takes effect at once and drops any queued change of the same parameter.
 */
interface IRiskChangeDelay {
    /// @notice A queued change: the value that will apply and the first second at which it may.
    struct PendingChange {
        uint256 value;
        uint48 effectiveAt;
    }

    /// @notice Governance raised `parameter` to `value`; it applies from `effectiveAt` (see {applyRiskChange}).
    event RiskChangeQueued(bytes32 indexed parameter, uint256 value, uint48 effectiveAt);
    /// @notice The queued change of `parameter` to `value` took effect.
    event RiskChangeApplied(bytes32 indexed parameter, uint256 value);
    /// @notice The queued change of `parameter` to `value` was dropped by a later decision of governance.
    event RiskChangeCancelled(bytes32 indexed parameter, uint256 value);

    /// @notice No change of `parameter` is queued.
    error RiskChangeNotQueued(bytes32 parameter);
    /// @notice The queued change of `parameter` applies only from `effectiveAt`; it is `nowTime`.
    error RiskChangeNotYetEffective(bytes32 parameter, uint48 effectiveAt, uint48 nowTime);

    /**
     * @notice Applies the queued change of `parameter` once its effective time has come. Anyone may call it.
     * @dev Emits a {RiskChangeApplied} event (and the parameter's own setter event).
     */
    function applyRiskChange(bytes32 parameter) external;

    /// @notice The change of `parameter` waiting for its effective time; `effectiveAt` is zero when none is.
    function pendingRiskChange(bytes32 parameter) external view returns (PendingChange memory);

    /// @notice How long a risk-raising change made now would wait before it may apply, in seconds.
    function riskChangeDelay() external view returns (uint256);
}
