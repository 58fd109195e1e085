// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @notice A 6-decimal stablecoin whose issuer can blocklist accounts, as USDC and USDT can: a transfer to a
 * blocklisted account reverts (here with a long reason, as a hostile token might). For tests of payouts the
 * recipient cannot receive.
 */
contract BlocklistStablecoin is ERC20 {
    mapping(address account => bool) public blocked;

    constructor() ERC20("Blocklist USD", "bUSD") {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlocked(address account, bool value) external {
        blocked[account] = value;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[to]) {
            // solhint-disable-next-line gas-custom-errors
            revert("BlocklistStablecoin: the recipient is blocklisted by the issuer and may not receive tokens");
        }
        super._update(from, to, value);
    }
}
