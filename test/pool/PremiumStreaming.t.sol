// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TestBase} from "../utils/Vm.sol";
import {PoolSetup} from "../utils/PoolSetup.sol";
import {ICapitalPool} from "../../contracts/pool/interfaces/ICapitalPool.sol";

/// @notice A deposit made just before a premium earns only its time-weighted share of it.
contract PremiumStreamingTest is TestBase {
    PoolSetup.System internal s;
    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant BUYER = address(0xB4E7);

    function setUp() public {
        vm.warp(1_700_000_000);
        s = PoolSetup.deploy(address(0x7EA5), address(0xC1A1));
        address[3] memory users = [ALICE, BOB, BUYER];
        for (uint256 i; i < users.length; i++) {
            vm.startPrank(users[i]);
            s.token.approve(address(s.pool), type(uint256).max);
            s.token.approve(address(s.book), type(uint256).max);
            vm.stopPrank();
        }
    }

    function testFuzz_depositBeforePremiumEarnsTimeWeightedShare(
        uint256 aliceAmount,
        uint256 bobAmount,
        uint256 coverFraction,
        uint256 period,
        uint256 elapsed
    ) public {
        aliceAmount = bound(aliceAmount, 1_000e6, 900_000e6);
        bobAmount = bound(bobAmount, 1e6, 900_000e6);
        period = bound(period, 1 days, 365 days);
        elapsed = bound(elapsed, 1, period);

        s.token.mint(ALICE, aliceAmount);
        vm.prank(ALICE);
        s.pool.deposit(aliceAmount, ALICE);

        // Bob deposits in the same block as the premium arrives.
        s.token.mint(BOB, bobAmount);
        vm.prank(BOB);
        uint256 bobShares = s.pool.deposit(bobAmount, BOB);
        uint256 bobValueBefore = s.pool.convertToAssets(bobShares);

        uint256 amount = bound(coverFraction, 1, s.book.availableCapacity(s.productId));
        uint256 premium = s.book.quote(s.productId, amount, period);
        s.token.mint(BUYER, premium);
        vm.prank(BUYER);
        s.book.buyCover(s.productId, amount, period, premium);
        ICapitalPool.PoolState memory start = s.pool.poolState();
        uint256 bucketEnd = ((block.timestamp + period + 1 days - 1) / 1 days) * 1 days;
        uint256 duration = bucketEnd - block.timestamp;

        vm.warp(block.timestamp + elapsed);
        ICapitalPool.PoolState memory later = s.pool.poolState();
        // The pool earned no more than the time-weighted part of its premium.
        uint256 earned = later.premiumsEarned - start.premiumsEarned;
        assertLe(earned, (start.premiumsReceived * elapsed) / duration + 1, "earned at most pro rata");
        assertEq(later.capital, start.capital + earned, "capital grows by the earned premium only");
        // Bob's gain is at most his share of that part (plus rounding).
        uint256 bobValueAfter = s.pool.convertToAssets(bobShares);
        uint256 gain = bobValueAfter > bobValueBefore ? bobValueAfter - bobValueBefore : 0;
        uint256 fair = (earned * bobShares) / s.pool.totalSupply();
        assertLe(gain, fair + 1, "gain at most a time-weighted share");
    }

    function test_premiumFullyEarnedAtBucketEnd() public {
        s.token.mint(ALICE, 100_000e6);
        vm.prank(ALICE);
        s.pool.deposit(100_000e6, ALICE);
        uint256 premium = s.book.quote(s.productId, 50_000e6, 30 days);
        s.token.mint(BUYER, premium);
        vm.prank(BUYER);
        s.book.buyCover(s.productId, 50_000e6, 30 days, premium);
        vm.warp(block.timestamp + 31 days);
        ICapitalPool.PoolState memory state = s.pool.poolState();
        assertEq(state.unearnedPremium, 0, "nothing unearned");
        assertEq(state.premiumsEarned, state.premiumsReceived, "all earned");
        assertEq(state.activeCover, 0, "capacity freed");
        assertEq(state.capital, 100_000e6 + state.premiumsReceived, "capital = deposits + premium");
    }
}
