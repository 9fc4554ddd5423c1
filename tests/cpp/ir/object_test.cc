// The object model: reference counting, handles, downcasts, copy-on-write, containers.
#include <gtest/gtest.h>

#include "tessel/ir/container.h"
#include "tessel/ir/expr.h"
#include "tessel/ir/module.h"
#include "tessel/ir/op.h"

namespace tessel {
namespace ir {
namespace {

TEST(Object, ReferenceCountFollowsHandles) {
  IntImm a(DataType::Int(32), 7);
  EXPECT_EQ(a->use_count(), 1);
  {
    PrimExpr b = a;
    EXPECT_EQ(a->use_count(), 2);
    EXPECT_TRUE(b.same_as(a));
  }
  EXPECT_EQ(a->use_count(), 1);
}

TEST(Object, DowncastChecksTheClass) {
  PrimExpr e = IntImm(DataType::Int(32), 3);
  EXPECT_EQ(Downcast<IntImm>(e)->value, 3);
  EXPECT_EQ(e.as<FloatImmNode>(), nullptr);
  try {
    Downcast<FloatImm>(e);
    FAIL() << "expected an error";
  } catch (const InvalidArgumentError& err) {
    EXPECT_NE(std::string(err.what()).find("expected a ir.FloatImm, found a ir.IntImm"),
              std::string::npos);
  }
}

TEST(Object, TypeIndicesAreDistinct) {
  EXPECT_NE(IntImmNode::RuntimeTypeIndex(), FloatImmNode::RuntimeTypeIndex());
  EXPECT_STREQ(Object::TypeIndexToKey(IntImmNode::RuntimeTypeIndex()), "ir.IntImm");
  EXPECT_EQ(IntImm(DataType::Int(8), 1)->type_index(), IntImmNode::RuntimeTypeIndex());
}

TEST(Object, ConstantsCheckTheirRange) {
  EXPECT_THROW(IntImm(DataType::Int(8), 200), InvalidArgumentError);
  EXPECT_THROW(IntImm(DataType::UInt(8), -1), InvalidArgumentError);
  EXPECT_THROW(IntImm(DataType::Bool(), 2), InvalidArgumentError);
  EXPECT_THROW(IntImm(DataType::Float(32), 1), InvalidArgumentError);
  EXPECT_THROW(FloatImm(DataType::Int(32), 1.0), InvalidArgumentError);
  EXPECT_EQ(IntImm(DataType::UInt(8), 255)->value, 255);
}

TEST(DataType, ParsesAndPrintsEveryType) {
  for (const char* name : {"bool", "int8", "int16", "int32", "int64", "uint8", "float16",
                           "bfloat16", "float32", "float64", "float32x16", "int8x64", "handle",
                           "void"}) {
    EXPECT_EQ(DataType::Parse(name).ToString(), name);
  }
  EXPECT_EQ(DataType::Parse("float32x4").lanes(), 4);
  EXPECT_TRUE(DataType::Parse("bool").is_bool());
  EXPECT_EQ(DataType::Parse("float"), DataType::Float(32));
  for (const char* bad : {"float31", "int7", "bfloat32", "x", "float32x", "float32x0", "", "intx"}) {
    EXPECT_THROW(DataType::Parse(bad), InvalidArgumentError) << bad;
  }
}

TEST(Array, SharesUnchangedListsInMap) {
  Array<PrimExpr> items = {IntImm(DataType::Int(32), 1), IntImm(DataType::Int(32), 2)};
  Array<PrimExpr> same = items.Map([](const PrimExpr& e) { return e; });
  EXPECT_TRUE(same.same_as(items));
  Array<PrimExpr> changed =
      items.Map([](const PrimExpr& e) -> PrimExpr { return IntImm(DataType::Int(32), 0); });
  EXPECT_FALSE(changed.same_as(items));
  EXPECT_EQ(changed.size(), 2u);
  EXPECT_THROW(items[5], InvalidArgumentError);
}

TEST(Map, StringKeysMatchByContent) {
  Map<String, ObjectRef> map;
  map = map.Set("a", IntImm(DataType::Int(32), 1));
  Map<String, ObjectRef> updated = map.Set(String("a"), IntImm(DataType::Int(32), 2));
  EXPECT_EQ(updated.size(), 1u);
  EXPECT_EQ(Downcast<IntImm>(updated.at("a"))->value, 2);
  EXPECT_EQ(Downcast<IntImm>(map.at("a"))->value, 1) << "Set must not change the original";
  EXPECT_FALSE(updated.Erase("a").count("a"));
}

// A function class for module tests; real dialects define their own.
class TestFuncNode : public BaseFuncNode {
 public:
  TESSEL_DECLARE_NODE(TestFuncNode, "test.ObjectTestFunc");
};

BaseFunc MakeFunc() { return BaseFunc(make_object<TestFuncNode>()); }

TEST(IRModule, AddLookupUpdateRemove) {
  IRModule mod = IRModule::Empty();
  GlobalVar main = mod.Add("main", MakeFunc());
  BaseFunc other = MakeFunc();
  mod.Add("other", other);
  EXPECT_TRUE(mod.Contains("main"));
  EXPECT_TRUE(mod.Lookup("other").same_as(other));
  EXPECT_TRUE(mod.GetGlobalVar("main").same_as(main));
  EXPECT_THROW(mod.Add("main", MakeFunc()), InvalidArgumentError);

  IRModule before = mod;
  BaseFunc replacement = MakeFunc();
  mod.Update(main, replacement);
  EXPECT_TRUE(mod.Lookup("main").same_as(replacement));
  EXPECT_FALSE(before.Lookup("main").same_as(replacement)) << "copy-on-write keeps the old module";

  mod.Remove(main);
  EXPECT_FALSE(mod.Contains("main"));
  try {
    mod.Lookup("main");
    FAIL();
  } catch (const InvalidArgumentError& err) {
    EXPECT_NE(std::string(err.what()).find("no function named 'main'; it has: other"),
              std::string::npos);
  }
}

TEST(OpRegistry, PropertiesByKey) {
  OpRegistry::Register("test.object_test_op").describe("a test").add_argument("x").set_attr<int>(
      "TestPattern", 3);
  Op op = Op::Get("test.object_test_op");
  EXPECT_EQ(op->arguments.size(), 1u);
  OpAttrMap<int> pattern("TestPattern");
  EXPECT_EQ(pattern.at(op), 3);
  EXPECT_EQ(pattern.get(Op::Get("test.object_test_op"), 0), 3);
  EXPECT_THROW(Op::Get("test.missing"), InvalidArgumentError);
  EXPECT_THROW(OpRegistry::Register("test.object_test_op").set_attr<int>("TestPattern", 4),
               InvalidArgumentError);
}

}  // namespace
}  // namespace ir
}  // namespace tessel
