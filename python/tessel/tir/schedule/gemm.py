"""schedule_matmul_x86: a register-blocked, packed, parallel schedule of a matmul block for
x86 CPUs with AVX-512, written with the schedule primitives so that its trace reads as the
recipe the "Optimize GEMM on CPU" how-to builds step by step."""

from .random_variable import BlockRV
from .schedule import Schedule


def _extent(sch: Schedule, loop) -> int:
    return sch.get(loop).extent.value


def _read_index(sch: Schedule, block: BlockRV, operand: int) -> int:
    """The index in the block's reads of the te operand ``operand`` (0: A, 1: B): the update
    block of a decomposed reduction also reads its output first."""
    reads = [region.buffer for region in sch.get(block).reads]
    writes = {region.buffer.name for region in sch.get(block).writes}
    return [idx for idx, buf in enumerate(reads) if buf.name not in writes][operand]


def schedule_matmul_x86(sch: Schedule, block: str | BlockRV = "C", *, tile_m: int = 4,
                        tile_n: int = 64, lanes: int = 16, parallel: bool = True,
                        func_name: str = "main") -> BlockRV:
    """Schedule ``C[i, j] += A[i, k] * B[k, j]`` as a micro-kernel over a packed B.

    The last three loops of ``block`` must be ``i, j, k`` (spatial, spatial, reduction), as
    :func:`tessel.te.create_prim_func` makes them for ``te.sum(A[i, k] * B[k, j], axis=k)``.
    The schedule:

    1. tiles ``i`` by ``tile_m`` and ``j`` by ``tile_n`` and orders the loops
       ``j_0, i_0, k, i_1, j_1``: for every ``k``, a ``tile_m x tile_n`` tile of C is updated
       with ``tile_m`` elements of A and one row of B's panel;
    2. unrolls ``i_1``, splits ``j_1`` into vectors of ``lanes`` and vectorizes them (when
       ``tile_n`` divides N), so each update is a broadcast of ``A[i, k]`` and one FMA per
       vector;
    3. accumulates the tile in a ``"local"`` copy of C (``cache_write``), written back after
       the ``k`` loop (``reverse_compute_at``), with the zeroing split off
       (``decompose_reduction``): LLVM keeps the ``tile_m * tile_n / lanes`` vector
       accumulators in registers across ``k``;
    4. when ``tile_n`` divides N, packs B into ``[N / tile_n, K, tile_n]``
       (``cache_read`` + ``transform_layout``) so that the micro-kernel reads B's panel
       contiguously;
    5. fuses ``j_0, i_0`` and runs the tiles, and the packing, in parallel.

    Sizes that the tiles do not divide are handled by the predicates ``split`` adds.

    Parameters
    ----------
    sch : Schedule
        The schedule holding the function.
    block : str or BlockRV
        The matmul block, or its name.
    tile_m, tile_n : int
        The rows and columns of the register tile (``tile_m * tile_n / lanes`` accumulators,
        at most about 24 for the 32 vector registers of AVX-512).
    lanes : int
        The vector width in elements (16 float32 in a 512-bit register).
    parallel : bool
        Whether the tile loop runs on the runtime's thread pool.
    func_name : str
        The function of ``sch.mod`` that holds the block, when given by name.

    Returns
    -------
    BlockRV
        The update block of the micro-kernel.

    Examples
    --------
    >>> from tessel import te
    >>> from tessel.tir import Schedule
    >>> from tessel.tir.schedule import schedule_matmul_x86
    >>> A = te.placeholder((64, 64), "float32", name="A")
    >>> B = te.placeholder((64, 64), "float32", name="B")
    >>> k = te.reduce_axis((0, 64), name="k")
    >>> C = te.compute((64, 64), lambda i, j: te.sum(A[i, k] * B[k, j], axis=k), name="C")
    >>> sch = Schedule(te.create_prim_func([A, B, C]))
    >>> _ = schedule_matmul_x86(sch)
    >>> for line in sch.trace.as_python()[-3:]:
    ...     print(line)
    l21 = sch.fuse(l6, l4, preserve_unit_iters=True)
    sch.parallel(loop=l21)
    sch.parallel(loop=l17)
    """
    b = sch.get_block(block, func_name=func_name) if isinstance(block, str) else block
    i, j, k = sch.get_loops(b)[-3:]
    n = _extent(sch, j)
    divides = n % tile_n == 0  # packing needs whole panels, vectors need whole tiles
    vectorize = divides and lanes > 0 and tile_n % lanes == 0
    # 1. Tiling: a tile_m x tile_n tile of C per (j_0, i_0), updated once per k.
    i_0, i_1 = sch.split(i, [None, tile_m])
    j_0, j_1 = sch.split(j, [None, tile_n])
    sch.reorder(j_0, i_0, k, i_1, j_1)
    # 2. Vectorization: one broadcast of A[i, k] and one FMA per vector of the tile's row.
    sch.unroll(i_1)
    if vectorize:
        j_1_0, j_1_1 = sch.split(j_1, [None, lanes])
        sch.unroll(j_1_0)
        sch.vectorize(j_1_1)
    # 3. Accumulators: the tile lives in a local copy across k, zeroed before it, written back
    #    after it; unrolled and vectorized, its accesses have constant offsets (registers).
    c_local = sch.cache_write(b, 0, "local")
    sch.reverse_compute_at(c_local, i_0)
    init = sch.decompose_reduction(b, k)
    if vectorize:
        sch.vectorize(sch.get_loops(c_local)[-1])
    # 4. Packing: B's panel of one j_0, contiguous in k: [N / tile_n, K, tile_n].
    packs = []
    if divides:
        b_packed = sch.cache_read(b, _read_index(sch, b, 1), "global")
        sch.transform_layout(b_packed, 0, "write", lambda vk, vn: (vn // tile_n, vk, vn % tile_n))
        pk, pn = sch.get_loops(b_packed)[-2:]
        _, pn_1 = sch.split(pn, [None, tile_n])
        if vectorize:
            sch.vectorize(pn_1)
        packs.append(pk)
    # 5. Parallelism: the tiles, and the rows of B being packed, over the thread pool.
    tiles = sch.fuse(j_0, i_0)
    if parallel:
        sch.parallel(tiles)
        for pk in packs:
            sch.parallel(pk)
    return b
