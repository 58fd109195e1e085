// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/**
 * @title WETH9
 * @notice LOCAL CHAINS ONLY: a WETH9-style wrapper of the chain's ether, deployed by the Pool module when no
 * real WETH address is given. On real networks the module's parameters name the canonical WETH instead.
 * @dev Same surface as the canonical WETH9 (deposit, withdraw, receive, Deposit/Withdrawal events), built on
 * OpenZeppelin's ERC-20.
 */
contract WETH9 is ERC20 {
    /// @notice `account` wrapped `amount` of ether.
    event Deposit(address indexed account, uint256 amount);
    /// @notice `account` unwrapped `amount` of ether.
    event Withdrawal(address indexed account, uint256 amount);

    constructor() ERC20("Wrapped Ether", "WETH") {}

    /// @notice Wraps the ether sent. Emits a {Deposit} event.
    receive() external payable {
        deposit();
    }

    /// @notice Wraps the ether sent. Emits a {Deposit} event.
    function deposit() public payable {
        _mint(msg.sender, msg.value);
        emit Deposit(msg.sender, msg.value);
    }

    /// @notice Unwraps `amount` back to ether. Emits a {Withdrawal} event.
    function withdraw(uint256 amount) external {
        _burn(msg.sender, amount);
        emit Withdrawal(msg.sender, amount);
        Address.sendValue(payable(msg.sender), amount);
    }
}
