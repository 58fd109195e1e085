// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IGovernanceToken} from "./interfaces/IGovernanceToken.sol";
import {IStakingVault} from "./interfaces/IStakingVault.sol";

/**
 * @title GovernanceToken
 * @notice The DAO's governance token: ERC-20 with EIP-2612 permits and ERC-5805 votes on a timestamp
 * clock (EIP-6372). It is also the Governor's voting-power source: votes = held + staked tokens.
 * @dev The whole supply is minted once to `recipient`; there is no minter and no owner. The deployer
 * binds the {StakingVault} once with {bindStakingVault}, after which it has no privilege left.
 *
 * Staked tokens are held by the vault, but their voting units stay with the staker's delegate:
 * {_getVotingUnits} counts an account's stake, and the vault moves tokens with {stakeFrom} and
 * {unstakeTo}, which skip the vote transfer. Plain transfers to or from the vault are refused, so no
 * token can be counted twice. A slash is the only vault movement that moves votes.
 */
contract GovernanceToken is ERC20, ERC20Permit, ERC20Votes, IGovernanceToken {
    address private _binder;
    address private _vault;

    modifier onlyVault() {
        if (msg.sender != _vault) revert GovernanceTokenOnlyStaking(msg.sender);
        _;
    }

    /**
     * @param name_ ERC-20 name, also the EIP-712 domain name.
     * @param symbol_ ERC-20 symbol.
     * @param recipient Receives the whole initial supply (for distribution by the deployment).
     * @param initialSupply Fixed supply, in wei of the token.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        address recipient,
        uint256 initialSupply
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        _binder = msg.sender;
        _mint(recipient, initialSupply);
    }

    /**
     * @notice Binds the staking vault. Callable once, by the deployer, which then keeps no privilege.
     * @dev Emits a {StakingVaultBound} event.
     */
    function bindStakingVault(address vault) external {
        if (_vault != address(0)) revert GovernanceTokenStakingAlreadyBound(_vault);
        if (msg.sender != _binder) revert GovernanceTokenUnauthorizedBinder(msg.sender);
        if (vault == address(0)) revert GovernanceTokenInvalidVault();
        _vault = vault;
        delete _binder;
        emit StakingVaultBound(vault);
    }

    /// @inheritdoc IGovernanceToken
    function stakingVault() external view returns (address) {
        return _vault;
    }

    /// @inheritdoc IGovernanceToken
    function stakeFrom(address staker, uint256 amount) external onlyVault {
        // Balance moves, voting units stay: the vault has already added `amount` to the stake.
        ERC20._update(staker, _vault, amount);
    }

    /// @inheritdoc IGovernanceToken
    function unstakeTo(address staker, uint256 amount) external onlyVault {
        ERC20._update(_vault, staker, amount);
    }

    /// @inheritdoc IGovernanceToken
    function slashTo(address staker, address recipient, uint256 amount) external onlyVault {
        ERC20._update(_vault, recipient, amount);
        _moveDelegateVotes(delegates(staker), delegates(recipient), amount);
        emit StakeSlashed(staker, recipient, amount);
    }

    /**
     * @notice The token's clock: seconds (EIP-6372).
     */
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /**
     * @notice Describes the clock (EIP-6372): timestamps.
     */
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /**
     * @dev Held plus staked tokens. The vault's own balance carries no voting units: it is the
     * stakers' tokens, which count through them.
     */
    function _getVotingUnits(address account) internal view override returns (uint256) {
        address vault = _vault;
        if (account == vault) return 0;
        uint256 staked = vault == address(0) ? 0 : IStakingVault(vault).stakeOf(account);
        return balanceOf(account) + staked;
    }

    /// @dev Refuses plain transfers to or from the vault; see the contract's documentation.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        address vault = _vault;
        if (vault != address(0) && (to == vault || from == vault)) {
            revert GovernanceTokenDirectVaultTransfer(from, to);
        }
        super._update(from, to, value);
    }
}
