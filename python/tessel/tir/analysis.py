"""Analyses of TensorIR statements.

Example
-------
>>> from tessel.tir import analysis
>>> reads, writes = analysis.get_block_read_write_region(block)  # doctest: +SKIP
"""

from typing import List, Tuple

from .._core.tir import analysis as _analysis
from .._core.tir import Block, BufferRegion


def get_block_read_write_region(block: Block) -> Tuple[List[BufferRegion], List[BufferRegion]]:
    """The regions a block reads and writes, inferred from its init and body.

    Every buffer load is a read and every store a write, so a reduction update
    ``C[vi, vj] = C[vi, vj] + ...`` lists ``C`` in both. An index that uses no loop of the
    block's own body is the point ``[index, index + 1)``; loops (and lets) inside the block
    are relaxed over their ranges. A nested block is not entered: its declared reads and
    writes count, its iteration variables relaxed through their bindings. Several accesses
    of one buffer join into one range per dimension (the whole dimension where the join has
    no simple bounds). Buffers the block allocates are left out. Regions are in order of
    first access, the init before the body.

    Parameters
    ----------
    block : Block
        The block to analyse; its own ``reads``/``writes`` fields are not used.

    Returns
    -------
    tuple of (list of BufferRegion, list of BufferRegion)
        The read regions and the write regions.
    """
    reads, writes = _analysis.get_block_read_write_region(block)
    return list(reads), list(writes)
