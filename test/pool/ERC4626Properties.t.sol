// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {TestBase} from "../utils/Vm.sol";
import {DAOAccessManager} from "../../contracts/governance/DAOAccessManager.sol";
import {CapitalPool} from "../../contracts/pool/CapitalPool.sol";
import {ICapitalPool} from "../../contracts/pool/interfaces/ICapitalPool.sol";
import {TestStablecoin} from "../../contracts/local/TestStablecoin.sol";
import {WETH9} from "../../contracts/local/WETH9.sol";

/**
 * @notice The project's own EIP-4626 property suite, run on both pools (WETH, 18 decimals; a 6-decimal
 * stablecoin) in fuzzed states: deposits, donations straight to the pool, covers whose premiums stream in,
 * expiries (past buckets processed lazily), open liabilities, payouts and pending withdrawal requests. Every rule
 * of the EIP on `totalAssets`, `convertTo*`, `max*`, `preview*`, `deposit` and `mint` is checked as stated, and
 * the pool's documented deviation (docs/integrating.md) as its own rules: `maxWithdraw` and `maxRedeem` are zero
 * and `withdraw`/`redeem` refuse every non-zero amount; shares leave by request, cooldown and completion, which
 * pays at most the request's `previewRedeem` and at most `previewRedeem` at completion.
 * @dev The test contract is the pool's cover book, so that covers, liabilities and payouts are booked through the
 * pool's own hooks without the cover and claims modules (their rules are tested elsewhere). Inputs are bounded by
 * modulo (no discarded runs).
 */
abstract contract ERC4626PropertiesBase is TestBase {
    /// @notice One fuzzed state of the pool.
    struct Scenario {
        uint256 deposit;
        uint256 donation;
        uint256 covers;
        uint256 coverSeed;
        uint256 elapsed;
        uint256 liability;
        uint256 payout;
        uint256 request;
    }

    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    address internal constant CAROL = address(0xCA201);
    uint256 internal constant OFFSET = 1e6;
    uint256 internal constant MAX = type(uint256).max;

    DAOAccessManager internal manager;
    CapitalPool internal pool;
    IERC20 internal asset;
    uint256 internal unit;

    /// @dev Backing ends of the covers the scenario added (for liabilities on them).
    uint48[] internal _ends;
    uint256[] internal _amounts;

    function _deployAsset() internal virtual returns (IERC20);

    /// @dev Gives `to` `amount` of the asset.
    function _fund(address to, uint256 amount) internal virtual;

    /// @dev Largest amount `_fund` hands out in one state (kept far below any overflow).
    function _maxAmount() internal view virtual returns (uint256);

    function setUp() public {
        vm.warp(1_700_000_000);
        manager = new DAOAccessManager(address(this));
        asset = _deployAsset();
        unit = 10 ** IERC20Meta(address(asset)).decimals();
        pool = new CapitalPool(
            IERC20Metadata(address(asset)),
            CapitalPool.Config("Pool", "cdP", address(manager), 1 days, 9_000, 7 days, 2 days)
        );
        pool.setCoverBook(address(this));
        address[3] memory users = [ALICE, BOB, CAROL];
        for (uint256 i; i < users.length; i++) {
            vm.prank(users[i]);
            asset.approve(address(pool), MAX);
        }
    }

    // ------------------------------------------------------------------ state

    /// @dev Builds a random state: capital, a donation, covers streaming premiums, time (expiries), an open
    /// liability, a payout and a pending request.
    function _arrange(Scenario memory s) internal {
        uint256 capital = bound(s.deposit, 1, _maxAmount());
        _fund(ALICE, capital);
        vm.prank(ALICE);
        pool.deposit(capital, ALICE);
        if (s.donation % 3 == 0) {
            uint256 donation = bound(s.donation / 3, 1, _maxAmount());
            _fund(address(this), donation);
            asset.transfer(address(pool), donation);
        }
        uint256 covers = bound(s.covers, 0, 4);
        for (uint256 i; i < covers; i++) {
            uint256 seed = uint256(keccak256(abi.encode(s.coverSeed, i)));
            (, uint256 active, uint16 ratio) = pool.sync();
            uint256 capacity = (pool.totalAssets() * ratio) / 10_000;
            if (capacity <= active) break;
            uint256 amount = bound(seed, 1, capacity - active);
            uint256 premium = bound(seed >> 128, 1, amount);
            uint48 end = uint48(block.timestamp + bound(seed >> 64, 1 hours, 60 days));
            _fund(address(this), premium + premium / 10);
            asset.transfer(address(pool), premium + premium / 10);
            pool.addCover(amount, premium, premium / 10, end);
            _ends.push(end);
            _amounts.push(amount);
        }
        vm.warp(block.timestamp + bound(s.elapsed, 0, 90 days));
        if (_ends.length > 0 && s.liability % 2 == 0) {
            uint256 which = s.liability % _ends.length;
            uint256 claimed = bound(s.liability >> 8, 1, _amounts[which]);
            pool.addLiability(claimed, _ends[which]);
            if (s.payout % 2 == 0) pool.payClaim(CAROL, bound(s.payout >> 8, 1, claimed));
        }
        if (s.request % 2 == 0) {
            uint256 shares = bound(s.request >> 8, 1, pool.balanceOf(ALICE));
            vm.prank(ALICE);
            pool.requestWithdrawal(shares);
        }
    }

    // -------------------------------------------------------------- accounting

    /// @notice totalAssets never reverts and is the balance net of unearned premium, reward pot and liabilities.
    function testFuzz_totalAssets_isNetCapitalAndNeverReverts(Scenario memory s) public {
        _arrange(s);
        ICapitalPool.PoolState memory state = pool.poolState();
        uint256 balance = asset.balanceOf(address(pool));
        uint256 reserved = state.unearnedPremium + state.assessorRewardPot + state.openLiabilities;
        assertEq(pool.totalAssets(), balance > reserved ? balance - reserved : 0, "net capital");
        assertEq(pool.totalAssets(), state.capital, "poolState agrees");
    }

    /**
     * @notice convertToShares and convertToAssets round down, do not depend on the caller, and are the exact
     * virtual-share formulas; previewDeposit/previewRedeem equal them (no fee) and previewMint/previewWithdraw
     * round up from them by at most one.
     */
    function testFuzz_convertAndPreview_roundingAndCallerIndependence(
        Scenario memory s,
        uint256 assets,
        uint256 shares
    ) public {
        _arrange(s);
        assets = bound(assets, 0, _maxAmount());
        shares = bound(shares, 0, _maxAmount() * OFFSET);
        uint256 supply = pool.totalSupply() + OFFSET;
        uint256 total = pool.totalAssets() + 1;
        uint256 toShares = pool.convertToShares(assets);
        uint256 toAssets = pool.convertToAssets(shares);
        assertEq(toShares, Math.mulDiv(assets, supply, total), "convertToShares rounds down");
        assertEq(toAssets, Math.mulDiv(shares, total, supply), "convertToAssets rounds down");
        vm.prank(BOB);
        assertEq(pool.convertToShares(assets), toShares, "convertToShares independent of the caller");
        vm.prank(CAROL);
        assertEq(pool.convertToAssets(shares), toAssets, "convertToAssets independent of the caller");
        assertEq(pool.previewDeposit(assets), toShares, "previewDeposit = convertToShares (no fee)");
        assertEq(pool.previewRedeem(shares), toAssets, "previewRedeem = convertToAssets (no fee)");
        uint256 mintCost = pool.previewMint(shares);
        assertEq(mintCost, Math.mulDiv(shares, total, supply, Math.Rounding.Ceil), "previewMint rounds up");
        assertLe(mintCost - toAssets, 1, "previewMint at most one above");
        uint256 withdrawShares = pool.previewWithdraw(assets);
        assertEq(withdrawShares, Math.mulDiv(assets, supply, total, Math.Rounding.Ceil), "previewWithdraw rounds up");
        // No free money through a round trip priced by the previews (a16z's RT properties, in one block).
        assertLe(pool.previewRedeem(pool.previewDeposit(assets)), assets, "redeem(deposit(a)) <= a");
        assertLe(pool.previewMint(pool.previewDeposit(assets)), assets, "mint(deposit(a)) <= a");
        assertLe(pool.previewWithdraw(pool.previewRedeem(shares)), shares, "withdraw(redeem(s)) <= s");
        assertGe(pool.previewDeposit(pool.previewMint(shares)), shares, "deposit(mint(s)) >= s");
        assertGe(pool.previewRedeem(pool.previewWithdraw(assets)), assets, "redeem(withdraw(a)) >= a");
    }

    // ------------------------------------------------------------ deposit, mint

    /**
     * @notice Any deposit up to maxDeposit is accepted and mints exactly previewDeposit of the same block, unless
     * it is too small to mint a share, which is refused with PoolZeroShares and moves nothing.
     */
    function testFuzz_deposit_upToMaxMintsExactlyThePreview(Scenario memory s, uint256 assets) public {
        _arrange(s);
        uint256 max = pool.maxDeposit(BOB);
        assertGe(max, _maxAmount(), "no limit but the pause, the backlog and the supply");
        assets = bound(assets, 1, Math.min(max, _maxAmount()));
        _fund(BOB, assets);
        uint256 preview = pool.previewDeposit(assets);
        uint256 poolBalance = asset.balanceOf(address(pool));
        if (preview == 0) {
            vm.expectRevert(abi.encodeWithSelector(ICapitalPool.PoolZeroShares.selector, assets));
            vm.prank(BOB);
            pool.deposit(assets, BOB);
            assertEq(asset.balanceOf(BOB), assets, "nothing taken");
            return;
        }
        vm.prank(BOB);
        uint256 minted = pool.deposit(assets, BOB);
        assertEq(minted, preview, "deposit mints previewDeposit");
        assertEq(pool.balanceOf(BOB), minted, "shares received");
        assertEq(asset.balanceOf(BOB), 0, "exactly the assets taken");
        assertEq(asset.balanceOf(address(pool)), poolBalance + assets, "assets received by the pool");
    }

    /// @notice Any mint up to maxMint is accepted and takes exactly previewMint of the same block (at least 1).
    function testFuzz_mint_upToMaxTakesExactlyThePreview(Scenario memory s, uint256 shares) public {
        _arrange(s);
        uint256 max = pool.maxMint(BOB);
        // What _maxAmount() of assets would mint, at most.
        uint256 affordable = pool.convertToShares(_maxAmount());
        shares = bound(shares, 1, Math.min(max, Math.max(affordable, 1)));
        uint256 cost = pool.previewMint(shares);
        assertGe(cost, 1, "a share is never free");
        assertLe(cost, _maxAmount(), "previewMint(convertToShares(m)) <= m");
        _fund(BOB, cost);
        vm.prank(BOB);
        uint256 paid = pool.mint(shares, BOB);
        assertEq(paid, cost, "mint takes previewMint");
        assertEq(pool.balanceOf(BOB), shares, "exactly the shares asked");
        assertEq(asset.balanceOf(BOB), 0, "exactly the assets taken");
    }

    /// @notice While the guardian pauses deposits, maxDeposit and maxMint are zero and both refuse.
    function testFuzz_pause_maxIsZeroAndDepositsRefused(Scenario memory s, uint256 assets) public {
        _arrange(s);
        pool.pause();
        assertEq(pool.maxDeposit(BOB), 0, "maxDeposit paused");
        assertEq(pool.maxMint(BOB), 0, "maxMint paused");
        assets = bound(assets, 1, _maxAmount());
        _fund(BOB, assets);
        vm.expectRevert();
        vm.prank(BOB);
        pool.deposit(assets, BOB);
        vm.expectRevert();
        vm.prank(BOB);
        pool.mint(1, BOB);
        pool.unpause();
        assertGe(pool.maxDeposit(BOB), _maxAmount(), "reopened");
    }

    /**
     * @notice Under an expiry backlog, maxDeposit and maxMint are zero exactly when deposit and mint refuse
     * (PoolExpiriesPending: more than MAX_BUCKETS_PER_SYNC buckets due); processExpiries clears it and deposits
     * reopen at the price previewDeposit showed during the backlog.
     */
    function testFuzz_backlog_maxIsZeroExactlyWhenDepositRefuses(uint256 buckets, uint256 assets) public {
        uint256 capital = 1_000 * unit;
        _fund(ALICE, capital);
        vm.prank(ALICE);
        pool.deposit(capital, ALICE);
        buckets = bound(buckets, 1, 40);
        assets = bound(assets, 1, 1_000 * unit);
        uint256 limit = pool.MAX_BUCKETS_PER_SYNC();
        // A refused action still books the first MAX_BUCKETS_PER_SYNC buckets before reverting: its error names
        // the end of the last one it could process (the revert undoes it).
        uint256 reachable = _bucketEnd(block.timestamp + limit * 1 days);
        for (uint256 i; i < buckets; i++) {
            _fund(address(this), unit);
            asset.transfer(address(pool), unit);
            pool.addCover(unit, unit, 0, uint48(block.timestamp + (i + 1) * 1 days));
        }
        vm.warp(block.timestamp + (buckets + 1) * 1 days);
        _fund(BOB, assets);
        uint256 max = pool.maxDeposit(BOB);
        uint256 maxShares = pool.maxMint(BOB);
        uint256 preview = pool.previewDeposit(assets);
        bool backlog = buckets > limit;
        if (backlog) {
            assertEq(max, 0, "maxDeposit zero under a backlog");
            assertEq(maxShares, 0, "maxMint zero under a backlog");
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICapitalPool.PoolExpiriesPending.selector,
                    uint48(reachable),
                    uint48(block.timestamp)
                )
            );
            vm.prank(BOB);
            pool.deposit(assets, BOB);
            vm.expectRevert();
            vm.prank(BOB);
            pool.mint(1, BOB);
            assertTrue(pool.processExpiries(buckets), "processExpiries catches up");
            assertGe(pool.maxDeposit(BOB), assets, "deposits reopen");
        } else {
            assertGe(max, assets, "no backlog: deposits open");
            assertGe(maxShares, preview, "no backlog: mints open");
        }
        vm.prank(BOB);
        assertEq(pool.deposit(assets, BOB), preview, "deposit at the price previewed during the backlog");
    }

    function _bucketEnd(uint256 time) internal pure returns (uint256) {
        return ((time + 1 days - 1) / 1 days) * 1 days;
    }

    // ------------------------------------------------------ withdraw, redeem

    /**
     * @notice The documented deviation: maxWithdraw and maxRedeem are zero for everyone, and withdraw and redeem
     * refuse every non-zero amount with the EIP's limit errors, as the EIP requires of such a vault.
     */
    function testFuzz_withdrawAndRedeem_maxZeroAndRefused(Scenario memory s, uint256 amount) public {
        _arrange(s);
        assertEq(pool.maxWithdraw(ALICE), 0, "maxWithdraw");
        assertEq(pool.maxRedeem(ALICE), 0, "maxRedeem");
        assertEq(pool.maxWithdraw(address(pool)), 0, "maxWithdraw of the escrow");
        assertEq(pool.maxRedeem(address(pool)), 0, "maxRedeem of the escrow");
        amount = bound(amount, 1, MAX);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxRedeem.selector, ALICE, amount, 0));
        vm.prank(ALICE);
        pool.redeem(amount, ALICE, ALICE);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxWithdraw.selector, ALICE, amount, 0));
        vm.prank(ALICE);
        pool.withdraw(amount, ALICE, ALICE);
    }

    /**
     * @notice Request, cooldown, completion: the request records previewRedeem(shares) as its cap; completion
     * pays at most that cap, at most previewRedeem(shares) at completion and at most free capital, exactly what
     * withdrawalQuote's payableNow says when the whole request fits; a deposit followed by a full exit never
     * returns more than was deposited.
     */
    function testFuzz_requestComplete_boundedByPreviewRedeem(
        Scenario memory s,
        uint256 assets,
        uint256 lossAfter
    ) public {
        _arrange(s);
        assets = bound(assets, 1, _maxAmount());
        _fund(BOB, assets);
        if (pool.previewDeposit(assets) == 0) return;
        vm.prank(BOB);
        uint256 shares = pool.deposit(assets, BOB);
        uint256 cap = pool.previewRedeem(shares);
        assertLe(cap, assets, "shares worth no more than their deposit");
        vm.prank(BOB);
        pool.requestWithdrawal(shares);
        assertEq(pool.withdrawalRequest(BOB).assets, cap, "the request's cap is previewRedeem at the request");
        vm.warp(block.timestamp + 7 days);
        // A claim filed after the request is borne by the leaver too.
        if (lossAfter % 2 == 0 && _ends.length > 0) {
            uint256 which = lossAfter % _ends.length;
            if (_ends[which] > block.timestamp)
                pool.addLiability(bound(lossAfter >> 8, 1, _amounts[which]), _ends[which]);
        }
        uint256 valueNow = pool.previewRedeem(shares);
        uint256 free = pool.freeCapital();
        ICapitalPool.WithdrawalQuote memory quote = pool.withdrawalQuote(BOB);
        assertEq(quote.valueNow, Math.min(cap, valueNow), "quote: lower of the cap and previewRedeem now");
        vm.prank(BOB);
        try pool.completeWithdrawal(BOB) returns (uint256 paid) {
            assertLe(paid, cap, "at most the cap");
            assertLe(paid, valueNow, "at most previewRedeem at completion");
            assertLe(paid, free, "at most free capital");
            assertLe(paid, quote.payableNow, "at most the quote");
            if (Math.min(cap, valueNow) <= free) assertEq(paid, quote.payableNow, "the quote when it all fits");
            assertEq(asset.balanceOf(BOB), paid, "paid to the receiver");
            assertLe(paid, assets, "no exit above the deposit");
        } catch (bytes memory reason) {
            // Only when active covers leave too little free capital for one share.
            assertTrue(
                bytes4(reason) == ICapitalPool.PoolNoFreeCapital.selector,
                "refused only for lack of free capital"
            );
        }
    }
}

interface IERC20Meta {
    function decimals() external view returns (uint8);
}

/// @notice The properties on the WETH pool (18 decimals).
contract ERC4626PropertiesWethTest is ERC4626PropertiesBase {
    WETH9 internal weth;

    function _deployAsset() internal override returns (IERC20) {
        weth = new WETH9();
        return IERC20(address(weth));
    }

    function _fund(address to, uint256 amount) internal override {
        vm.deal(address(this), amount);
        weth.deposit{value: amount}();
        weth.transfer(to, amount);
    }

    function _maxAmount() internal pure override returns (uint256) {
        return 10_000_000 ether;
    }

    /// @notice At the supply limit the bounds are exact: mint(maxMint) succeeds, and then nothing more fits.
    function test_maxMintAndMaxDeposit_exactAtTheSupplyLimit() public {
        _fund(ALICE, 10 ether);
        vm.prank(ALICE);
        pool.deposit(10 ether, ALICE);
        uint256 headroom = MAX - pool.totalSupply();
        uint256 maxShares = pool.maxMint(BOB);
        assertEq(maxShares, headroom, "maxMint: the supply's headroom at a share price below one unit");
        uint256 cost = pool.previewMint(maxShares);
        _fund(BOB, cost);
        vm.prank(BOB);
        assertEq(pool.mint(maxShares, BOB), cost, "mint(maxMint) accepted");
        assertEq(pool.totalSupply(), MAX, "supply at its limit");
        assertEq(pool.maxMint(BOB), 0, "nothing more to mint");
        assertEq(pool.maxDeposit(BOB), 0, "nothing more to deposit");
        _fund(CAROL, 1 ether);
        vm.expectRevert();
        vm.prank(CAROL);
        pool.mint(1, CAROL);
    }

    /// @notice deposit(maxDeposit) is accepted when the supply's headroom binds.
    function test_depositOfMaxDeposit_acceptedWhenTheSupplyBinds() public {
        _fund(ALICE, 10 ether);
        vm.prank(ALICE);
        pool.deposit(10 ether, ALICE);
        uint256 max = pool.maxDeposit(BOB);
        assertTrue(max < MAX, "the supply binds");
        _fund(BOB, max);
        vm.prank(BOB);
        uint256 minted = pool.deposit(max, BOB);
        assertLe(pool.totalSupply(), MAX, "within the supply");
        assertEq(minted, pool.balanceOf(BOB), "minted");
    }

    receive() external payable {}
}

/// @notice The properties on the stablecoin pool (6 decimals).
contract ERC4626PropertiesStablecoinTest is ERC4626PropertiesBase {
    TestStablecoin internal usd;

    function _deployAsset() internal override returns (IERC20) {
        usd = new TestStablecoin();
        return IERC20(address(usd));
    }

    function _fund(address to, uint256 amount) internal override {
        uint256 limit = usd.MAX_MINT();
        while (amount > 0) {
            uint256 part = Math.min(amount, limit);
            usd.mint(to, part);
            amount -= part;
        }
    }

    function _maxAmount() internal pure override returns (uint256) {
        return 5_000_000e6;
    }
}
