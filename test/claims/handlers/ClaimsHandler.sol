// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CapitalPool} from "../../../contracts/pool/CapitalPool.sol";
import {CoverBook} from "../../../contracts/cover/CoverBook.sol";
import {CoverClaims} from "../../../contracts/claims/CoverClaims.sol";
import {ICoverClaims} from "../../../contracts/claims/interfaces/ICoverClaims.sol";
import {LocalPriceFeed} from "../../../contracts/local/LocalPriceFeed.sol";
import {StakingVault} from "../../../contracts/governance/StakingVault.sol";
import {TestBase} from "../../utils/Vm.sol";

/**
 * @notice Drives the claims module through bounded random claims, votes, escalations, governance decisions,
 * redemptions, settlements, rewards, cover transfers, unstaking, price posts and time warps. It holds the
 * AccessManager's admin role (it decides escalations as the Timelock would) and GUARDIAN_ROLE.
 * @dev Every action moves the chain to the handler's own clock first, so time only goes forward, and then
 * observes every claim's state to record any state that moved backward. Ghosts record what must never
 * happen: a withdrawal under a claim lock and payouts above a cover.
 */
contract ClaimsHandler is TestBase {
    CoverClaims public immutable claims;
    CoverBook public immutable coverBook;
    CapitalPool public immutable pool;
    StakingVault public immutable staking;
    LocalPriceFeed public immutable feed;

    uint256 public currentTime;
    /// @notice States that moved backward (or left a terminal state).
    uint256 public stateRegressions;
    /// @notice Withdrawals that succeeded while a claim the staker voted on could still change.
    uint256 public lockedWithdrawals;
    /// @notice Paid per cover, summed from the amounts {CoverClaims-redeemPayout} returned.
    mapping(uint256 coverId => uint256) public paidPerCover;
    mapping(bytes32 action => uint256) public calls;

    address[] private _actors;
    uint256[] private _covers;
    mapping(uint256 claimId => uint8) private _lastState;
    /// @dev Latest lockUntil of the claims each actor voted on.
    mapping(address actor => uint256) private _votedLockUntil;

    constructor(
        CoverClaims claims_,
        CoverBook coverBook_,
        CapitalPool pool_,
        StakingVault staking_,
        LocalPriceFeed feed_,
        address[] memory actors_,
        uint256[] memory covers_
    ) {
        claims = claims_;
        coverBook = coverBook_;
        pool = pool_;
        staking = staking_;
        feed = feed_;
        _actors = actors_;
        _covers = covers_;
        currentTime = block.timestamp;
    }

    modifier onTime() {
        vm.warp(currentTime);
        _;
        _observe();
    }

    receive() external payable {}

    // ---------------------------------------------------------------- actions

    function submitClaim(uint256 coverSeed, uint256 amount) external onTime {
        uint256 coverId = _cover(coverSeed);
        address holder = coverBook.ownerOf(coverId);
        uint256 remaining = coverBook.remainingAmount(coverId);
        if (remaining == 0) return;
        amount = bound(amount, 1, remaining + remaining / 10);
        uint256 deposit = claims.parameters().claimDeposit;
        vm.deal(holder, deposit);
        vm.prank(holder);
        try claims.submitClaim{value: deposit}(coverId, amount, "ipfs://fuzz") {
            calls["submitClaim"]++;
        } catch {}
    }

    function submitParametricClaim(uint256 coverSeed, uint256 amount, int256 price) external onTime {
        uint256 coverId = _cover(coverSeed);
        price = int256(bound(uint256(price < 0 ? -price : price), 0, 110_000_000));
        // A fall from the peg that lasts the confirmation window (1 day, see ClaimsSetup), past the waiting period.
        currentTime += 1 hours;
        vm.warp(currentTime);
        feed.setAnswer(100_000_000);
        uint80 roundId = feed.setAnswer(price);
        currentTime += 1 days;
        vm.warp(currentTime);
        address holder = coverBook.ownerOf(coverId);
        amount = bound(amount, 1, coverBook.remainingAmount(coverId) + 1);
        vm.prank(holder);
        try claims.submitParametricClaim(coverId, amount, roundId) {
            calls["submitParametricClaim"]++;
        } catch {}
    }

    function vote(uint256 actorSeed, uint256 claimSeed, bool support) external onTime {
        address actor = _actor(actorSeed);
        uint256 claimId = _claim(claimSeed);
        if (claimId == 0) return;
        vm.prank(actor);
        try claims.castClaimVote(claimId, support) {
            uint256 lockUntil = claims.claim(claimId).lockUntil;
            if (lockUntil > _votedLockUntil[actor]) _votedLockUntil[actor] = lockUntil;
            calls["vote"]++;
        } catch {}
    }

    function escalate(uint256 actorSeed, uint256 claimSeed, bool asGuardian) external onTime {
        uint256 claimId = _claim(claimSeed);
        if (claimId == 0) return;
        if (asGuardian) {
            try claims.escalateAsGuardian(claimId) {
                calls["escalateAsGuardian"]++;
            } catch {}
            return;
        }
        address actor = _actor(actorSeed);
        uint256 bond = claims.parameters().escalationBond;
        vm.deal(actor, bond);
        vm.prank(actor);
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

    function redeem(uint256 claimSeed) external onTime {
        uint256 claimId = _claim(claimSeed);
        if (claimId == 0) return;
        uint256 coverId = claims.claim(claimId).coverId;
        pool.processExpiries(1_000);
        vm.prank(coverBook.ownerOf(coverId));
        try claims.redeemPayout(claimId) returns (uint256 paid) {
            paidPerCover[coverId] += paid;
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

    function claimReward(uint256 actorSeed, uint256 claimSeed) external onTime {
        uint256 claimId = _claim(claimSeed);
        if (claimId == 0) return;
        vm.prank(_actor(actorSeed));
        try claims.claimReward(claimId) {
            calls["claimReward"]++;
        } catch {}
    }

    function transferCover(uint256 coverSeed, uint256 toSeed) external onTime {
        uint256 coverId = _cover(coverSeed);
        address from = coverBook.ownerOf(coverId);
        vm.prank(from);
        coverBook.transferFrom(from, _actor(toSeed), coverId);
        calls["transferCover"]++;
    }

    function requestUnstake(uint256 actorSeed, uint256 amount) external onTime {
        address actor = _actor(actorSeed);
        uint256 current = staking.stakeOf(actor);
        if (current == 0) return;
        vm.prank(actor);
        staking.requestUnstake(bound(amount, 1, current));
        calls["requestUnstake"]++;
    }

    function withdraw(uint256 actorSeed) external onTime {
        address actor = _actor(actorSeed);
        vm.prank(actor);
        try staking.withdraw() {
            if (block.timestamp < _votedLockUntil[actor]) {
                // Allowed only when every claim the actor voted on is already final.
                lockedWithdrawals += _openVotedClaims(actor);
            }
            calls["withdraw"]++;
        } catch {}
    }

    function warp(uint256 seconds_) external {
        currentTime += bound(seconds_, 1, 10 days);
        vm.warp(currentTime);
        pool.processExpiries(1_000);
        _observe();
    }

    // ---------------------------------------------------------------- views

    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](13);
        selectors[0] = this.submitClaim.selector;
        selectors[1] = this.submitParametricClaim.selector;
        selectors[2] = this.vote.selector;
        selectors[3] = this.escalate.selector;
        selectors[4] = this.resolve.selector;
        selectors[5] = this.redeem.selector;
        selectors[6] = this.settle.selector;
        selectors[7] = this.claimReward.selector;
        selectors[8] = this.transferCover.selector;
        selectors[9] = this.requestUnstake.selector;
        selectors[10] = this.withdraw.selector;
        selectors[11] = this.warp.selector;
        selectors[12] = this.vote.selector;
    }

    function coverIds() external view returns (uint256[] memory) {
        return _covers;
    }

    // ---------------------------------------------------------------- internal

    /// @dev Records a regression for every claim whose state moved backward or left a terminal state.
    function _observe() private {
        uint256 count = claims.claimCount();
        for (uint256 id = 1; id <= count; id++) {
            uint8 current = uint8(claims.claimState(id));
            uint8 last = _lastState[id];
            if (!_allowed(last, current)) stateRegressions++;
            _lastState[id] = current;
        }
    }

    /// @dev Voting 1 < Cooldown 2 < Escalated 3 < {Approved 4 → Paid 6 | Expired 7} or Denied 5 (terminal).
    function _allowed(uint8 last, uint8 current) private pure returns (bool) {
        if (last == current || last == 0) return true;
        if (last == uint8(ICoverClaims.ClaimState.Denied)) return false;
        if (last == uint8(ICoverClaims.ClaimState.Paid) || last == uint8(ICoverClaims.ClaimState.Expired)) return false;
        if (last == uint8(ICoverClaims.ClaimState.Approved)) {
            return current == uint8(ICoverClaims.ClaimState.Paid) || current == uint8(ICoverClaims.ClaimState.Expired);
        }
        return current > last;
    }

    function _openVotedClaims(address actor) private view returns (uint256 open) {
        uint256 count = claims.claimCount();
        for (uint256 id = 1; id <= count; id++) {
            (bool voted, , ) = claims.ballotOf(id, actor);
            if (voted && uint8(claims.claimState(id)) < uint8(ICoverClaims.ClaimState.Approved)) open++;
        }
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _cover(uint256 seed) private view returns (uint256) {
        return _covers[seed % _covers.length];
    }

    function _claim(uint256 seed) private view returns (uint256) {
        uint256 count = claims.claimCount();
        return count == 0 ? 0 : 1 + (seed % count);
    }
}
