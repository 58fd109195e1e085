// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title TestStablecoin
 * @notice LOCAL CHAINS ONLY: a 6-decimal dollar stand-in with an open faucet, deployed by the Pool module when
 * no real stablecoin address is given. Anyone may mint; it has no value and must never back a real pool.
 */
contract TestStablecoin is ERC20 {
    /// @notice The most one {mint} call may create (one million units).
    uint256 public constant MAX_MINT = 1_000_000e6;

    /// @notice A mint of `amount` exceeds the per-call faucet limit `max`.
    error TestStablecoinMintTooLarge(uint256 amount, uint256 max);

    constructor() ERC20("Test USD (local)", "tUSD") {}

    /// @notice Six decimals, as USDC and USDT.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /**
     * @notice Open faucet: mints `amount` (at most {MAX_MINT}) to `to`.
     * @dev Emits a {Transfer} event from the zero address.
     */
    function mint(address to, uint256 amount) external {
        if (amount > MAX_MINT) revert TestStablecoinMintTooLarge(amount, MAX_MINT);
        _mint(to, amount);
    }
}
