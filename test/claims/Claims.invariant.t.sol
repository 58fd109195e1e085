// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICoverBook} from "../../contracts/cover/interfaces/ICoverBook.sol";
import {ClaimsSetup} from "./utils/ClaimsSetup.sol";
import {ClaimsHandler} from "./handlers/ClaimsHandler.sol";

/**
 * @notice Invariants of the claims module under random sequences of claims (assessed and parametric), votes,
 * escalations, governance decisions, redemptions, settlements, rewards, cover transfers, unstaking and time.
 * @dev Real contracts throughout (governance core, WETH pool, CoverBook, LocalPriceFeed, CoverClaims); the
 * runner calls only the handler's actions.
 */
contract ClaimsInvariantTest is ClaimsSetup {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    uint256 private constant ACTORS = 4;

    ClaimsHandler private handler;

    function setUp() public {
        _deployClaims();
        address[] memory actors = new address[](ACTORS);
        for (uint256 i = 0; i < ACTORS; i++) {
            actors[i] = address(uint160(0xC000 + i));
            _fund(actors[i], 100_000 ether, true);
            _stake(actors[i], (i + 1) * 10_000 ether);
        }
        uint256[] memory covers = new uint256[](4);
        covers[0] = _buyCover(actors[0], assessedProduct, 50 ether, 120 days);
        covers[1] = _buyCover(actors[1], assessedProduct, 20 ether, 60 days);
        covers[2] = _buyCover(actors[2], parametricProduct, 30 ether, 90 days);
        covers[3] = _buyCover(actors[3], assessedProduct, 10 ether, 30 days);
        vm.warp(block.timestamp + 1);

        handler = new ClaimsHandler(claims, coverBook, pool, staking, feed, actors, covers);
        // The handler decides escalations as the Timelock would, and escalates as the guardian.
        manager.grantRole(ADMIN_ROLE, address(handler), 0);
        manager.grantRole(GUARDIAN_ROLE, address(handler), 0);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), handler.actions());
    }

    /// @notice The handler's actions succeed along a full claim's life, so campaigns exercise real paths.
    function test_handler_scriptedLifecycle() public {
        handler.submitClaim(0, 5 ether);
        handler.vote(3, 0, true);
        handler.vote(2, 0, true);
        handler.requestUnstake(3, 1 ether);
        handler.warp(3 days);
        handler.escalate(1, 0, false);
        handler.warp(8 days);
        handler.withdraw(3);
        handler.resolve(0, true);
        handler.redeem(0);
        handler.claimReward(3, 0);
        handler.submitParametricClaim(2, 1 ether, 90_000_000);
        handler.redeem(1);
        bytes32[8] memory expected = [
            bytes32("submitClaim"),
            "vote",
            "escalate",
            "resolve",
            "redeem",
            "claimReward",
            "submitParametricClaim",
            "requestUnstake"
        ];
        for (uint256 i = 0; i < expected.length; i++) {
            assertGe(handler.calls(expected[i]), 1, string(abi.encodePacked(expected[i])));
        }
        // Withdrawal under the lock failed: the voter's claim was not final when it was tried.
        assertEq(handler.calls("withdraw"), 0, "withdraw under lock");
        assertEq(handler.paidPerCover(handler.coverIds()[0]), 5 ether + 1, "paid (bounded amount)");
        invariant_totalPaidPerCover_withinCoverAmount();
        invariant_claimState_onlyMovesForward();
        invariant_lockedStake_neverWithdrawable();
    }

    /// @notice No cover ever paid more than its amount, by the cover's books or by the handler's sum.
    function invariant_totalPaidPerCover_withinCoverAmount() public view {
        uint256[] memory covers = handler.coverIds();
        for (uint256 i = 0; i < covers.length; i++) {
            ICoverBook.Cover memory c = coverBook.cover(covers[i]);
            assertLe(c.paidOut, c.amount, "cover paid above its amount");
            assertLe(handler.paidPerCover(covers[i]), c.amount, "redeemed above the cover amount");
            assertEq(handler.paidPerCover(covers[i]), c.paidOut, "redeemed != cover paidOut");
        }
    }

    /// @notice A claim's state only moves forward; Denied, Paid and Expired are terminal.
    function invariant_claimState_onlyMovesForward() public view {
        assertEq(handler.stateRegressions(), 0, "a claim state moved backward");
    }

    /// @notice Stake that voted on a claim that can still change is never withdrawn.
    function invariant_lockedStake_neverWithdrawable() public view {
        assertEq(handler.lockedWithdrawals(), 0, "stake withdrawn while a voted claim was open");
    }
}
