// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {TestBase} from "../utils/Vm.sol";
import {PoolSetup} from "../utils/PoolSetup.sol";
import {CoverBook} from "../../contracts/cover/CoverBook.sol";
import {TestStablecoin} from "../../contracts/local/TestStablecoin.sol";

/// @notice A buyer whose ERC-721 hook buys again, hoping to price a second cover on stale capacity.
contract ReentrantBuyer is IERC721Receiver {
    CoverBook internal immutable _book;
    uint256 internal immutable _productId;
    uint256 internal _amount;
    bool internal _entered;

    constructor(CoverBook book, TestStablecoin token, uint256 productId, bool reenter) {
        _book = book;
        _productId = productId;
        _entered = !reenter;
        token.approve(address(book), type(uint256).max);
    }

    function attack(uint256 amount) external {
        _amount = amount;
        _book.buyCover(_productId, amount, 30 days, type(uint256).max);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        if (!_entered) {
            _entered = true;
            _book.buyCover(_productId, _amount, 30 days, type(uint256).max);
        }
        return IERC721Receiver.onERC721Received.selector;
    }
}

contract ReentrancyTest is TestBase {
    PoolSetup.System internal s;

    function setUp() public {
        vm.warp(1_700_000_000);
        s = PoolSetup.deploy(address(0x7EA5), address(0xC1A1));
        s.token.mint(address(this), 100_000e6);
        s.token.approve(address(s.pool), type(uint256).max);
        s.pool.deposit(100_000e6, address(this));
    }

    function test_attack_reentrancyThroughOnERC721ReceivedDuringBuyCover() public {
        ReentrantBuyer attacker = new ReentrantBuyer(s.book, s.token, s.productId, true);
        s.token.mint(address(attacker), 10_000e6);
        uint256 available = s.book.availableCapacity(s.productId);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        attacker.attack(available);
        assertEq(s.book.coverCount(), 0, "no cover sold");
        assertEq(s.pool.activeCover(), 0, "no capacity taken");
        assertEq(s.token.balanceOf(address(attacker)), 10_000e6, "nothing paid");
    }

    function test_contractBuyerWithoutReentryGetsItsCover() public {
        ReentrantBuyer buyer = new ReentrantBuyer(s.book, s.token, s.productId, false);
        s.token.mint(address(buyer), 10_000e6);
        buyer.attack(1_000e6);
        assertTrue(s.book.ownerOf(1) == address(buyer), "cover minted to the contract");
        assertEq(s.pool.activeCover(), 1_000e6, "capacity taken once");
    }
}
