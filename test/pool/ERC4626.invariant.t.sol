// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {TestBase} from "../utils/Vm.sol";
import {DAOAccessManager} from "../../contracts/governance/DAOAccessManager.sol";
import {CapitalPool} from "../../contracts/pool/CapitalPool.sol";
import {ICapitalPool} from "../../contracts/pool/interfaces/ICapitalPool.sol";
import {TestStablecoin} from "../../contracts/local/TestStablecoin.sol";
import {WETH9} from "../../contracts/local/WETH9.sol";

/// @notice How the handler obtains the asset for an account (WETH by wrapping, the stablecoin by its faucet).
interface IAssetSource {
    function fund(address to, uint256 amount) external;
}

/**
 * @notice Random sequences on one pool, checked against the EIP-4626 rules at every step: deposits and mints
 * up to and beyond `maxDeposit` / `maxMint`, donations, covers streaming premiums (many on consecutive days, so
 * that time jumps build expiry backlogs beyond MAX_BUCKETS_PER_SYNC), liabilities, payouts and releases,
 * withdrawal requests and completions, processExpiries, and guardian pauses. The handler is the pool's cover
 * book and an admin of its AccessManager (the guardian). Each rule broken is counted in `violations` with its name
 * kept in `lastViolation`; the invariant test asserts none.
 * @dev Declared in the test file, as {CapitalPoolInvariantTest}'s handler: the Solidity runner then knows its
 * artifact even when the test file runs alone on a clean build.
 */
contract ERC4626Handler is TestBase {
    CapitalPool public immutable pool;
    IERC20 public immutable asset;
    IAssetSource public immutable source;
    uint256 public immutable unit;

    address[] internal _actors;
    uint48[] internal _ends;
    uint256[] internal _amounts;
    uint256 internal _open;

    uint256 public violations;
    string public lastViolation;
    mapping(bytes32 action => uint256) public calls;

    /// @dev The test deploys `pool_` and makes this handler its cover book and an admin of its AccessManager.
    constructor(CapitalPool pool_, IERC20 asset_, IAssetSource source_, uint8 decimals_) {
        pool = pool_;
        asset = asset_;
        source = source_;
        unit = 10 ** decimals_;
        for (uint256 i = 1; i <= 3; i++) {
            address actor = address(uint160(0xE000 + i));
            _actors.push(actor);
            vm.prank(actor);
            asset_.approve(address(pool_), type(uint256).max);
        }
    }

    /// @notice The handler's actions, for the runner's selector list.
    function actions() external pure returns (bytes4[] memory list) {
        list = new bytes4[](12);
        list[0] = this.deposit.selector;
        list[1] = this.mint.selector;
        list[2] = this.donate.selector;
        list[3] = this.addCovers.selector;
        list[4] = this.warp.selector;
        list[5] = this.fileClaim.selector;
        list[6] = this.settleClaim.selector;
        list[7] = this.requestWithdrawal.selector;
        list[8] = this.completeWithdrawal.selector;
        list[9] = this.processExpiries.selector;
        list[10] = this.pause.selector;
        list[11] = this.unpause.selector;
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    // ----------------------------------------------------------------- actions

    /// @notice Deposits within or beyond maxDeposit: accepted exactly when within it and minting a share.
    function deposit(uint256 actorSeed, uint256 assets) external {
        address actor = _actor(actorSeed);
        assets = bound(assets, 1, 1_000_000 * unit);
        uint256 max = pool.maxDeposit(actor);
        uint256 preview = pool.previewDeposit(assets);
        source.fund(actor, assets);
        vm.prank(actor);
        try pool.deposit(assets, actor) returns (uint256 shares) {
            if (assets > max) _violation("deposit accepted above maxDeposit");
            if (shares != preview) _violation("deposit minted other than previewDeposit");
            if (shares == 0) _violation("deposit minted zero shares");
        } catch (bytes memory reason) {
            if (assets <= max && preview > 0) _violation("deposit refused within maxDeposit");
            if (assets <= max && preview == 0 && bytes4(reason) != ICapitalPool.PoolZeroShares.selector) {
                _violation("zero-share deposit refused with another error");
            }
            // Give back what the refused deposit did not take.
            vm.prank(actor);
            asset.transfer(address(0xdead), assets);
        }
        ++calls["deposit"];
    }

    /// @notice Mints within or beyond maxMint: accepted exactly when within it, at previewMint.
    function mint(uint256 actorSeed, uint256 shares) external {
        address actor = _actor(actorSeed);
        uint256 affordable = pool.convertToShares(1_000_000 * unit);
        shares = bound(shares, 1, Math.max(affordable, 1));
        uint256 max = pool.maxMint(actor);
        uint256 cost = pool.previewMint(shares);
        source.fund(actor, cost);
        vm.prank(actor);
        try pool.mint(shares, actor) returns (uint256 paid) {
            if (shares > max) _violation("mint accepted above maxMint");
            if (paid != cost) _violation("mint took other than previewMint");
        } catch {
            if (shares <= max) _violation("mint refused within maxMint");
            vm.prank(actor);
            asset.transfer(address(0xdead), cost);
        }
        ++calls["mint"];
    }

    /// @notice Sends assets straight to the pool (a donation raises the share price).
    function donate(uint256 amount) external {
        amount = bound(amount, 1, 100_000 * unit);
        source.fund(address(this), amount);
        asset.transfer(address(pool), amount);
        ++calls["donate"];
    }

    /// @notice Adds 8 to 40 covers ending on consecutive days (as the cover book would), premiums paid in: a
    /// time jump past them leaves more than MAX_BUCKETS_PER_SYNC buckets due.
    function addCovers(uint256 count, uint256 seed) external {
        count = bound(count, 8, 40);
        for (uint256 i; i < count; i++) {
            (, uint256 active, uint16 ratio) = _sync();
            uint256 capacity = (pool.totalAssets() * ratio) / 10_000;
            if (capacity <= active + 1) return;
            uint256 amount = bound(uint256(keccak256(abi.encode(seed, i))), 1, (capacity - active) / 4 + 1);
            uint256 premium = amount / 50 + 1;
            uint48 end = uint48(block.timestamp + (i + 1) * 1 days + bound(seed, 0, 30 days));
            source.fund(address(this), premium);
            asset.transfer(address(pool), premium);
            pool.addCover(amount, premium, 0, end);
            _ends.push(end);
            _amounts.push(amount);
            ++calls["addCover"];
        }
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1 hours, 50 days));
        ++calls["warp"];
    }

    /// @notice Books a claim on a cover as a liability (the claims module through the cover book).
    function fileClaim(uint256 coverSeed, uint256 amount) external {
        if (_ends.length == 0) return;
        uint256 i = coverSeed % _ends.length;
        amount = bound(amount, 1, _amounts[i]);
        pool.addLiability(amount, _ends[i]);
        _open += amount;
        ++calls["fileClaim"];
    }

    /// @notice Pays part of the open liabilities, or releases them (a denied claim).
    function settleClaim(uint256 amount, bool pay, uint256 coverSeed) external {
        if (_open == 0) return;
        amount = bound(amount, 1, _open);
        if (pay) {
            try pool.payClaim(address(0xC1A1), amount) {
                _open -= amount;
            } catch {
                return;
            }
        } else {
            try pool.releaseLiability(amount, _ends[coverSeed % _ends.length]) {
                _open -= amount;
            } catch {
                return;
            }
        }
        ++calls["settleClaim"];
    }

    /// @notice Requests a withdrawal: the request's cap is previewRedeem of the shares at the request.
    function requestWithdrawal(uint256 actorSeed, uint256 fraction) external {
        address actor = _actor(actorSeed);
        uint256 shares = (pool.balanceOf(actor) * bound(fraction, 1, 100)) / 100;
        if (shares == 0) return;
        uint256 capBefore = pool.withdrawalRequest(actor).assets;
        uint256 preview = pool.previewRedeem(shares);
        vm.prank(actor);
        pool.requestWithdrawal(shares);
        if (pool.withdrawalRequest(actor).assets != capBefore + preview) {
            _violation("request cap is not previewRedeem");
        }
        ++calls["requestWithdrawal"];
    }

    /// @notice Completes a request: at most its cap, at most previewRedeem now, at most free capital.
    function completeWithdrawal(uint256 actorSeed) external {
        address actor = _actor(actorSeed);
        ICapitalPool.WithdrawalRequest memory request = pool.withdrawalRequest(actor);
        if (request.shares == 0) return;
        if (block.timestamp < request.readyAt) vm.warp(request.readyAt);
        uint256 valueNow = pool.previewRedeem(request.shares);
        uint256 free = pool.freeCapital();
        uint256 quoted = pool.withdrawalQuote(actor).payableNow;
        uint256 before = asset.balanceOf(actor);
        vm.prank(actor);
        try pool.completeWithdrawal(actor) returns (uint256 paid) {
            if (asset.balanceOf(actor) - before != paid) _violation("completion paid other than returned");
            if (paid > request.assets) _violation("completion above the request's cap");
            if (paid > valueNow) _violation("completion above previewRedeem now");
            if (paid > free) _violation("completion above free capital");
            if (paid > quoted) _violation("completion above withdrawalQuote.payableNow");
        } catch {}
        ++calls["completeWithdrawal"];
    }

    function processExpiries(uint256 maxBuckets) external {
        pool.processExpiries(bound(maxBuckets, 1, 64));
        ++calls["processExpiries"];
    }

    function pause() external {
        try pool.pause() {
            ++calls["pause"];
        } catch {}
    }

    function unpause() external {
        try pool.unpause() {
            ++calls["unpause"];
        } catch {}
    }

    // ---------------------------------------------------------------- internal

    /// @dev The books brought forward when no backlog blocks it (cover hooks need it), else their view as of now.
    function _sync() internal returns (uint256 capital, uint256 active, uint16 ratio) {
        try pool.sync() returns (uint256 c, uint256 a, uint16 r) {
            return (c, a, r);
        } catch {
            pool.processExpiries(type(uint256).max);
            return pool.sync();
        }
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    function _violation(string memory what) internal {
        ++violations;
        lastViolation = what;
    }
}

/**
 * @notice The EIP-4626 rules as invariants of random sequences (see {ERC4626Handler}): every deposit and mint is
 * accepted exactly when within `maxDeposit` / `maxMint` (pauses and expiry backlogs included) and at its preview,
 * every completed withdrawal is bounded by `previewRedeem` at the request and at completion and by free capital,
 * `maxWithdraw` / `maxRedeem` stay zero, and shares never claim more than `totalAssets`.
 */
abstract contract ERC4626InvariantBase is TestBase, IAssetSource {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    ERC4626Handler internal handler;

    function _deploy() internal virtual returns (IERC20 asset, uint8 decimals);

    function setUp() public {
        vm.warp(1_700_000_000);
        (IERC20 asset, uint8 decimals) = _deploy();
        DAOAccessManager manager = new DAOAccessManager(address(this));
        CapitalPool pool = new CapitalPool(
            IERC20Metadata(address(asset)),
            CapitalPool.Config("Pool", "cdP", address(manager), 1 days, 9_000, 7 days, 2 days)
        );
        handler = new ERC4626Handler(pool, asset, this, decimals);
        pool.setCoverBook(address(handler));
        // The handler pauses as the guardian would (the admin role holds every restricted function here).
        manager.grantRole(0, address(handler), 0);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), handler.actions());
    }

    /// @notice A scripted run builds a backlog of more than 32 due buckets and checks the rules through it.
    function test_handler_scriptedBacklog() public {
        // Inputs are bounded by modulo: each value below is what the action receives, offset by its minimum.
        handler.deposit(0, 500_000 * handler.unit() - 1);
        // 33 covers ending on 33 different days: days 1-11, 12-22 and 23-33 from now.
        handler.addCovers(3, 0);
        handler.addCovers(3, 11 days);
        handler.addCovers(3, 22 days);
        assertEq(handler.calls("addCover"), 33, "covers added");
        handler.warp(50 days - 1 hours);
        CapitalPool pool = handler.pool();
        assertEq(pool.maxDeposit(address(0xE001)), 0, "backlog: maxDeposit zero");
        assertEq(pool.maxMint(address(0xE001)), 0, "backlog: maxMint zero");
        handler.deposit(1, 1_000);
        handler.mint(2, 1_000_000);
        assertEq(pool.totalSupply(), pool.balanceOf(address(0xE001)), "nothing minted during the backlog");
        handler.processExpiries(63);
        handler.deposit(1, 1_000);
        assertGe(pool.balanceOf(address(0xE002)), 1, "deposits reopened");
        invariant_eip4626RulesHold();
    }

    /**
     * @notice No rule broken along the way (the handler checks each action against the previews and limits read
     * just before it).
     */
    function invariant_eip4626RulesHold() public view {
        if (handler.violations() != 0) revert AssertionFailed(handler.lastViolation(), handler.violations(), 0);
        CapitalPool pool = handler.pool();
        address[] memory actors = handler.actors();
        for (uint256 i; i < actors.length; i++) {
            assertEq(pool.maxWithdraw(actors[i]), 0, "maxWithdraw is zero");
            assertEq(pool.maxRedeem(actors[i]), 0, "maxRedeem is zero");
        }
        uint256 total = pool.totalAssets();
        assertLe(pool.convertToAssets(pool.totalSupply()), total, "shares never claim more than totalAssets");
        ICapitalPool.PoolState memory state = pool.poolState();
        uint256 balance = handler.asset().balanceOf(address(pool));
        uint256 reserved = state.unearnedPremium + state.assessorRewardPot + state.openLiabilities;
        assertEq(total, balance > reserved ? balance - reserved : 0, "totalAssets is net capital");
        assertLe(pool.previewRedeem(pool.previewDeposit(total)), Math.max(total, 1), "redeem(deposit(a)) <= a");
    }
}

/// @notice On the WETH pool (18 decimals).
contract ERC4626InvariantWethTest is ERC4626InvariantBase {
    WETH9 internal weth;

    function _deploy() internal override returns (IERC20, uint8) {
        weth = new WETH9();
        return (IERC20(address(weth)), 18);
    }

    function fund(address to, uint256 amount) external {
        vm.deal(address(this), amount);
        weth.deposit{value: amount}();
        weth.transfer(to, amount);
    }
}

/// @notice On the stablecoin pool (6 decimals).
contract ERC4626InvariantStablecoinTest is ERC4626InvariantBase {
    TestStablecoin internal usd;

    function _deploy() internal override returns (IERC20, uint8) {
        usd = new TestStablecoin();
        return (IERC20(address(usd)), 6);
    }

    function fund(address to, uint256 amount) external {
        uint256 limit = usd.MAX_MINT();
        while (amount > 0) {
            uint256 part = Math.min(amount, limit);
            usd.mint(to, part);
            amount -= part;
        }
    }
}
