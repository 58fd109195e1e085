// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title Multicall
 * @notice Batches many read calls into one `eth_call`, so that a page of the governance UI costs one
 * JSON-RPC round trip whatever the number of proposals, claims or pools it shows.
 * @dev Stateless and permissionless: it holds no funds and no roles, and every call is a `staticcall`,
 * so it cannot change state on anyone's behalf. Modelled on the `aggregate3` interface of the widely
 * deployed Multicall3: each call says whether its failure may be tolerated.
 */
contract Multicall {
    /// @notice One call of a batch.
    /// @param target The contract to call.
    /// @param allowFailure Whether the batch goes on when this call reverts.
    /// @param callData ABI-encoded function selector and arguments.
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    /// @notice The outcome of one call: success flag and the raw return (or revert) data.
    struct Result {
        bool success;
        bytes returnData;
    }

    /// @notice A call that did not allow failure reverted; `reason` is its revert data, undecoded.
    error MulticallCallFailed(uint256 index, address target, bytes reason);

    /**
     * @notice Makes every call in order with `staticcall` and returns each result.
     * @dev Reverts with {MulticallCallFailed} at the first failing call whose `allowFailure` is false.
     * @param calls The calls to make.
     * @return results One result per call, in order.
     */
    function aggregate3(Call3[] calldata calls) external view returns (Result[] memory results) {
        uint256 length = calls.length;
        results = new Result[](length);
        for (uint256 i = 0; i < length; ++i) {
            Call3 calldata call = calls[i];
            (bool success, bytes memory returnData) = call.target.staticcall(call.callData);
            if (!success && !call.allowFailure) revert MulticallCallFailed(i, call.target, returnData);
            results[i] = Result(success, returnData);
        }
    }

    /**
     * @notice The current block's number and timestamp, so that a batch is read against a known clock.
     * @return blockNumber `block.number`.
     * @return timestamp `block.timestamp`.
     */
    function blockInfo() external view returns (uint256 blockNumber, uint256 timestamp) {
        return (block.number, block.timestamp);
    }
}
