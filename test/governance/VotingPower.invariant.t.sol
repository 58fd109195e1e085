// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {GovernanceSetup} from "./utils/GovernanceSetup.sol";
import {StakingHandler} from "./handlers/StakingHandler.sol";

/**
 * @notice Invariants of the token and the vault under random sequences of transfers, (re-)delegations,
 * stakes, unstake requests, cancels, withdrawals, locks, slashes, parameter changes and time warps.
 * @dev The runner calls only the handler's actions (see {targetSelectors}); each invariant is checked
 * after every call.
 */
contract VotingPowerInvariantTest is GovernanceSetup {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    uint256 private constant ACTORS = 5;
    uint256 private constant ACTOR_FUNDS = 100_000 ether;

    StakingHandler private handler;
    /// @dev Every account that can hold tokens or receive delegations: actors, treasury, this contract.
    address[] private accounts;

    function setUp() public {
        _deployCore();
        address[] memory actorList = new address[](ACTORS);
        for (uint256 i = 0; i < ACTORS; i++) {
            actorList[i] = address(uint160(0xA000 + i));
            // Some actors start undelegated, so votes also appear on a later first delegation.
            _fund(actorList[i], ACTOR_FUNDS, i % 2 == 0);
            accounts.push(actorList[i]);
        }
        accounts.push(TREASURY);
        accounts.push(address(this));

        handler = new StakingHandler(token, staking, TREASURY, actorList);
        // The handler stands in for the Timelock (slash, setters) and the claims module (lock).
        manager.grantRole(ADMIN_ROLE, address(handler), 0);
        manager.grantRole(manager.CLAIMS_ROLE(), address(handler), 0);

        // Start with stakes everywhere and two pending requests, so short sequences reach withdrawals.
        for (uint256 i = 0; i < ACTORS; i++) {
            handler.stake(i, ACTOR_FUNDS / 5 - 1);
        }
        handler.requestUnstake(0, ACTOR_FUNDS / 10 - 1);
        handler.requestUnstake(1, ACTOR_FUNDS / 20 - 1);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), handler.actions());
    }

    /// @notice getVotes(A) is the held plus staked tokens of every account delegating to A.
    function invariant_getVotes_equalsDelegatedHeldPlusStaked() public view {
        for (uint256 a = 0; a < accounts.length; a++) {
            address delegatee = accounts[a];
            uint256 expected = 0;
            for (uint256 x = 0; x < accounts.length; x++) {
                address holder = accounts[x];
                if (token.delegates(holder) == delegatee) {
                    expected += token.balanceOf(holder) + staking.stakeOf(holder);
                }
            }
            assertEq(token.getVotes(delegatee), expected, "votes != delegated held + staked");
        }
    }

    /// @notice The sum of all votes never exceeds the supply, and the vault itself has none.
    function invariant_totalVotes_withinSupplyAndNoneForVault() public view {
        uint256 total = 0;
        for (uint256 a = 0; a < accounts.length; a++) {
            total += token.getVotes(accounts[a]);
        }
        assertLe(total, token.totalSupply(), "total votes > total supply");
        assertEq(token.getVotes(address(staking)), 0, "vault has votes");
        assertTrue(token.delegates(address(staking)) == address(0), "vault delegates");
    }

    /// @notice The vault holds exactly the total stake, which is the sum of all stakes.
    function invariant_vaultBalance_equalsTotalStake() public view {
        uint256 sum = 0;
        for (uint256 x = 0; x < accounts.length; x++) {
            sum += staking.stakeOf(accounts[x]);
        }
        assertEq(token.balanceOf(address(staking)), staking.totalStake(), "vault balance != total stake");
        assertEq(staking.totalStake(), sum, "total stake != sum of stakes");
    }

    /// @notice No withdrawal ever succeeded outside [readyAt, expiresAt) or under a lock, nor paid a wrong amount.
    function invariant_withdraw_neverSkipsCooldownWindowOrLock() public view {
        assertEq(handler.badWithdrawals(), 0, "withdrawal outside window or under lock");
        assertEq(handler.wrongWithdrawAmounts(), 0, "withdrawal paid a wrong amount");
    }
}
