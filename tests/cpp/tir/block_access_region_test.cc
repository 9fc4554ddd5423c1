// GetBlockReadWriteRegion: the regions inferred for blocks built by hand, compared with the
// regions such a block declares.
#include <gtest/gtest.h>

#include "matmul.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/tir/analysis.h"

namespace tessel {
namespace tir {
namespace {

const DataType f32 = DataType::Float(32);

Range Point(const PrimExpr& e) { return Range(e, 1); }

IterVar Spatial(const Var& v, int64_t extent) {
  return IterVar(Range(0, static_cast<int>(extent)), v, IterVarType::kDataPar);
}

// Expect the analysis to give exactly reads and writes.
void ExpectRegions(const Block& block, const Array<BufferRegion>& reads,
                   const Array<BufferRegion>& writes) {
  Array<Array<BufferRegion>> found = GetBlockReadWriteRegion(block);
  ASSERT_EQ(found.size(), 2u);
  ir::AssertStructuralEqual(found[0], reads);
  ir::AssertStructuralEqual(found[1], writes);
}

TEST(BlockAccessRegion, Elementwise) {
  Buffer a = decl_buffer({16, 16}, f32, "A"), b = decl_buffer({16, 16}, f32, "B");
  Var vi("vi"), vj("vj");
  Block block({Spatial(vi, 16), Spatial(vj, 16)}, {}, {}, "B",
              BufferStore(b, BufferLoad(a, {vi, vj}) * FloatImm(f32, 2.0), {vi, vj}));
  ExpectRegions(block, {BufferRegion(a, {Point(vi), Point(vj)})},
                {BufferRegion(b, {Point(vi), Point(vj)})});
}

TEST(BlockAccessRegion, MatmulUpdateReadsTheAccumulator) {
  PrimFunc func = testing::Matmul(16);
  const auto* k_loop = func->body.as<ForNode>()->body.as<ForNode>()->body.as<ForNode>();
  Block block = k_loop->body.as<BlockRealizeNode>()->block;
  Array<BufferRegion> declared_reads = block->reads;  // A, B
  const BufferRegion& c = block->writes[0];
  ExpectRegions(block, {BufferRegion(c->buffer, c->region), declared_reads[0], declared_reads[1]},
                block->writes);
}

TEST(BlockAccessRegion, InnerLoopIsRelaxedOverItsRange) {
  Buffer a = decl_buffer({16, 8}, f32, "A"), b = decl_buffer({16}, f32, "B");
  Var vi("vi"), k("k");
  Stmt loop = For(k, 0, 8, ForKind::kSerial,
                  BufferStore(b, BufferLoad(b, {vi}) + BufferLoad(a, {vi, k}), {vi}));
  Block block({Spatial(vi, 16)}, {}, {}, "B", loop);
  ExpectRegions(block, {BufferRegion(b, {Point(vi)}), BufferRegion(a, {Point(vi), Range(0, 8)})},
                {BufferRegion(b, {Point(vi)})});
}

TEST(BlockAccessRegion, StencilAccessesJoinIntoOneRange) {
  Buffer a = decl_buffer({18}, f32, "A"), b = decl_buffer({16}, f32, "B");
  Var vi("vi");
  PrimExpr sum = BufferLoad(a, {vi + 1}) + BufferLoad(a, {vi}) + BufferLoad(a, {vi + 2});
  Block block({Spatial(vi, 16)}, {}, {}, "B", BufferStore(b, sum, {vi}));
  ExpectRegions(block, {BufferRegion(a, {Range(vi, 3)})}, {BufferRegion(b, {Point(vi)})});
}

TEST(BlockAccessRegion, UnorderedAccessesCoverTheWholeDimension) {
  // vi and 0: neither end of the join is known, so the region is all of A.
  Buffer a = decl_buffer({16}, f32, "A"), b = decl_buffer({16}, f32, "B");
  Var vi("vi");
  Block block({Spatial(vi, 16)}, {}, {}, "B",
              BufferStore(b, BufferLoad(a, {vi}) + BufferLoad(a, {0}), {vi}));
  ExpectRegions(block, {BufferRegion(a, {Range(0, 16)})}, {BufferRegion(b, {Point(vi)})});
}

TEST(BlockAccessRegion, BlockAllocatedBuffersAreLeftOut) {
  Buffer a = decl_buffer({16}, f32, "A"), b = decl_buffer({16}, f32, "B");
  Buffer acc = decl_buffer({1}, f32, "acc");
  Var vi("vi");
  Stmt body = SeqStmt({BufferStore(acc, BufferLoad(a, {vi}), {0}),
                       BufferStore(b, BufferLoad(acc, {0}), {vi})});
  Block block({Spatial(vi, 16)}, {}, {}, "B", body, Stmt(), {acc});
  ExpectRegions(block, {BufferRegion(a, {Point(vi)})}, {BufferRegion(b, {Point(vi)})});
}

TEST(BlockAccessRegion, NestedBlockCountsByItsDeclaredRegions) {
  Buffer a = decl_buffer({16, 4}, f32, "A"), b = decl_buffer({16, 4}, f32, "B");
  Var vi("vi"), j("j"), vj("vj");
  // The inner body stores to A as well, but only its declared regions are seen.
  Block inner({Spatial(vj, 4)}, {BufferRegion(a, {Point(vi), Point(vj)})},
              {BufferRegion(b, {Point(vi), Point(vj)})}, "inner",
              SeqStmt({BufferStore(b, BufferLoad(a, {vi, vj}), {vi, vj}),
                       BufferStore(a, FloatImm(f32, 0.0), {vi, vj})}));
  Stmt loop = For(j, 0, 4, ForKind::kSerial,
                  BlockRealize({j}, IntImm(DataType::Bool(), 1), inner));
  Block outer({Spatial(vi, 16)}, {}, {}, "outer", loop);
  ExpectRegions(outer, {BufferRegion(a, {Point(vi), Range(0, 4)})},
                {BufferRegion(b, {Point(vi), Range(0, 4)})});
}

}  // namespace
}  // namespace tir
}  // namespace tessel
