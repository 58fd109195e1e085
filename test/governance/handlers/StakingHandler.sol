// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {GovernanceToken} from "../../../contracts/governance/GovernanceToken.sol";
import {StakingVault} from "../../../contracts/governance/StakingVault.sol";
import {TestBase} from "../../utils/Vm.sol";

/**
 * @notice Drives the token and the vault through bounded random actions of a fixed set of actors, for
 * the invariant tests. It must hold the AccessManager's admin role (it slashes and sets parameters as the
 * Timelock would) and the claims role (it locks stakes as the claims module would).
 * @dev Every action first moves the chain to the handler's own clock, so time only goes forward whatever
 * the runner does with the block between calls. Ghost variables record what the vault must never allow.
 */
contract StakingHandler is TestBase {
    GovernanceToken public immutable token;
    StakingVault public immutable staking;
    address public immutable treasury;

    /// @notice The handler's clock; only {warp} and {withdraw} move it, and only forward.
    uint256 public currentTime;

    /// @notice Withdrawals that succeeded before the cooldown ended, after the window closed or under a lock.
    uint256 public badWithdrawals;
    /// @notice Withdrawals that paid out an amount other than min(requested, stake).
    uint256 public wrongWithdrawAmounts;

    /// @notice Successful calls per action, to see that a campaign did more than revert.
    mapping(bytes32 action => uint256) public calls;

    address[] private _actors;
    /// @dev The request each actor made, as computed by the handler from the parameters at request time.
    mapping(address actor => uint256) private _readyAt;
    mapping(address actor => uint256) private _expiresAt;
    mapping(address actor => uint256) private _requested;

    constructor(GovernanceToken token_, StakingVault staking_, address treasury_, address[] memory actors_) {
        token = token_;
        staking = staking_;
        treasury = treasury_;
        _actors = actors_;
        currentTime = block.timestamp;
    }

    modifier onTime() {
        vm.warp(currentTime);
        _;
    }

    // ---------------------------------------------------------------- actions

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external onTime {
        address from = _actor(fromSeed);
        // Actors or the treasury receive; the vault is refused by the token and so never a target here.
        address to = toSeed % 4 == 0 ? treasury : _actor(toSeed / 4);
        amount = bound(amount, 0, token.balanceOf(from));
        if (amount == 0) return;
        vm.prank(from);
        token.transfer(to, amount);
        calls["transfer"]++;
    }

    function delegate(uint256 actorSeed, uint256 delegateeSeed) external onTime {
        address actor = _actor(actorSeed);
        // Self, another actor, the treasury or nobody (address(0) drops the actor's votes).
        uint256 pick = delegateeSeed % (_actors.length + 2);
        address delegatee;
        if (pick < _actors.length) delegatee = _actors[pick];
        else if (pick == _actors.length) delegatee = treasury;
        vm.prank(actor);
        token.delegate(delegatee);
        calls["delegate"]++;
    }

    function stake(uint256 actorSeed, uint256 amount) external onTime {
        address actor = _actor(actorSeed);
        uint256 balance = token.balanceOf(actor);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(actor);
        staking.stake(amount);
        calls["stake"]++;
    }

    function requestUnstake(uint256 actorSeed, uint256 amount) external onTime {
        address actor = _actor(actorSeed);
        uint256 current = staking.stakeOf(actor);
        if (current == 0) return;
        amount = bound(amount, 1, current);
        (uint48 cooldown, uint48 window, , ) = staking.parameters();
        vm.prank(actor);
        staking.requestUnstake(amount);
        _readyAt[actor] = block.timestamp + cooldown;
        _expiresAt[actor] = block.timestamp + cooldown + window;
        _requested[actor] = amount;
        calls["requestUnstake"]++;
    }

    function cancelUnstake(uint256 actorSeed) external onTime {
        address actor = _actor(actorSeed);
        if (_requested[actor] == 0) return;
        vm.prank(actor);
        staking.cancelUnstake();
        delete _requested[actor];
        calls["cancelUnstake"]++;
    }

    /**
     * @dev Prefers an actor with a pending request. Three times in four, moves the clock into the
     * request's window first (when it is still ahead); otherwise tries at the current time, which is often
     * too early or too late, or with no request at all: the vault must then refuse.
     */
    function withdraw(uint256 actorSeed, uint256 offset) external onTime {
        address actor = _actorWithRequest(actorSeed);
        if (offset % 4 != 0 && _requested[actor] != 0) {
            uint256 target = _readyAt[actor] + bound(offset / 4, 0, _expiresAt[actor] - _readyAt[actor] - 1);
            if (target > currentTime) {
                currentTime = target;
                vm.warp(target);
            }
        }
        uint256 stakeBefore = staking.stakeOf(actor);
        uint256 balanceBefore = token.balanceOf(actor);
        uint256 lockedUntil = staking.lockedUntil(actor);
        vm.prank(actor);
        try staking.withdraw() returns (uint256 amount) {
            bool inWindow =
                _requested[actor] != 0 &&
                    block.timestamp >= _readyAt[actor] &&
                    block.timestamp < _expiresAt[actor] &&
                    block.timestamp >= lockedUntil;
            if (!inWindow) badWithdrawals++;
            uint256 expected = _requested[actor] < stakeBefore ? _requested[actor] : stakeBefore;
            if (amount != expected || token.balanceOf(actor) != balanceBefore + amount) wrongWithdrawAmounts++;
            delete _requested[actor];
            calls["withdraw"]++;
        } catch {
            calls["withdrawRefused"]++;
        }
    }

    /// @dev As governance: a slash within the bound, so it must succeed.
    function slash(uint256 actorSeed, uint256 amount) external onTime {
        address actor = _actor(actorSeed);
        (, , uint16 bps, ) = staking.parameters();
        uint256 maxAmount = (staking.stakeOf(actor) * bps) / 10_000;
        if (maxAmount == 0) return;
        staking.slash(actor, bound(amount, 1, maxAmount));
        calls["slash"]++;
    }

    /// @dev As the claims module: locks up to the longest allowed lock.
    function lock(uint256 actorSeed, uint256 duration) external onTime {
        address actor = _actor(actorSeed);
        staking.lock(actor, uint48(block.timestamp + bound(duration, 0, staking.MAX_LOCK_DURATION())));
        calls["lock"]++;
    }

    /// @dev As governance: changes the cooldown, which must not move pending requests.
    function setUnstakeCooldown(uint256 cooldown) external onTime {
        staking.setUnstakeCooldown(uint48(bound(cooldown, staking.MIN_COOLDOWN(), staking.MAX_COOLDOWN())));
        calls["setUnstakeCooldown"]++;
    }

    /// @dev As governance: changes the largest share one slash may take.
    function setMaxSlashBps(uint256 bps) external onTime {
        staking.setMaxSlashBps(uint16(bound(bps, 1, staking.MAX_SLASH_BPS_CEILING())));
        calls["setMaxSlashBps"]++;
    }

    /**
     * @dev As governance: points slashes at the treasury, an actor, or the vault itself. The vault must
     * refuse itself, or slashed tokens would stay in it uncounted and their votes would vanish.
     */
    function setSlashRecipient(uint256 seed) external onTime {
        uint256 pick = seed % (_actors.length + 2);
        address recipient =
            pick < _actors.length
                ? _actors[pick]
                : pick == _actors.length
                    ? treasury
                    : address(staking);
        staking.setSlashRecipient(recipient);
        calls["setSlashRecipient"]++;
    }

    function warp(uint256 seconds_) external {
        currentTime += bound(seconds_, 1, 10 days);
        vm.warp(currentTime);
        calls["warp"]++;
    }

    // ------------------------------------------------------------------ views

    /// @notice The actors, in a fixed order.
    function actors() external view returns (address[] memory) {
        return _actors;
    }

    /// @notice The selectors the invariant runner may call.
    function actions() external pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](12);
        selectors[0] = this.transfer.selector;
        selectors[1] = this.delegate.selector;
        selectors[2] = this.stake.selector;
        selectors[3] = this.requestUnstake.selector;
        selectors[4] = this.cancelUnstake.selector;
        selectors[5] = this.withdraw.selector;
        selectors[6] = this.slash.selector;
        selectors[7] = this.lock.selector;
        selectors[8] = this.setUnstakeCooldown.selector;
        selectors[9] = this.setMaxSlashBps.selector;
        selectors[10] = this.setSlashRecipient.selector;
        selectors[11] = this.warp.selector;
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev The first actor from `seed` on with a pending request, or the seed's actor if none has one.
    function _actorWithRequest(uint256 seed) private view returns (address) {
        for (uint256 i = 0; i < _actors.length; i++) {
            address actor = _actors[((seed % _actors.length) + i) % _actors.length];
            if (_requested[actor] != 0) return actor;
        }
        return _actor(seed);
    }
}
