// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CoverTimelock} from "../../contracts/governance/CoverTimelock.sol";
import {GuardianPausable} from "../../contracts/governance/GuardianPausable.sol";
import {IGuardianPausable} from "../../contracts/governance/interfaces/IGuardianPausable.sol";
import {IStakingVault} from "../../contracts/governance/interfaces/IStakingVault.sol";
import {GovernanceSetup} from "./utils/GovernanceSetup.sol";

/// @dev {GuardianPausable} is abstract; this is the smallest concrete module, with nothing added.
contract GuardianPausableHarness is GuardianPausable {
    constructor(address authority, uint48 pauseDuration_) AccessManaged(authority) GuardianPausable(pauseDuration_) {}
}

/// @notice Every bounded setter accepts its whole range and refuses everything outside with the named error.
contract SetterBoundsTest is GovernanceSetup {
    uint256 private constant TIMELOCK_DELAY = 2 days;

    GuardianPausableHarness private pausable;
    CoverTimelock private timelock;

    function setUp() public {
        _deployCore();
        pausable = new GuardianPausableHarness(address(manager), 1 days);
        // This contract proposes and executes; the Timelock administers itself.
        address[] memory self = new address[](1);
        self[0] = address(this);
        timelock = new CoverTimelock(TIMELOCK_DELAY, self, self, address(0));
    }

    // ------------------------------------------------------ StakingVault

    function testFuzz_setUnstakeCooldown_acceptsWithinBounds(uint256 value) public {
        uint48 cooldown = uint48(bound(value, staking.MIN_COOLDOWN(), staking.MAX_COOLDOWN()));
        staking.setUnstakeCooldown(cooldown);
        (uint48 stored, , , ) = staking.parameters();
        assertEq(stored, cooldown, "cooldown");
    }

    function testFuzz_setUnstakeCooldown_revertsOutsideBounds(uint256 value, bool above) public {
        uint48 min = staking.MIN_COOLDOWN();
        uint48 max = staking.MAX_COOLDOWN();
        uint48 cooldown = uint48(above ? bound(value, uint256(max) + 1, type(uint48).max) : bound(value, 0, min - 1));
        vm.expectRevert(_outOfBounds("unstakeCooldown", cooldown, min, max));
        staking.setUnstakeCooldown(cooldown);
    }

    function testFuzz_setUnstakeWindow_acceptsWithinBounds(uint256 value) public {
        uint48 window = uint48(bound(value, staking.MIN_WINDOW(), staking.MAX_WINDOW()));
        staking.setUnstakeWindow(window);
        (, uint48 stored, , ) = staking.parameters();
        assertEq(stored, window, "window");
    }

    function testFuzz_setUnstakeWindow_revertsOutsideBounds(uint256 value, bool above) public {
        uint48 min = staking.MIN_WINDOW();
        uint48 max = staking.MAX_WINDOW();
        uint48 window = uint48(above ? bound(value, uint256(max) + 1, type(uint48).max) : bound(value, 0, min - 1));
        vm.expectRevert(_outOfBounds("unstakeWindow", window, min, max));
        staking.setUnstakeWindow(window);
    }

    function testFuzz_setMaxSlashBps_acceptsWithinBounds(uint256 value) public {
        uint16 bps = uint16(bound(value, 1, staking.MAX_SLASH_BPS_CEILING()));
        staking.setMaxSlashBps(bps);
        (, , uint16 stored, ) = staking.parameters();
        assertEq(stored, bps, "maxSlashBps");
    }

    function testFuzz_setMaxSlashBps_revertsOutsideBounds(uint256 value, bool above) public {
        uint16 max = staking.MAX_SLASH_BPS_CEILING();
        uint16 bps = above ? uint16(bound(value, uint256(max) + 1, type(uint16).max)) : 0;
        vm.expectRevert(_outOfBounds("maxSlashBps", bps, 1, max));
        staking.setMaxSlashBps(bps);
    }

    function testFuzz_setSlashRecipient_acceptsAnyOtherAccount(address recipient) public {
        vm.assume(recipient != address(0) && recipient != address(staking));
        staking.setSlashRecipient(recipient);
        (, , , address stored) = staking.parameters();
        assertTrue(stored == recipient, "slash recipient");
    }

    function test_setSlashRecipient_revertsOnZeroAddress() public {
        vm.expectRevert(IStakingVault.StakingZeroAddress.selector);
        staking.setSlashRecipient(address(0));
    }

    /// @notice The vault cannot receive its own slashes: the tokens would stay uncounted and their votes vanish.
    function test_setSlashRecipient_revertsForVault() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingInvalidSlashRecipient.selector, address(staking)));
        staking.setSlashRecipient(address(staking));
    }

    /// @notice Every setter is governance-only, whatever the value.
    function testFuzz_stakingSetters_revertForNonGovernance(address caller, uint256 value) public {
        vm.assume(caller != address(this));
        bytes memory unauthorized = abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller);
        vm.expectRevert(unauthorized);
        vm.prank(caller);
        staking.setUnstakeCooldown(uint48(value));
        vm.expectRevert(unauthorized);
        vm.prank(caller);
        staking.setUnstakeWindow(uint48(value));
        vm.expectRevert(unauthorized);
        vm.prank(caller);
        staking.setMaxSlashBps(uint16(value));
        vm.expectRevert(unauthorized);
        vm.prank(caller);
        staking.setSlashRecipient(address(uint160(value)));
    }

    // -------------------------------------------------- GuardianPausable

    function testFuzz_setPauseDuration_acceptsWithinBounds(uint256 value) public {
        uint48 duration = uint48(bound(value, pausable.MIN_PAUSE_DURATION(), pausable.MAX_PAUSE_DURATION()));
        pausable.setPauseDuration(duration);
        assertEq(pausable.pauseDuration(), duration, "pause duration");
    }

    function testFuzz_setPauseDuration_revertsOutsideBounds(uint256 value, bool above) public {
        uint48 min = pausable.MIN_PAUSE_DURATION();
        uint48 max = pausable.MAX_PAUSE_DURATION();
        uint48 duration = uint48(above ? bound(value, uint256(max) + 1, type(uint48).max) : bound(value, 0, min - 1));
        vm.expectRevert(
            abi.encodeWithSelector(IGuardianPausable.GuardianPauseDurationOutOfBounds.selector, duration, min, max)
        );
        pausable.setPauseDuration(duration);
    }

    function testFuzz_setPauseDuration_revertsForNonGovernance(address caller, uint48 duration) public {
        vm.assume(caller != address(this));
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        vm.prank(caller);
        pausable.setPauseDuration(duration);
    }

    // ----------------------------------------------------- CoverTimelock

    function testFuzz_updateDelay_acceptsWithinBoundsThroughTimelock(uint256 value) public {
        uint256 delay = bound(value, timelock.MIN_DELAY_FLOOR(), timelock.MAX_DELAY_CEILING());
        _scheduleUpdateDelay(delay);
        timelock.execute(address(timelock), 0, abi.encodeCall(CoverTimelock.updateDelay, (delay)), 0, 0);
        assertEq(timelock.getMinDelay(), delay, "min delay");
    }

    function testFuzz_updateDelay_revertsOutsideBoundsThroughTimelock(uint256 value, bool above) public {
        uint256 min = timelock.MIN_DELAY_FLOOR();
        uint256 max = timelock.MAX_DELAY_CEILING();
        uint256 delay = above ? bound(value, max + 1, type(uint256).max) : bound(value, 0, min - 1);
        _scheduleUpdateDelay(delay);
        vm.expectRevert(abi.encodeWithSelector(CoverTimelock.TimelockDelayOutOfBounds.selector, delay, min, max));
        timelock.execute(address(timelock), 0, abi.encodeCall(CoverTimelock.updateDelay, (delay)), 0, 0);
        assertEq(timelock.getMinDelay(), TIMELOCK_DELAY, "min delay moved");
    }

    function testFuzz_updateDelay_revertsWhenNotCalledByTimelock(address caller, uint256 value) public {
        vm.assume(caller != address(timelock));
        uint256 delay = bound(value, timelock.MIN_DELAY_FLOOR(), timelock.MAX_DELAY_CEILING());
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, caller));
        vm.prank(caller);
        timelock.updateDelay(delay);
    }

    // ---------------------------------------------------------- helpers

    function _scheduleUpdateDelay(uint256 delay) private {
        timelock.schedule(
            address(timelock),
            0,
            abi.encodeCall(CoverTimelock.updateDelay, (delay)),
            0,
            0,
            TIMELOCK_DELAY
        );
        vm.warp(block.timestamp + TIMELOCK_DELAY);
    }

    function _outOfBounds(
        bytes32 parameter,
        uint256 value,
        uint256 min,
        uint256 max
    ) private pure returns (bytes memory) {
        return abi.encodeWithSelector(IStakingVault.StakingParameterOutOfBounds.selector, parameter, value, min, max);
    }
}
