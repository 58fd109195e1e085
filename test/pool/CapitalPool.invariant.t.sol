// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TestBase} from "../utils/Vm.sol";
import {PoolSetup} from "../utils/PoolSetup.sol";
import {CapitalPool} from "../../contracts/pool/CapitalPool.sol";
import {ICapitalPool} from "../../contracts/pool/interfaces/ICapitalPool.sol";
import {CoverBook} from "../../contracts/cover/CoverBook.sol";
import {ICoverBook} from "../../contracts/cover/interfaces/ICoverBook.sol";
import {TestStablecoin} from "../../contracts/local/TestStablecoin.sol";

/**
 * @notice Random sequences of deposits, withdrawal requests and completions, cover purchases, time warps,
 * expiry processing and payouts on covers still counted as active. Every action that the system refuses is
 * skipped (the handler never lets a revert end the run); ghost totals track what went in and out.
 */
contract PoolHandler is TestBase {
    CapitalPool public immutable pool;
    CoverBook public immutable book;
    TestStablecoin public immutable token;
    uint256 public immutable productId;

    address[] internal _actors;
    uint256[] internal _covers;
    uint256 internal _claims;

    /// @notice Premium the pool received (net of treasury and assessor shares), summed by the handler.
    uint256 public ghostPoolPremiums;
    uint256 public calls;

    constructor(CapitalPool pool_, CoverBook book_, TestStablecoin token_, uint256 productId_) {
        pool = pool_;
        book = book_;
        token = token_;
        productId = productId_;
        for (uint256 i = 1; i <= 4; i++) {
            address actor = address(uint160(0xA000 + i));
            _actors.push(actor);
            vm.startPrank(actor);
            token.approve(address(pool), type(uint256).max);
            token.approve(address(book), type(uint256).max);
            vm.stopPrank();
        }
    }

    function deposit(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        amount = bound(amount, 1e6, 500_000e6);
        token.mint(actor, amount);
        vm.prank(actor);
        try pool.deposit(amount, actor) {} catch {}
        ++calls;
    }

    function requestWithdrawal(uint256 actorSeed, uint256 fraction) external {
        address actor = _actor(actorSeed);
        uint256 shares = (pool.balanceOf(actor) * bound(fraction, 1, 100)) / 100;
        if (shares == 0) return;
        vm.prank(actor);
        pool.requestWithdrawal(shares);
        ++calls;
    }

    function completeWithdrawal(uint256 actorSeed) external {
        address actor = _actor(actorSeed);
        if (pool.withdrawalRequest(actor).shares == 0) return;
        vm.prank(actor);
        try pool.completeWithdrawal(actor) {} catch {}
        ++calls;
    }

    function buyCover(uint256 actorSeed, uint256 amount, uint256 period) external {
        address actor = _actor(actorSeed);
        uint256 available = book.availableCapacity(productId);
        if (available == 0) return;
        amount = bound(amount, 1, available);
        period = bound(period, 1 days, 365 days);
        uint256 premium = book.quote(productId, amount, period);
        token.mint(actor, premium);
        uint256 balanceBefore = token.balanceOf(actor);
        vm.prank(actor);
        try book.buyCover(productId, amount, period, premium) returns (uint256 coverId) {
            _covers.push(coverId);
            uint256 charged = balanceBefore - token.balanceOf(actor);
            (uint16 assessorBps, uint16 treasuryBps, ) = book.premiumShares();
            ghostPoolPremiums += charged - (charged * treasuryBps) / 10_000 - (charged * assessorBps) / 10_000;
        } catch {}
        ++calls;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1 hours, 20 days));
        ++calls;
    }

    function processExpiries(uint256 maxBuckets) external {
        pool.processExpiries(bound(maxBuckets, 1, 64));
        ++calls;
    }

    /// @dev Files (books the liability) and pays part of a cover still counted as active (its expiry bucket has
    /// not ended), as the claims module does.
    function payout(uint256 coverSeed, uint256 fraction) external {
        if (_covers.length == 0) return;
        uint256 coverId = _covers[coverSeed % _covers.length];
        ICoverBook.Cover memory c = book.cover(coverId);
        uint256 bucketEnd = ((uint256(c.end) + 1 days - 1) / 1 days) * 1 days;
        if (block.timestamp >= bucketEnd) return;
        uint256 remaining = c.amount - c.paidOut;
        uint256 amount = (remaining * bound(fraction, 1, 100)) / 100;
        if (amount == 0) return;
        try book.recordClaim(coverId, ++_claims, amount) {
            book.payout(coverId, address(0xBEEF), amount);
        } catch {}
        ++calls;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }
}

contract CapitalPoolInvariantTest is TestBase {
    PoolSetup.System internal s;
    PoolHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        s = PoolSetup.deploy(address(0x7EA5), address(0xC1A1));
        handler = new PoolHandler(s.pool, s.book, s.token, s.productId);
        // The handler plays the claims module.
        s.manager.grantRole(PoolSetup.CLAIMS_ROLE, address(handler), 0);
        s.book.setClaimsModule(address(handler));
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice Active cover never exceeds capital times the pool's capacity ratio.
    function invariant_activeCoverWithinCapacity() public view {
        ICapitalPool.PoolState memory state = s.pool.poolState();
        assertLe(state.activeCover * 10_000, state.capital * state.capacityRatioBps, "active cover within capacity");
    }

    /// @notice Redeeming every share never needs more than the pool holds (beside premiums and the reward pot).
    function invariant_allSharesRedeemable() public view {
        ICapitalPool.PoolState memory state = s.pool.poolState();
        uint256 balance = s.token.balanceOf(address(s.pool));
        uint256 allShares = s.pool.convertToAssets(s.pool.totalSupply());
        assertLe(allShares, state.capital, "shares worth at most the capital");
        assertLe(state.capital + state.unearnedPremium + state.assessorRewardPot, balance, "books within balance");
    }

    /// @notice Earned premium never exceeds the premium paid to the pool.
    function invariant_earnedWithinPaid() public view {
        ICapitalPool.PoolState memory state = s.pool.poolState();
        assertLe(state.premiumsEarned, state.premiumsReceived, "earned <= received");
        assertEq(state.premiumsReceived, handler.ghostPoolPremiums(), "received == paid by buyers");
    }
}
