// Tests of the pass infrastructure: contexts, instruments, pipelines, the registry and
// the dialect-independent passes.
#include "tessel/ir/transform.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <type_traits>

namespace tessel {
namespace ir {
namespace transform {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A function of no dialect: its body is any list of nodes (GlobalVars stand for calls).
class TestFuncNode : public BaseFuncNode {
 public:
  Array<ObjectRef> body;

  void VisitFields(FieldVisitor* v) override {
    v->Visit("body", &body);
    BaseFuncNode::VisitFields(v);
  }
  TESSEL_DECLARE_NODE(TestFuncNode, "test.transform.Func");
};

BaseFunc Func(std::vector<ObjectRef> body = {}, Map<String, ObjectRef> attrs = {}) {
  auto node = make_object<TestFuncNode>();
  node->body = Array<ObjectRef>(body);
  node->attrs = DictAttrs(attrs);
  return BaseFunc(ObjectPtr<Object>(node));
}

// A module pass that appends `tag` to the module attribute "trace".
Pass Tagger(const std::string& tag, int opt_level = 0, std::vector<std::string> required = {}) {
  return CreateModulePass(
      [tag](IRModule mod, PassContext) {
        ObjectRef old = mod->attrs.Get("trace");
        std::string trace = old.defined() ? Downcast<String>(old).str() : "";
        IRModule out = mod.ShallowCopy();
        out.SetAttr("trace", String(trace + tag));
        return out;
      },
      opt_level, tag, std::move(required));
}

std::string Trace(const IRModule& mod) {
  ObjectRef trace = mod->attrs.Get("trace");
  return trace.defined() ? Downcast<String>(trace).str() : "";
}

std::vector<std::string> Names(const IRModule& mod) {
  std::vector<std::string> names;
  for (const GlobalVar& var : mod.GetGlobalVars()) names.push_back(var->name_hint);
  return names;
}

// An instrument that logs every hook call as text.
PassInstrument Logger(std::vector<std::string>* log, std::string skip = "") {
  return FunctionInstrument(
      "logger", [log] { log->push_back("enter"); }, [log] { log->push_back("exit"); },
      [log, skip](const IRModule&, const PassInfo& info) { return info->name != skip; },
      [log](const IRModule&, const PassInfo& info) { log->push_back("before " + info->name); },
      [log](const IRModule&, const PassInfo& info) { log->push_back("after " + info->name); });
}

template <typename F>
std::string ErrorOf(F f) {
  try {
    f();
  } catch (const InvalidArgumentError& e) {
    return e.what();
  }
  return "<no InvalidArgumentError>";
}

TEST(PassTest, InfoAndApplication) {
  Pass pass = Tagger("a", 1, {"x"});
  EXPECT_EQ(pass->info->name, "a");
  EXPECT_EQ(pass->info->opt_level, 1);
  ASSERT_EQ(pass->info->required.size(), 1u);
  EXPECT_EQ(pass->info->required[0].str(), "x");

  IRModule mod = IRModule::Empty();
  IRModule out = Tagger("a")(mod);
  EXPECT_EQ(Trace(out), "a");
  EXPECT_EQ(Trace(mod), "") << "a pass must not edit its input";
}

TEST(PassTest, OptLevelDisabledAndRequired) {
  IRModule mod = IRModule::Empty();
  Pass high = Tagger("high", 3);
  EXPECT_TRUE(high(mod, PassContext::Create(2)).same_as(mod)) << "opt level 3 > 2: skipped";
  EXPECT_EQ(Trace(high(mod, PassContext::Create(3))), "high");
  EXPECT_EQ(Trace(high(mod, PassContext::Create(0, {}, {}, {"high"}))), "high")
      << "a required pass runs whatever its level";
  EXPECT_TRUE(Tagger("low")(mod, PassContext::Create(2, {}, {"low"})).same_as(mod));
  EXPECT_TRUE(high(mod, PassContext::Create(3, {}, {"high"}, {"high"})).same_as(mod))
      << "disabled wins over required";
}

TEST(PassContextTest, StackAndDefault) {
  PassContext fallback = PassContext::Current();
  EXPECT_EQ(fallback->opt_level, 2);
  PassContext outer = PassContext::Create(1);
  PassContext inner = PassContext::Create(3);
  {
    PassContext::Scope a(outer);
    EXPECT_TRUE(PassContext::Current().same_as(outer));
    {
      PassContext::Scope b(inner);
      EXPECT_TRUE(PassContext::Current().same_as(inner));
      EXPECT_EQ(Trace(Tagger("t", 3)(IRModule::Empty())), "t");
      EXPECT_THAT(ErrorOf([&] { outer.ExitWithScope(); }), HasSubstr("not the innermost"));
    }
    EXPECT_EQ(Trace(Tagger("t", 3)(IRModule::Empty())), "") << "outer context: level 1";
  }
  EXPECT_TRUE(PassContext::Current().same_as(fallback));
}

TEST(PassContextTest, Config) {
  PassContext::RegisterConfig("test.transform.unroll", "ir.IntImm");
  PassContext ctx = PassContext::Create(
      2, {{String("test.transform.unroll"), IntImm(DataType::Int(64), 4)}});
  EXPECT_EQ(ctx->GetConfig<IntImm>("test.transform.unroll")->value, 4);
  EXPECT_FALSE(ctx->GetConfig<IntImm>("test.transform.other").defined());
  EXPECT_EQ(PassContext::ListConfigs().at("test.transform.unroll"), "ir.IntImm");

  std::string unknown = ErrorOf(
      [] { PassContext::Create(2, {{String("test.transform.unrol"), String("x")}}); });
  EXPECT_THAT(unknown, HasSubstr("test.transform.unrol'"));
  EXPECT_THAT(unknown, HasSubstr("test.transform.unroll (ir.IntImm)"));
  std::string wrong_type = ErrorOf(
      [] { PassContext::Create(2, {{String("test.transform.unroll"), String("four")}}); });
  EXPECT_THAT(wrong_type, HasSubstr("test.transform.unroll"));
  EXPECT_THAT(wrong_type, HasSubstr("expects a ir.IntImm, found a ir.String"));
  EXPECT_THAT(ErrorOf([] { PassContext::RegisterConfig("test.transform.unroll", "ir.String"); }),
              HasSubstr("already registered"));
}

TEST(InstrumentTest, HooksInOrder) {
  std::vector<std::string> log;
  PassContext ctx = PassContext::Create(2, {}, {}, {}, {Logger(&log, "skipped")});
  {
    PassContext::Scope scope(ctx);
    Sequential({Tagger("a"), Tagger("skipped"), Tagger("b")}, 0, "seq")(IRModule::Empty());
  }
  EXPECT_THAT(log, ElementsAre("enter", "before seq", "before a", "after a", "before b", "after b",
                               "after seq", "exit"));
}

TEST(InstrumentTest, FailingEnterLeavesNoContext) {
  std::vector<std::string> log;
  PassInstrument failing = FunctionInstrument(
      "failing", [] { throw InvalidArgumentError("enter failed"); }, nullptr, nullptr, nullptr,
      nullptr);
  PassContext ctx = PassContext::Create(2, {}, {}, {}, {Logger(&log), failing});
  PassContext before = PassContext::Current();
  EXPECT_THAT(ErrorOf([&] { ctx.EnterWithScope(); }), HasSubstr("enter failed"));
  EXPECT_THAT(log, ElementsAre("enter", "exit"));
  EXPECT_TRUE(PassContext::Current().same_as(before));
}

TEST(SequentialTest, RunsInOrderAndSkips) {
  IRModule mod = IRModule::Empty();
  Sequential seq({Tagger("a"), Tagger("b", 3), Tagger("c")});
  EXPECT_EQ(seq->info->name, "sequential");
  EXPECT_EQ(Trace(seq(mod, PassContext::Create(2))), "ac");
  EXPECT_EQ(Trace(seq(mod, PassContext::Create(3))), "abc");
  EXPECT_EQ(Trace(Sequential({seq, Tagger("d")})(mod, PassContext::Create(3, {}, {"c"}))), "abd");
}

TEST(SequentialTest, ExceptionPropagatesUnchanged) {
  struct Boom : std::runtime_error {
    Boom() : std::runtime_error("boom") {}
  };
  Pass failing = CreateModulePass([](IRModule, PassContext) -> IRModule { throw Boom(); }, 0, "f");
  PassTimingInstrument timing = PassTimingInstrument::Create();
  PassContext ctx = PassContext::Create(2, {}, {}, {}, {timing});
  EXPECT_THROW(Sequential({Tagger("a"), failing})(IRModule::Empty(), ctx), Boom);
  // The timing instrument recovers from the runs the exception left open.
  IRModule out = Tagger("b")(IRModule::Empty(), ctx);
  EXPECT_EQ(Trace(out), "b");
  EXPECT_THAT(timing->Report(), HasSubstr("failed"));
}

TEST(RequiredPassTest, RequiredRunFirst) {
  RegisterPass("test.transform.Prep", [] { return Tagger("prep"); });
  IRModule mod = IRModule::Empty();
  EXPECT_EQ(Trace(Tagger("main", 0, {"test.transform.Prep"})(mod)), "prepmain");
  // A required pass obeys the context like any other.
  EXPECT_EQ(Trace(Tagger("main", 0, {"test.transform.Prep"})(mod, PassContext::Create(2, {}, {"prep"}))),
            "main");

  RegisterPass("test.transform.CycleA", [] { return Tagger("A", 0, {"test.transform.CycleB"}); });
  RegisterPass("test.transform.CycleB", [] { return Tagger("B", 0, {"test.transform.CycleA"}); });
  EXPECT_THAT(ErrorOf([&] { GetPass("test.transform.CycleA")(mod); }), HasSubstr("requires itself"));
  EXPECT_EQ(Trace(Tagger("again", 0, {"test.transform.Prep"})(mod)), "prepagain")
      << "a failed resolution leaves no state behind";
}

TEST(FunctionPassTest, OnlyChangedFunctionsAreReplaced) {
  IRModule mod = IRModule::Empty();
  BaseFunc f = Func();
  BaseFunc g = Func({}, {{String("mark"), String("x")}});
  mod.Add("f", f);
  mod.Add("g", g);
  Pass rename = CreateFunctionPass(
      [](BaseFunc func, IRModule, PassContext) -> BaseFunc {
        if (!func->attrs.Get("mark").defined()) return func;
        return Func({}, {{String("mark"), String("y")}});
      },
      0, "Remark");
  EXPECT_EQ(rename->info->name, "Remark");
  IRModule out = rename(mod);
  EXPECT_FALSE(out.same_as(mod));
  EXPECT_TRUE(out.Lookup("f").same_as(f));
  EXPECT_EQ(Downcast<String>(out.Lookup("g")->attrs.Get("mark")).str(), "y");
  EXPECT_TRUE(mod.Lookup("g").same_as(g)) << "the input module is unchanged";

  Pass identity = CreateFunctionPass([](BaseFunc func, IRModule, PassContext) { return func; }, 0,
                                     "Identity");
  EXPECT_TRUE(identity(mod).same_as(mod));
}

TEST(RegistryTest, LookupAndErrors) {
  std::vector<std::string> names = ListPasses();
  EXPECT_THAT(names, ::testing::IsSupersetOf({"AttachGlobalSymbol", "RemoveUnusedFunctions"}));
  EXPECT_EQ(GetPass("RemoveUnusedFunctions")->info->name, "RemoveUnusedFunctions");
  std::string error = ErrorOf([] { GetPass("RemoveUnusedFunction"); });
  EXPECT_THAT(error, HasSubstr("no pass named 'RemoveUnusedFunction'"));
  EXPECT_THAT(error, HasSubstr("did you mean: RemoveUnusedFunctions"));
  EXPECT_THAT(ErrorOf([] { RegisterPass("AttachGlobalSymbol", [] { return Tagger("x"); }); }),
              HasSubstr("already registered"));
}

TEST(TimingTest, NestedReport) {
  PassTimingInstrument timing = PassTimingInstrument::Create();
  {
    PassContext::Scope scope(PassContext::Create(2, {}, {}, {}, {timing}));
    Sequential({Tagger("first"), Tagger("second")}, 0, "outer")(IRModule::Empty());
  }
  const auto& records = timing->records();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].name, "outer");
  EXPECT_EQ(records[0].depth, 0);
  EXPECT_EQ(records[2].depth, 1);
  for (const auto& record : records) EXPECT_GE(record.ms, 0);
  std::string report = timing->Report();
  EXPECT_THAT(report, HasSubstr("outer"));
  EXPECT_THAT(report, HasSubstr("\n  first"));
  EXPECT_THAT(report, HasSubstr("\n  second"));
  EXPECT_THAT(report, HasSubstr("time (ms)"));
  EXPECT_THAT(report, HasSubstr("100.0%"));
}

TEST(DumpIRTest, OneFilePerPassInOrder) {
  namespace fs = std::filesystem;
  fs::path folder = fs::temp_directory_path() /
                    ("tessel_dump_" + std::to_string(reinterpret_cast<uintptr_t>(&folder)));
  fs::remove_all(folder);
  {
    PassContext::Scope scope(PassContext::Create(2, {}, {}, {}, {DumpIR((folder / "sub").string())}));
    Sequential({Tagger("a"), Tagger("b/c")}, 0, "pipe")(IRModule::Empty());
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(folder / "sub")) {
    files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  EXPECT_THAT(files, ElementsAre("000_a.py", "001_b_c.py", "002_pipe.py"));
  std::ifstream in(folder / "sub" / "002_pipe.py");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("class Module"));
  EXPECT_THAT(text.str(), HasSubstr("ab/c"));  // the trace attribute, printed with the module
  fs::remove_all(folder);
}

TEST(AttachGlobalSymbolTest, AddsMissingSymbolsOnly) {
  IRModule mod = IRModule::Empty();
  BaseFunc exported = Func({}, {{String("global_symbol"), String("exported_name")}});
  GlobalVar var = mod.Add("f", Func({GlobalVar("g")}));
  mod.Add("exported", exported);
  IRModule out = AttachGlobalSymbol()(mod);
  BaseFunc f = out.Lookup("f");
  ASSERT_NE(f.as<TestFuncNode>(), nullptr) << "the copy keeps the function's class";
  EXPECT_EQ(Downcast<String>(f->attrs.Get("global_symbol")).str(), "f");
  EXPECT_TRUE(f.as<TestFuncNode>()->body.same_as(mod.Lookup("f").as<TestFuncNode>()->body));
  EXPECT_TRUE(out.Lookup("exported").same_as(exported));
  EXPECT_FALSE(mod.Lookup("f")->attrs.Get("global_symbol").defined()) << "input unchanged";
  EXPECT_TRUE(AttachGlobalSymbol()(out).same_as(out)) << "nothing to do: same module";
}

TEST(RemoveUnusedFunctionsTest, KeepsReachableFromMain) {
  IRModule mod = IRModule::Empty();
  // main -> a -> b (nested in an array), b -> a (a cycle); c is unused; "elsewhere"
  // names no function of this module.
  mod.Add("main", Func({GlobalVar("a"), GlobalVar("elsewhere")}));
  mod.Add("a", Func({Array<ObjectRef>({GlobalVar("b")})}));
  mod.Add("b", Func({GlobalVar("a")}));
  mod.Add("c", Func());
  IRModule out = RemoveUnusedFunctions()(mod);
  EXPECT_THAT(Names(out), ElementsAre("main", "a", "b"));
  EXPECT_EQ(Names(mod).size(), 4u) << "input unchanged";
  EXPECT_TRUE(RemoveUnusedFunctions()(out).same_as(out)) << "nothing to remove: same module";
  EXPECT_THAT(Names(RemoveUnusedFunctions({"c", "missing"})(mod)), ElementsAre("c"));
}

TEST(RemoveUnusedFunctionsTest, GlobalSymbolsAreEntriesWithoutMain) {
  IRModule mod = IRModule::Empty();
  mod.Add("kernel", Func({GlobalVar("helper")}, {{String("global_symbol"), String("kernel")}}));
  mod.Add("helper", Func());
  mod.Add("dead", Func());
  EXPECT_THAT(Names(GetPass("RemoveUnusedFunctions")(mod)), ElementsAre("kernel", "helper"));
}

}  // namespace
}  // namespace transform
}  // namespace ir
}  // namespace tessel
