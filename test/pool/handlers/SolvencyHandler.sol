// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CapitalPool} from "../../../contracts/pool/CapitalPool.sol";
import {ICapitalPool} from "../../../contracts/pool/interfaces/ICapitalPool.sol";
import {CoverBook} from "../../../contracts/cover/CoverBook.sol";
import {ICoverBook} from "../../../contracts/cover/interfaces/ICoverBook.sol";
import {CoverClaims} from "../../../contracts/claims/CoverClaims.sol";
import {ICoverClaims} from "../../../contracts/claims/interfaces/ICoverClaims.sol";
import {WETH9} from "../../../contracts/local/WETH9.sol";
import {TestBase} from "../../utils/Vm.sol";

/**
 * @notice Drives the pool, the covers and the claims module together: deposits, withdrawal requests,
 * cancellations and completions, cover purchases, claims filed at any time (in the grace period too), votes,
 * escalations and governance decisions, redemptions, settlements, capacity-ratio changes by governance and time
 * jumps (which expire covers). It holds the AccessManager's admin role: it decides escalations and sets the
 * capacity ratio as the Timelock would.
 * @dev Time only moves forward (the handler's own clock). Ghosts record what must never happen: an approved
 * claim paid less than its amount although the pool held enough when it was filed, and a leaver receiving more
 * than its requests were worth, net of liabilities, when made. They also sum the shortfall the payouts left.
 */
contract SolvencyHandler is TestBase {
    CapitalPool public immutable pool;
    CoverBook public immutable book;
    CoverClaims public immutable claims;
    WETH9 public immutable weth;
    uint256 public immutable productId;

    uint256 public currentTime;
    /// @notice Approved claims paid less than their amount although the pool held enough at filing.
    uint256 public underpaidDespiteCapital;
    /// @notice Sum over payouts of `amount - paid`.
    uint256 public ghostShortfall;
    /// @notice What each underwriter's requests were worth when made (net of liabilities), and what it received.
    mapping(address underwriter => uint256) public requestedValue;
    mapping(address underwriter => uint256) public withdrawn;
    mapping(bytes32 action => uint256) public calls;

    address[] private _underwriters;
    address[] private _buyers;
    address[] private _assessors;
    uint256[] private _covers;
    mapping(uint256 claimId => bool) private _heldEnough;

    constructor(
        CapitalPool pool_,
        CoverBook book_,
        CoverClaims claims_,
        WETH9 weth_,
        uint256 productId_,
        address[] memory assessors_
    ) {
        pool = pool_;
        book = book_;
        claims = claims_;
        weth = weth_;
        productId = productId_;
        _assessors = assessors_;
        for (uint256 i = 0; i < 3; i++) {
            _underwriters.push(address(uint160(0xD000 + i)));
            _buyers.push(address(uint160(0xB000 + i)));
        }
        currentTime = block.timestamp;
    }

    modifier onTime() {
        vm.warp(currentTime);
        _;
    }

    receive() external payable {}

    // ------------------------------------------------------------- underwriters

    function deposit(uint256 seed, uint256 amount) external onTime {
        address u = _pick(_underwriters, seed);
        amount = bound(amount, 1 ether, 2_000 ether);
        _wrap(u, amount, address(pool));
        vm.prank(u);
        try pool.deposit(amount, u) {
            calls["deposit"]++;
        } catch {}
    }

    function requestWithdrawal(uint256 seed, uint256 fraction) external onTime {
        address u = _pick(_underwriters, seed);
        uint256 shares = (pool.balanceOf(u) * bound(fraction, 1, 100)) / 100;
        if (shares == 0) return;
        // The shares' part of capital net of open liabilities, computed here from the books (virtual shares and
        // assets of the ERC-4626 offset included), not by the pool's own conversion.
        uint256 net = _gross() > pool.openLiabilities() ? _gross() - pool.openLiabilities() : 0;
        uint256 value = (shares * (net + 1)) / (pool.totalSupply() + 10 ** pool.DECIMALS_OFFSET());
        vm.prank(u);
        pool.requestWithdrawal(shares);
        requestedValue[u] += value;
        calls["requestWithdrawal"]++;
    }

    function cancelWithdrawal(uint256 seed) external onTime {
        address u = _pick(_underwriters, seed);
        if (pool.withdrawalRequest(u).shares == 0) return;
        vm.prank(u);
        pool.cancelWithdrawal(u);
        calls["cancelWithdrawal"]++;
    }

    /// @dev A leaver waits exactly its cooldown when it is not over yet (time moves forward to `readyAt`).
    function completeWithdrawal(uint256 seed) external onTime {
        address u = _pick(_underwriters, seed);
        ICapitalPool.WithdrawalRequest memory request = pool.withdrawalRequest(u);
        if (request.shares == 0) return;
        if (currentTime < request.readyAt) _advanceTo(request.readyAt);
        uint256 before = weth.balanceOf(u);
        vm.prank(u);
        try pool.completeWithdrawal(u) {
            withdrawn[u] += weth.balanceOf(u) - before;
            calls["completeWithdrawal"]++;
        } catch {}
    }

    // ------------------------------------------------------------------- covers

    function buyCover(uint256 seed, uint256 amount, uint256 period) external onTime {
        address b = _pick(_buyers, seed);
        uint256 available = book.availableCapacity(productId);
        if (available < 1 ether) return;
        amount = bound(amount, 1 ether, available);
        period = bound(period, 7 days, 120 days);
        uint256 premium = book.quote(productId, amount, period);
        _wrap(b, premium, address(book));
        vm.prank(b);
        try book.buyCover(productId, amount, period, premium) returns (uint256 coverId) {
            _covers.push(coverId);
            calls["buyCover"]++;
        } catch {}
    }

    // ------------------------------------------------------------------- claims

    function fileClaim(uint256 coverSeed, uint256 amount) external onTime {
        if (_covers.length == 0) return;
        uint256 coverId = _covers[coverSeed % _covers.length];
        uint256 remaining = book.remainingAmount(coverId);
        if (remaining == 0) return;
        amount = bound(amount, 1, remaining);
        // Whether the pool held enough for this claim on top of the claims already open.
        bool enough = _gross() >= pool.openLiabilities() + amount;
        address holder = book.ownerOf(coverId);
        uint256 deposit_ = claims.parameters().claimDeposit;
        vm.deal(holder, deposit_);
        vm.prank(holder);
        try claims.submitClaim{value: deposit_}(coverId, amount, "ipfs://solvency") returns (uint256 claimId) {
            _heldEnough[claimId] = enough;
            ICoverBook.Cover memory c = book.cover(coverId);
            calls[block.timestamp >= c.end ? bytes32("fileClaimInGrace") : bytes32("fileClaim")]++;
            // Half the claims get a first vote at once (the largest assessor), which shortens the paths to payout.
            if (coverSeed & 1 == 1) {
                vm.prank(_assessors[_assessors.length - 1]);
                claims.castClaimVote(claimId, (coverSeed >> 1) & 3 != 0);
            }
        } catch {}
    }

    function vote(uint256 assessorSeed, uint256 claimSeed, bool support) external onTime {
        uint256 claimId = _claim(claimSeed);
        if (claimId == 0) return;
        vm.prank(_pick(_assessors, assessorSeed));
        try claims.castClaimVote(claimId, support) {
            calls["vote"]++;
        } catch {}
    }

    function escalate(uint256 seed, uint256 claimSeed) external onTime {
        uint256 claimId = _claim(claimSeed);
        if (claimId == 0 || claims.claimState(claimId) != ICoverClaims.ClaimState.Cooldown) return;
        address escalator = _pick(_underwriters, seed);
        uint256 bond = claims.escalationBondOf(claimId);
        vm.deal(escalator, bond);
        vm.prank(escalator);
        try claims.escalate{value: bond}(claimId) {
            calls["escalate"]++;
        } catch {}
    }

    function resolve(uint256 claimSeed, bool approve) external onTime {
        uint256 claimId = _claim(claimSeed);
        if (claimId == 0) return;
        try claims.resolveEscalation(claimId, approve) {
            calls["resolve"]++;
        } catch {}
    }

    /// @dev A holder whose claim is in its vote or cooldown waits until it is final (time moves forward).
    function redeem(uint256 claimSeed) external onTime {
        uint256 claimId = _claim(claimSeed);
        if (claimId == 0) return;
        ICoverClaims.ClaimView memory v = claims.claim(claimId);
        if (v.state == ICoverClaims.ClaimState.Voting || v.state == ICoverClaims.ClaimState.Cooldown) {
            _advanceTo(v.cooldownEnd);
        }
        if (claims.claimState(claimId) != ICoverClaims.ClaimState.Approved) return;
        pool.processExpiries(1_000);
        vm.prank(book.ownerOf(v.coverId));
        try claims.redeemPayout(claimId) returns (uint256 paid) {
            ghostShortfall += v.amount - paid;
            if (paid < v.amount && _heldEnough[claimId]) underpaidDespiteCapital++;
            calls["redeem"]++;
        } catch {}
    }

    function settle(uint256 claimSeed) external onTime {
        uint256 claimId = _claim(claimSeed);
        if (claimId == 0) return;
        try claims.settleClaim(claimId) {
            calls["settle"]++;
        } catch {}
    }

    // --------------------------------------------------------------- governance

    function setCapacityRatio(uint256 ratio) external onTime {
        pool.setCapacityRatio(uint16(bound(ratio, pool.MIN_CAPACITY_RATIO_BPS(), pool.MAX_CAPACITY_RATIO_BPS())));
        calls["setCapacityRatio"]++;
    }

    function warp(uint256 seconds_) external {
        _advanceTo(currentTime + bound(seconds_, 1 hours, 12 days));
        calls["warp"]++;
    }

    // -------------------------------------------------------------------- views

    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](16);
        selectors[0] = this.deposit.selector;
        selectors[1] = this.requestWithdrawal.selector;
        selectors[2] = this.cancelWithdrawal.selector;
        selectors[3] = this.completeWithdrawal.selector;
        selectors[4] = this.buyCover.selector;
        selectors[5] = this.fileClaim.selector;
        selectors[6] = this.vote.selector;
        selectors[7] = this.escalate.selector;
        selectors[8] = this.resolve.selector;
        selectors[9] = this.redeem.selector;
        selectors[10] = this.settle.selector;
        selectors[11] = this.setCapacityRatio.selector;
        selectors[12] = this.warp.selector;
        // Weighted: claims and time drive the interesting paths.
        selectors[13] = this.fileClaim.selector;
        selectors[14] = this.vote.selector;
        selectors[15] = this.warp.selector;
    }

    function underwriters() external view returns (address[] memory) {
        return _underwriters;
    }

    /// @notice Sum of the amounts of the claims still booked as liabilities: neither paid nor settled, and still
    /// the latest claim of their cover (a newer claim releases an older final one).
    function openClaimAmounts() external view returns (uint256 open) {
        uint256 count = claims.claimCount();
        for (uint256 id = 1; id <= count; id++) {
            ICoverClaims.ClaimView memory v = claims.claim(id);
            if (v.state == ICoverClaims.ClaimState.Paid || v.settled) continue;
            if (book.cover(v.coverId).latestClaim != id) continue;
            open += v.amount;
        }
    }

    /// @notice What the covers on which a claim may still be filed can still claim, less their open claims
    /// (booked as liabilities): the pool must count at least this much as active cover.
    function claimableCover() external view returns (uint256 total) {
        for (uint256 i = 0; i < _covers.length; i++) {
            ICoverBook.Cover memory c = book.cover(_covers[i]);
            if (block.timestamp >= uint256(c.end) + c.gracePeriod) continue;
            uint256 remaining = c.amount - c.paidOut;
            uint256 latest = c.latestClaim;
            if (latest != 0) {
                ICoverClaims.ClaimView memory v = claims.claim(latest);
                if (v.state != ICoverClaims.ClaimState.Paid && !v.settled) remaining -= v.amount;
            }
            total += remaining;
        }
    }

    // ----------------------------------------------------------------- internal

    function _advanceTo(uint256 time) private {
        currentTime = time;
        vm.warp(time);
        pool.processExpiries(1_000);
    }

    /// @dev The pool's balance less unearned premium and the reward pot: what claims are paid from.
    function _gross() private view returns (uint256) {
        ICapitalPool.PoolState memory s = pool.poolState();
        uint256 balance = weth.balanceOf(address(pool));
        uint256 reserved = s.unearnedPremium + s.assessorRewardPot;
        return balance > reserved ? balance - reserved : 0;
    }

    function _wrap(address account, uint256 amount, address spender) private {
        vm.deal(account, amount);
        vm.startPrank(account);
        weth.deposit{value: amount}();
        weth.approve(spender, type(uint256).max);
        vm.stopPrank();
    }

    function _pick(address[] storage list, uint256 seed) private view returns (address) {
        return list[seed % list.length];
    }

    function _claim(uint256 seed) private view returns (uint256) {
        uint256 count = claims.claimCount();
        return count == 0 ? 0 : 1 + (seed % count);
    }
}
