// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRiskChangeDelay} from "./interfaces/IRiskChangeDelay.sol";

/**
 * @title RiskChangeDelay
 * @notice Governance cannot raise a pool's risk faster than its underwriters can leave. A setter that sees its new
 * value raise risk (a higher capacity ratio, a new or re-activated product, a longer cover period, a weaker
 * trigger, a lower claim quorum, a shorter withdrawal cooldown) passes it to {_changeRisk} with a delay of at
 * least the withdrawal cooldown plus window of the pools concerned, so that an underwriter who asks to leave when
 * the proposal executes can complete before the change applies. A pool without underwriters has nobody to
 * protect: its delay is zero, which lets a deployment list its first products at once. A change that lowers risk applies at once and
 * drops a queued raise of the same parameter: the latest decision of governance wins.
 * @dev The rule keep-network's coverage pools and Cozy's safety modules enforce, in the way Cozy does it: a queued
 * configuration that anyone finalizes once its delay has passed, so that no user action pays for the check.
 * Until a queued change is applied, the current (less risky) value holds. Storage is namespaced (ERC-7201) so that
 * inheriting this contract moves none of the inheritor's packed slots.
 */
abstract contract RiskChangeDelay is IRiskChangeDelay {
    /// @custom:storage-location erc7201:coverdao.storage.RiskChangeDelay
    struct RiskChangeDelayStorage {
        mapping(bytes32 parameter => PendingChange) pending;
    }

    // keccak256(abi.encode(uint256(keccak256("coverdao.storage.RiskChangeDelay")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant STORAGE_LOCATION = 0x76eb0c7488cfb0520c252f362fea6f3b76bf5a5fbbaaf88a4348139252520900;

    /// @inheritdoc IRiskChangeDelay
    function applyRiskChange(bytes32 parameter) external {
        PendingChange memory change = _storage().pending[parameter];
        if (change.effectiveAt == 0) revert RiskChangeNotQueued(parameter);
        if (block.timestamp < change.effectiveAt) {
            revert RiskChangeNotYetEffective(parameter, change.effectiveAt, uint48(block.timestamp));
        }
        delete _storage().pending[parameter];
        emit RiskChangeApplied(parameter, change.value);
        _applyRiskChange(parameter, change.value);
    }

    /// @inheritdoc IRiskChangeDelay
    function pendingRiskChange(bytes32 parameter) external view returns (PendingChange memory) {
        return _pendingRiskChange(parameter);
    }

    /// @inheritdoc IRiskChangeDelay
    function riskChangeDelay() public view virtual returns (uint256);

    /**
     * @dev Sets `parameter` to `value`: at once when the change does not raise risk or `delay` is zero (no
     * underwriter's capital to protect), else queued to apply `delay` seconds from now, replacing (and restarting)
     * any change of it already queued. Either way a change of it queued earlier is dropped: the latest decision of
     * governance wins. Emits a {RiskChangeQueued} event when it queues.
     */
    function _changeRisk(bytes32 parameter, uint256 value, bool raises, uint256 delay) internal {
        _dropRiskChange(parameter);
        if (!raises || delay == 0) {
            _applyRiskChange(parameter, value);
            return;
        }
        uint48 effectiveAt = uint48(block.timestamp + delay);
        _storage().pending[parameter] = PendingChange(value, effectiveAt);
        emit RiskChangeQueued(parameter, value, effectiveAt);
    }

    /// @dev Cancels the queued change of `parameter`, if any. Emits a {RiskChangeCancelled} event when one was.
    function _dropRiskChange(bytes32 parameter) internal {
        PendingChange memory change = _storage().pending[parameter];
        if (change.effectiveAt == 0) return;
        delete _storage().pending[parameter];
        emit RiskChangeCancelled(parameter, change.value);
    }

    /// @dev The change of `parameter` waiting for its effective time (`effectiveAt` zero when none is).
    function _pendingRiskChange(bytes32 parameter) internal view returns (PendingChange memory) {
        return _storage().pending[parameter];
    }

    /// @dev Sets `parameter` to `value`, which the setter validated before passing it to {_changeRisk}.
    function _applyRiskChange(bytes32 parameter, uint256 value) internal virtual;

    function _storage() private pure returns (RiskChangeDelayStorage storage $) {
        assembly {
            $.slot := STORAGE_LOCATION
        }
    }
}
