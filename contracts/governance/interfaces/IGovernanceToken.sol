// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IGovernanceToken
 * @notice Events, errors and the staking hooks of the DAO's governance token.
 * @dev The token is the Governor's voting-power source: an account's votes are the tokens it holds
 * plus the tokens it has staked in the {StakingVault}, both counted for the account's delegate.
 * Staked tokens sit in the vault's balance but their voting units never leave the staker's delegate,
 * so staking costs no governance power and nothing is counted twice.
 */
interface IGovernanceToken {
    /// @notice The staking vault was bound to the token (once, at deployment).
    event StakingVaultBound(address indexed vault);

    /// @notice Staked tokens were slashed: their votes left `staker`'s delegate and went to `recipient`'s.
    event StakeSlashed(address indexed staker, address indexed recipient, uint256 amount);

    /// @notice Only the bound staking vault may call this function; `caller` is not it.
    error GovernanceTokenOnlyStaking(address caller);

    /// @notice Only the deployer may bind the staking vault, and only once.
    error GovernanceTokenStakingAlreadyBound(address vault);

    /// @notice `caller` is not the account that deployed the token.
    error GovernanceTokenUnauthorizedBinder(address caller);

    /// @notice The zero address cannot be the staking vault.
    error GovernanceTokenInvalidVault();

    /// @notice Tokens reach or leave the staking vault only through staking, unstaking or slashing.
    error GovernanceTokenDirectVaultTransfer(address from, address to);

    /**
     * @notice Moves `amount` tokens from `staker` to the vault without moving their votes.
     * @dev Only the vault. The vault records the stake before calling.
     */
    function stakeFrom(address staker, uint256 amount) external;

    /**
     * @notice Moves `amount` tokens from the vault back to `staker` without moving their votes.
     * @dev Only the vault.
     */
    function unstakeTo(address staker, uint256 amount) external;

    /**
     * @notice Moves `amount` slashed tokens of `staker` from the vault to `recipient`, with their votes.
     * @dev Only the vault. Emits a {StakeSlashed} event.
     */
    function slashTo(address staker, address recipient, uint256 amount) external;

    /// @notice The staking vault bound to this token, or zero before binding.
    function stakingVault() external view returns (address);
}
