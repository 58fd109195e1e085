// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICapitalPool} from "../../contracts/pool/interfaces/ICapitalPool.sol";
import {ClaimsSetup} from "../claims/utils/ClaimsSetup.sol";
import {SolvencyHandler} from "./handlers/SolvencyHandler.sol";

/**
 * @notice The pool keeps its promise under random interleavings of deposits, withdrawal requests, cancellations
 * and completions, cover purchases, expiries, claims (in the grace period too), votes, escalations, governance
 * decisions, payouts, settlements, capacity-ratio changes and time jumps (see docs/liabilities.md).
 * @dev Real contracts throughout (governance core, WETH pool, CoverBook, CoverClaims); the runner calls only the
 * handler's actions. One invariant function checks every property, so one campaign covers them all.
 */
contract SolvencyInvariantTest is ClaimsSetup {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    SolvencyHandler private handler;

    function setUp() public {
        _deployClaims();
        address[] memory assessors = new address[](4);
        for (uint256 i = 0; i < assessors.length; i++) {
            assessors[i] = address(uint160(0xA5500 + i));
            _fund(assessors[i], 100_000 ether, true);
            _stake(assessors[i], (i + 1) * 10_000 ether);
        }
        // The setup's own capital leaves, so that the handler's underwriters are the pool's only capital and an
        // exit ahead of a claim could leave it short.
        pool.requestWithdrawal(pool.balanceOf(address(this)));
        vm.warp(block.timestamp + 7 days);
        pool.completeWithdrawal(address(this));
        handler = new SolvencyHandler(pool, coverBook, claims, weth, assessedProduct, assessors);
        // The handler decides escalations and sets the capacity ratio as the Timelock would.
        manager.grantRole(ADMIN_ROLE, address(handler), 0);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), handler.actions());
    }

    /// @notice The handler's actions succeed along the attack paths, so campaigns exercise real ones.
    function test_handler_scriptedGraceClaimAfterExit() public {
        // Inputs are bounded by modulo: each value below is what the action receives, offset by its minimum.
        handler.deposit(0, 999 ether); // 1,000 WETH
        handler.buyCover(0, 399 ether, 23 days); // 400 WETH for 30 days
        handler.warp(11 days - 1 hours);
        handler.warp(11 days - 1 hours);
        handler.warp(10 days - 1 hours); // 32 days: the cover ended
        handler.requestWithdrawal(0, 99); // everything
        handler.completeWithdrawal(0); // waits its cooldown
        assertEq(handler.calls("completeWithdrawal"), 1, "completed");
        handler.fileClaim(0, 399 ether); // in the grace period
        handler.vote(3, 0, true);
        handler.vote(2, 0, true);
        handler.warp(3 days - 1 hours);
        handler.escalate(1, 0);
        handler.warp(11 days - 1 hours);
        handler.warp(11 days - 1 hours);
        handler.redeem(0);
        bytes32[8] memory expected = [
            bytes32("deposit"),
            "buyCover",
            "requestWithdrawal",
            "completeWithdrawal",
            "fileClaimInGrace",
            "vote",
            "escalate",
            "redeem"
        ];
        for (uint256 i = 0; i < expected.length; i++) {
            assertGe(handler.calls(expected[i]), 1, string(abi.encodePacked(expected[i])));
        }
        invariant_poolKeepsItsPromise();
    }

    /**
     * @notice Solvency, payouts and exits:
     * - gross capital covers the open liabilities and the active cover (so nothing is ever short), and the
     *   shortfall the pool records is exactly what payouts left unpaid;
     * - every approved claim was paid in full when the pool held enough at its filing;
     * - no underwriter withdrew more than its requests were worth, net of liabilities, when made;
     * - the pool's open liabilities are the amounts of the claims still open;
     * - every cover on which a claim may still be filed (until its end plus grace) counts as active cover.
     * hardhat-config: invariant.runs = 1000
     * hardhat-config: invariant.depth = 24
     */
    function invariant_poolKeepsItsPromise() public view {
        ICapitalPool.PoolState memory s = pool.poolState();
        uint256 balance = weth.balanceOf(address(pool));
        uint256 gross = balance - s.unearnedPremium - s.assessorRewardPot;
        assertGe(gross, s.openLiabilities, "capital below open liabilities");
        assertGe(gross, s.openLiabilities + s.activeCover, "capital below liabilities + active cover");
        assertEq(s.capital, gross - s.openLiabilities, "capital is gross net of liabilities");
        assertEq(s.totalShortfall, handler.ghostShortfall(), "shortfall recorded != unpaid");
        assertEq(s.totalShortfall, 0, "a shortfall although capital covered the liabilities");
        assertEq(handler.underpaidDespiteCapital(), 0, "approved claim underpaid although the pool held enough");
        address[] memory underwriters = handler.underwriters();
        for (uint256 i = 0; i < underwriters.length; i++) {
            assertLe(
                handler.withdrawn(underwriters[i]),
                handler.requestedValue(underwriters[i]),
                "a leaver received more than its requests were worth"
            );
        }
        assertEq(s.openLiabilities, handler.openClaimAmounts(), "liabilities != open claims");
        assertGe(s.activeCover, handler.claimableCover(), "a cover open to claims is not backed");
    }
}
