// Structural equality and hashing, on a tiny lambda calculus declared here: reported
// paths, variable binding (alpha-equivalence, one-to-one matching, free variables),
// and the agreement of StructuralHash with StructuralEqual.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "tessel/ir/container.h"
#include "tessel/ir/expr.h"
#include "tessel/ir/module.h"
#include "tessel/ir/structural_equal.h"
#include "tessel/ir/structural_hash.h"

namespace tessel {
namespace ir {
namespace {

class TestVarNode : public Object {
 public:
  std::string name;
  DataType dtype;
  Span span;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("name", &name, FieldRole::kIgnored);
    v->Visit("dtype", &dtype);
    v->Visit("span", &span, FieldRole::kIgnored);
  }
  bool IsVariable() const override { return true; }
  TESSEL_DECLARE_NODE(TestVarNode, "test.structural.Var");
};

class TestVar : public ObjectRef {
 public:
  TESSEL_DEFINE_HANDLE(TestVar, ObjectRef, TestVarNode);
};

// let var = value in body
class TestLetNode : public Object {
 public:
  TestVar var;
  ObjectRef value;
  ObjectRef body;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("var", &var, FieldRole::kDefines);
    v->Visit("value", &value);
    v->Visit("body", &body);
  }
  TESSEL_DECLARE_NODE(TestLetNode, "test.structural.Let");
};

class TestAddNode : public Object {
 public:
  ObjectRef a;
  ObjectRef b;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("a", &a);
    v->Visit("b", &b);
  }
  TESSEL_DECLARE_NODE(TestAddNode, "test.structural.Add");
};

class TestSeqNode : public Object {
 public:
  Array<ObjectRef> seq;

  void VisitFields(FieldVisitor* v) override { v->Visit("seq", &seq); }
  TESSEL_DECLARE_NODE(TestSeqNode, "test.structural.Seq");
};

// A function, so that it can live in an IRModule.
class TestFuncNode : public BaseFuncNode {
 public:
  Array<TestVar> params;
  ObjectRef body;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("params", &params, FieldRole::kDefines);
    v->Visit("body", &body);
    BaseFuncNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(TestFuncNode, "test.structural.Func");
};

class TestFunc : public BaseFunc {
 public:
  TESSEL_DEFINE_HANDLE(TestFunc, BaseFunc, TestFuncNode);
};

TestVar Var(const std::string& name, DataType dtype = DataType::Int(32)) {
  auto node = make_object<TestVarNode>();
  node->name = name;
  node->dtype = dtype;
  return TestVar(node);
}

ObjectRef Let(TestVar var, ObjectRef value, ObjectRef body) {
  auto node = make_object<TestLetNode>();
  node->var = std::move(var);
  node->value = std::move(value);
  node->body = std::move(body);
  return ObjectRef(node);
}

ObjectRef Add(ObjectRef a, ObjectRef b) {
  auto node = make_object<TestAddNode>();
  node->a = std::move(a);
  node->b = std::move(b);
  return ObjectRef(node);
}

ObjectRef Seq(const std::vector<ObjectRef>& items) {
  auto node = make_object<TestSeqNode>();
  node->seq = Array<ObjectRef>(items);
  return ObjectRef(node);
}

TestFunc Func(const std::vector<TestVar>& params, ObjectRef body, Span span = Span()) {
  auto node = make_object<TestFuncNode>();
  node->params = Array<TestVar>(params);
  node->body = std::move(body);
  node->span = std::move(span);
  return TestFunc(node);
}

ObjectRef Int(int64_t value, Span span = Span()) {
  return IntImm(DataType::Int(32), value, std::move(span));
}

// Expects a mismatch at `path` whose detail is `detail`.
void ExpectMismatch(const ObjectRef& lhs, const ObjectRef& rhs, const std::string& path,
                    const std::string& detail, bool map_free_vars = false) {
  auto mismatch = FindStructuralMismatch(lhs, rhs, map_free_vars);
  ASSERT_TRUE(mismatch.has_value()) << "expected " << path << ": " << detail;
  EXPECT_EQ(mismatch->path, path);
  EXPECT_EQ(mismatch->detail, detail);
  EXPECT_FALSE(StructuralEqual(lhs, rhs, map_free_vars));
}

void ExpectEqual(const ObjectRef& lhs, const ObjectRef& rhs, bool map_free_vars = false) {
  auto mismatch = FindStructuralMismatch(lhs, rhs, map_free_vars);
  EXPECT_FALSE(mismatch.has_value()) << mismatch->path << ": " << mismatch->detail;
  EXPECT_TRUE(StructuralEqual(rhs, lhs, map_free_vars));
  EXPECT_EQ(StructuralHash(lhs, map_free_vars), StructuralHash(rhs, map_free_vars));
}

// fn(x) { [x + 1, x + 2, let y = x + last in y] }, built afresh on every call.
TestFunc SampleFunc(int64_t last, DataType dtype = DataType::Int(32)) {
  TestVar x = Var("x", dtype);
  TestVar y = Var("y");
  return Func({x}, Seq({Add(x, Int(1)), Add(x, Int(2)), Let(y, Add(x, Int(last)), y)}));
}

TEST(StructuralEqual, SeparatelyBuiltTreesAreEqual) {
  ExpectEqual(SampleFunc(3), SampleFunc(3));
  ExpectEqual(Int(5), Int(5));
  ExpectEqual(String("abc"), String("abc"));
  TestFunc f = SampleFunc(3);
  ExpectEqual(f, f);
}

TEST(StructuralEqual, ReportsThePathOfADifferentConstant) {
  ExpectMismatch(SampleFunc(3), SampleFunc(4), "root.body.seq[2].value.b", "value: 3 vs 4");
}

TEST(StructuralEqual, ReportsADifferentDtype) {
  ExpectMismatch(SampleFunc(3, DataType::Float(32)), SampleFunc(3, DataType::Int(32)),
                 "root.params[0]", "dtype: float32 vs int32");
  ExpectMismatch(IntImm(DataType::Int(32), 1), IntImm(DataType::Int(64), 1), "root",
                 "dtype: int32 vs int64");
}

TEST(StructuralEqual, ReportsAnArraySizeMismatch) {
  ExpectMismatch(Seq({Int(1), Int(2)}), Seq({Int(1), Int(2), Int(3)}), "root.seq",
                 "size: 2 vs 3");
}

TEST(StructuralEqual, ReportsADifferentNodeType) {
  TestVar x = Var("x");
  ExpectMismatch(Seq({Add(Int(1), Int(2))}), Seq({Let(x, Int(1), x)}), "root.seq[0]",
                 "type: test.structural.Add vs test.structural.Let");
}

TEST(StructuralEqual, UndefinedFieldsCompareAndHash) {
  TestVar x = Var("x");
  TestVar y = Var("y");
  ExpectEqual(Let(x, Int(1), ObjectRef()), Let(y, Int(1), ObjectRef()));
  ExpectMismatch(Let(x, Int(1), ObjectRef()), Let(y, Int(1), Int(0)), "root.body",
                 "type: undefined vs ir.IntImm");
  ExpectMismatch(Add(Int(0), Int(1)), ObjectRef(), "root", "type: test.structural.Add vs undefined");
  ExpectEqual(ObjectRef(), ObjectRef());
}

TEST(StructuralEqual, AlphaEquivalentFunctionsAreEqualAndHashEqual) {
  TestVar x = Var("x"), y = Var("y"), z = Var("z");
  TestVar a = Var("a"), b = Var("b"), c = Var("c");
  ObjectRef lhs = Func({x, y}, Let(z, Add(x, y), Add(z, x)));
  ObjectRef rhs = Func({a, b}, Let(c, Add(a, b), Add(c, a)));
  ExpectEqual(lhs, rhs);
  ExpectEqual(lhs, rhs, /*map_free_vars=*/true);
}

TEST(StructuralEqual, SwappedParametersDiffer) {
  TestVar x = Var("x"), y = Var("y");
  TestVar p = Var("p"), q = Var("q");
  ExpectMismatch(Func({x, y}, Add(x, y)), Func({p, q}, Add(q, p)), "root.body.a",
                 "variable x is bound to p, found q");
  // The very same body object means something else under the other binding.
  ObjectRef body = Add(x, y);
  ObjectRef lhs = Func({x, y}, body);
  ObjectRef rhs = Func({y, x}, body);
  EXPECT_FALSE(StructuralEqual(lhs, rhs));
  EXPECT_FALSE(StructuralEqual(lhs, rhs, /*map_free_vars=*/true));
  EXPECT_NE(StructuralHash(lhs), StructuralHash(rhs));
}

TEST(StructuralEqual, FreeVariablesMatchOnlyThemselvesUnlessMapped) {
  TestVar x = Var("x"), y = Var("y");
  ExpectEqual(Add(x, Int(1)), Add(x, Int(1)));
  ExpectMismatch(Add(x, Int(1)), Add(y, Int(1)), "root.a",
                 "free variables differ: x vs y (neither is defined here; map_free_vars lets "
                 "them match)");
  ExpectEqual(Add(x, Int(1)), Add(y, Int(1)), /*map_free_vars=*/true);
  ExpectEqual(Add(x, Add(y, x)), Add(y, Add(x, y)), /*map_free_vars=*/true);
  // A mapped free variable still checks its fields.
  ExpectMismatch(Add(x, Int(1)), Add(Var("y", DataType::Float(32)), Int(1)), "root.a",
                 "dtype: int32 vs float32", /*map_free_vars=*/true);
}

TEST(StructuralEqual, VariablesMatchOneToOne) {
  TestVar a = Var("a"), b = Var("b"), c = Var("c");
  // Two parameters on the left cannot both match c.
  ExpectMismatch(Func({a, b}, Add(a, b)), Func({c, c}, Add(c, c)), "root.params[1]",
                 "variable b is not bound, but c on the right is bound to a");
  ExpectMismatch(Add(a, b), Add(c, c), "root.b",
                 "variable b is not bound, but c on the right is bound to a",
                 /*map_free_vars=*/true);
  ExpectMismatch(Add(c, c), Add(a, b), "root.b", "variable c is bound to a, found b",
                 /*map_free_vars=*/true);
  // A variable defined twice keeps its first binding.
  TestVar x = Var("x"), y = Var("y"), z = Var("z");
  ExpectMismatch(Seq({Let(x, Int(1), x), Let(x, Int(2), x)}),
                 Seq({Let(y, Int(1), y), Let(z, Int(2), z)}), "root.seq[1].var",
                 "variable x is bound to y, found z");
}

TEST(StructuralEqual, NamesOfDifferentVariablesAreToldApart) {
  TestVar x1 = Var("x"), x2 = Var("x");
  auto mismatch = FindStructuralMismatch(Add(x1, Int(0)), Add(x2, Int(0)));
  ASSERT_TRUE(mismatch.has_value());
  EXPECT_EQ(mismatch->detail.find("free variables differ: x@"), 0u) << mismatch->detail;
  EXPECT_TRUE(mismatch->lhs.same_as(x1));
  EXPECT_TRUE(mismatch->rhs.same_as(x2));
}

TEST(StructuralEqual, SpansAndNamesAreIgnored) {
  TestVar x = Var("x"), renamed = Var("renamed");
  ObjectRef lhs = Func({x}, Add(x, Int(1, Span("a.py", 3, 5, 3, 6))), Span("a.py", 1, 1, 4, 1));
  ObjectRef rhs = Func({renamed}, Add(renamed, Int(1)));
  ExpectEqual(lhs, rhs);
}

TEST(StructuralEqual, FloatsCompareByValue) {
  double nan = std::numeric_limits<double>::quiet_NaN();
  ExpectEqual(FloatImm(DataType::Float(32), nan), FloatImm(DataType::Float(32), -nan));
  ExpectEqual(FloatImm(DataType::Float(32), 0.0), FloatImm(DataType::Float(32), -0.0));
  ExpectMismatch(FloatImm(DataType::Float(32), 1.0), FloatImm(DataType::Float(32), 2.5), "root",
                 "value: 1.0 vs 2.5");
  ExpectMismatch(String("ab"), String("ac"), "root", "value: \"ab\" vs \"ac\"");
}

TEST(StructuralEqual, ModulesIgnoreInsertionOrder) {
  IRModule m1 = IRModule::Empty();
  m1.Add("f", SampleFunc(1));
  m1.Add("g", SampleFunc(2));
  m1.SetAttr("opt_level", Int(2));
  IRModule m2 = IRModule::Empty();
  m2.Add("g", SampleFunc(2));
  m2.Add("f", SampleFunc(1));
  m2.SetAttr("opt_level", Int(2));
  ExpectEqual(m1, m2);

  IRModule m3 = IRModule::Empty();
  m3.Add("f", SampleFunc(1));
  m3.Add("h", SampleFunc(2));
  m3.SetAttr("opt_level", Int(2));
  ExpectMismatch(m1, m3, "root", "field: functions[\"g\"] vs functions[\"h\"]");
  EXPECT_NE(StructuralHash(m1), StructuralHash(m3));

  IRModule m4 = m2.ShallowCopy();
  m4.Update(m4.GetGlobalVar("g"), SampleFunc(5));
  ExpectMismatch(m1, m4, "root.functions[\"g\"].body.seq[2].value.b", "value: 2 vs 5");
  IRModule m5 = m2.ShallowCopy();
  m5.SetAttr("opt_level", Int(3));
  ExpectMismatch(m1, m5, "root.attrs.dict[\"opt_level\"].value", "value: 2 vs 3");
}

TEST(StructuralEqual, AssertNamesThePathAndBothSubtrees) {
  ASSERT_NO_THROW(AssertStructuralEqual(SampleFunc(3), SampleFunc(3)));
  try {
    AssertStructuralEqual(SampleFunc(3), SampleFunc(4));
    FAIL() << "expected an InvalidArgumentError";
  } catch (const InvalidArgumentError& err) {
    std::string what = err.what();
    EXPECT_NE(what.find("root.body.seq[2].value.b"), std::string::npos) << what;
    EXPECT_NE(what.find("value: 3 vs 4"), std::string::npos) << what;
    EXPECT_NE(what.find("lhs at root.body.seq[2].value.b:\n  3"), std::string::npos) << what;
    EXPECT_NE(what.find("rhs at root.body.seq[2].value.b:\n  4"), std::string::npos) << what;
  }
}

TEST(StructuralEqual, DeepTreesDoNotOverflow) {
  ObjectRef lhs = Int(0), rhs = Int(0);
  // 500 levels: the comparison recurses, and frames are large under AddressSanitizer.
  for (int i = 0; i < 500; ++i) {
    lhs = Add(Int(i), lhs);
    rhs = Add(Int(i), rhs);
  }
  ExpectEqual(lhs, rhs);
}

// Random small functions over a small vocabulary, so that many pairs are equal.
class TreeGenerator {
 public:
  explicit TreeGenerator(uint32_t seed) : rng_(seed) {}

  ObjectRef Function() {
    std::vector<TestVar> params;
    int count = Pick(2) + 1;
    for (int i = 0; i < count; ++i) params.push_back(Var("p", Dtype()));
    std::vector<TestVar> scope = params;
    return Func(params, Expr(3, &scope));
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  DataType Dtype() { return Pick(4) == 0 ? DataType::Int(64) : DataType::Int(32); }

  ObjectRef Expr(int depth, std::vector<TestVar>* scope) {
    int choice = depth == 0 ? Pick(3) : Pick(7);
    switch (choice) {
      case 0:
        return Int(Pick(2));
      case 1:
        return (*scope)[Pick(static_cast<int>(scope->size()))];
      case 2:
        return free_vars_[Pick(2)];
      case 3:
      case 4:
        return Add(Expr(depth - 1, scope), Expr(depth - 1, scope));
      case 5: {
        TestVar var = Var("v", Dtype());
        ObjectRef value = Expr(depth - 1, scope);
        scope->push_back(var);
        ObjectRef body = Expr(depth - 1, scope);
        scope->pop_back();
        return Let(var, value, body);
      }
      default: {
        std::vector<ObjectRef> items;
        for (int i = Pick(3); i > 0; --i) items.push_back(Expr(depth - 1, scope));
        return Seq(items);
      }
    }
  }

  std::mt19937 rng_;
  TestVar free_vars_[2] = {Var("f"), Var("g")};
};

// A copy with fresh variables for the defined ones, and for free ones when asked.
class Renamer {
 public:
  explicit Renamer(bool rename_free) : rename_free_(rename_free) {}

  ObjectRef Copy(const ObjectRef& node) {
    if (const auto* var = node.as<TestVarNode>()) {
      auto it = renamed_.find(var);
      if (it != renamed_.end()) return it->second;
      return rename_free_ ? Fresh(TestVar(node.data())) : node;
    }
    if (const auto* let = node.as<TestLetNode>()) {
      ObjectRef value = Copy(let->value);
      TestVar var = Fresh(let->var);
      return Let(var, value, Copy(let->body));
    }
    if (const auto* add = node.as<TestAddNode>()) return Add(Copy(add->a), Copy(add->b));
    if (const auto* seq = node.as<TestSeqNode>()) {
      std::vector<ObjectRef> items;
      for (ObjectRef item : seq->seq) items.push_back(Copy(item));
      return Seq(items);
    }
    if (const auto* func = node.as<TestFuncNode>()) {
      std::vector<TestVar> params;
      for (TestVar param : func->params) params.push_back(Fresh(param));
      return Func(params, Copy(func->body));
    }
    if (const auto* imm = node.as<IntImmNode>()) return Int(imm->value);
    ADD_FAILURE() << "Renamer: unexpected " << node->type_key();
    return node;
  }

 private:
  TestVar Fresh(const TestVar& var) {
    TestVar fresh = Var(var->name + "'", var->dtype);
    renamed_[var.get()] = fresh;
    return fresh;
  }
  bool rename_free_;
  std::unordered_map<const Object*, TestVar> renamed_;
};

TEST(StructuralHash, AgreesWithEqualityOnRandomTrees) {
  TreeGenerator generator(20240611);
  std::vector<ObjectRef> trees;
  for (int i = 0; i < 200; ++i) trees.push_back(generator.Function());

  for (bool map_free_vars : {false, true}) {
    std::vector<uint64_t> hashes;
    for (const ObjectRef& tree : trees) hashes.push_back(StructuralHash(tree, map_free_vars));
    int equal_pairs = 0;
    for (size_t i = 0; i < trees.size(); ++i) {
      for (size_t j = i + 1; j < trees.size(); ++j) {
        bool equal = StructuralEqual(trees[i], trees[j], map_free_vars);
        ASSERT_EQ(equal, StructuralEqual(trees[j], trees[i], map_free_vars)) << i << " " << j;
        if (equal) {
          ++equal_pairs;
          ASSERT_EQ(hashes[i], hashes[j]) << i << " " << j;
        }
      }
    }
    EXPECT_GT(equal_pairs, 20) << "the vocabulary is too large to test anything";
  }

  for (const ObjectRef& tree : trees) {
    ObjectRef renamed = Renamer(/*rename_free=*/false).Copy(tree);
    ExpectEqual(tree, renamed);
    ExpectEqual(tree, renamed, /*map_free_vars=*/true);
    ObjectRef all_renamed = Renamer(/*rename_free=*/true).Copy(tree);
    ExpectEqual(tree, all_renamed, /*map_free_vars=*/true);
  }
}

TEST(StructuralHash, IsStableAndSeesContent) {
  EXPECT_EQ(StructuralHash(SampleFunc(3)), StructuralHash(SampleFunc(3)));
  EXPECT_NE(StructuralHash(SampleFunc(3)), StructuralHash(SampleFunc(4)));
  EXPECT_NE(StructuralHash(Int(1)), StructuralHash(IntImm(DataType::Int(64), 1)));
  EXPECT_NE(StructuralHash(Seq({Int(1)})), StructuralHash(Seq({Int(1), Int(1)})));
  EXPECT_NE(StructuralHash(Seq({})), StructuralHash(Seq({ObjectRef()})));
  TestVar x = Var("x"), y = Var("y");
  EXPECT_NE(StructuralHash(Add(x, y)), StructuralHash(Add(x, x)));
  EXPECT_NE(StructuralHash(Add(x, y), true), StructuralHash(Add(x, x), true));
  EXPECT_EQ(StructuralHash(Add(x, y), true), StructuralHash(Add(y, x), true));
}

}  // namespace
}  // namespace ir
}  // namespace tessel
