// VirtualMachine on hand-built executables: numerics, argument checks, control flow, tuples,
// storage views, function resolution, recursion limits and the profiler.
#include <gtest/gtest.h>

#include "tessel/runtime/registry.h"
#include "tessel/runtime/vm/exec_builder.h"
#include "tessel/runtime/vm/vm.h"
#include "tessel/support/error.h"
#include "vm_test_helpers.h"

namespace tessel {
namespace runtime {
namespace {

using vm::Arg;
using vm::ExecBuilder;
using vm::VirtualMachine;
using vm_test::MakeTensor;
using vm_test::Values;

Module WithKernels(std::shared_ptr<vm::Executable> exe) {
  exe->SetKernels(Module(std::make_shared<vm_test::TestKernels>()));
  return Module(exe);
}

template <typename E>
std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "no error";
}

TEST(VM, RunsKernelsAndBuiltins) {
  VirtualMachine machine(WithKernels(vm_test::BuildAddScale()));
  EXPECT_EQ(machine.FunctionNames(), std::vector<std::string>{"main"});
  Any out = machine.GetFunction("main").Call(MakeTensor({3, 2}, {1, 2, 3, 4, 5, 6}),
                                             MakeTensor({3, 2}, {10, 20, 30, 40, 50, 60}));
  EXPECT_EQ(out.AsTensor().shape(), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(Values(out.AsTensor()), (std::vector<float>{22, 44, 66, 88, 110, 132}));
}

TEST(VM, SerializedExecutableRunsTheSame) {
  std::string bytes = vm_test::BuildAddScale()->Serialize();
  VirtualMachine machine(WithKernels(vm::Executable::Deserialize(bytes)));
  Any out = machine.GetFunction("main").Call(MakeTensor({1, 2}, {1, 2}), MakeTensor({1, 2}, {3, 4}));
  EXPECT_EQ(Values(out.AsTensor()), (std::vector<float>{8, 12}));
}

TEST(VM, InputErrorsNameTheParameter) {
  VirtualMachine machine(WithKernels(vm_test::BuildAddScale()));
  PackedFunc main = machine.GetFunction("main");
  Tensor x = MakeTensor({3, 2}, {1, 2, 3, 4, 5, 6});
  EXPECT_NE(ErrorOf<InvalidArgumentError>([&] { main.Call(x); })
                .find("main: expected 2 arguments (x, y), but got 1"),
            std::string::npos);
  Tensor f64 = Tensor::Empty({3, 2}, DLDataType{kDLFloat, 64, 1});
  EXPECT_NE(ErrorOf<ExecutionError>([&] { main.Call(x, f64); })
                .find("main: argument y: expected dtype float32, but found float64"),
            std::string::npos);
  EXPECT_NE(ErrorOf<ExecutionError>([&] { main.Call(MakeTensor({6}, {}), x); })
                .find("main: argument x: expected rank 2, but found rank 1"),
            std::string::npos);
  EXPECT_NE(ErrorOf<ExecutionError>([&] { main.Call(MakeTensor({2, 3}, {}), x); })
                .find("main: argument x: dimension 1 is 3, but expected 2"),
            std::string::npos);
  // n is defined by x, so y's first dimension must agree with it.
  EXPECT_NE(ErrorOf<ExecutionError>([&] { main.Call(x, MakeTensor({4, 2}, {})); })
                .find("main: argument y: dimension 0 is 4, but expected 3"),
            std::string::npos);
  EXPECT_NE(ErrorOf<ExecutionError>([&] { main.Call(x, 5); })
                .find("main: argument y: expected a Tensor, but found int 5"),
            std::string::npos);
}

TEST(VM, LoadErrors) {
  ExecBuilder b;
  b.DeclareFunction("main", {});
  b.BeginFunction("main");
  b.EmitCall("test.vm.no_such_function", {}, 0);
  b.EmitCall("another_missing", {}, 0);
  b.EmitRet(0);
  b.EndFunction();
  std::string message = ErrorOf<InvalidArgumentError>([&] { VirtualMachine machine{Module(b.Get())}; });
  EXPECT_NE(message.find("'test.vm.no_such_function', 'another_missing'"), std::string::npos) << message;
  EXPECT_NE(ErrorOf<InvalidArgumentError>([] {
              VirtualMachine machine{Module(std::make_shared<vm_test::TestKernels>())};
            }).find("expected a 'relax.Executable' module, but found a 'test' module"),
            std::string::npos);
  EXPECT_NE(ErrorOf<InvalidArgumentError>([] {
              VirtualMachine machine(WithKernels(vm_test::BuildAddScale()), DLDevice{kDLCUDA, 0});
            }).find("only cpu"),
            std::string::npos);
  VirtualMachine machine(WithKernels(vm_test::BuildAddScale()));
  EXPECT_NE(ErrorOf<InvalidArgumentError>([&] { machine.GetFunction("nope"); }).find("(it has: main)"),
            std::string::npos);
}

// pick(c, a, b) = (a if c else b, c) with the If/Goto pattern of VMCodeGen, and
// main(c, a, b) = pick(c, a, b)[0], a VM-to-VM call.
std::shared_ptr<vm::Executable> BuildPick() {
  ExecBuilder b;
  b.DeclareFunction("main", {"c", "a", "b"});
  b.DeclareFunction("pick", {"c", "a", "b"});
  b.BeginFunction("main");
  b.EmitCall("pick", {Arg::Register(0), Arg::Register(1), Arg::Register(2)}, 3);
  b.EmitCall("vm.builtin.tuple_getitem", {Arg::Register(3), Arg::Immediate(0)}, 4);
  b.EmitRet(4);
  b.EndFunction();
  b.BeginFunction("pick");
  b.EmitCall("vm.builtin.read_if_cond", {Arg::Register(0)}, 3);
  vm::Index branch = b.EmitIf(3, 0);
  b.EmitCall("vm.builtin.copy", {Arg::Register(1)}, 4);
  vm::Index skip = b.EmitGoto(0);
  b.SetJumpOffset(branch, b.NextInstruction() - branch);
  b.EmitCall("vm.builtin.copy", {Arg::Register(2)}, 4);
  b.SetJumpOffset(skip, b.NextInstruction() - skip);
  b.EmitCall("vm.builtin.make_tuple", {Arg::Register(4), Arg::Register(0)}, 5);
  b.EmitRet(5);
  b.EndFunction();
  return b.Get();
}

TEST(VM, IfGotoTuplesAndCalls) {
  VirtualMachine machine{Module(BuildPick())};
  Tensor a = MakeTensor({1}, {1});
  Tensor b = MakeTensor({1}, {2});
  PackedFunc main = machine.GetFunction("main");
  EXPECT_TRUE(main.Call(true, a, b).AsTensor().same_as(a));
  EXPECT_TRUE(main.Call(false, a, b).AsTensor().same_as(b));
  EXPECT_TRUE(main.Call(MakeTensor({}, {0}), a, b).AsTensor().same_as(b));
  Tensor flag = Tensor::Empty({}, DLDataType{kDLBool, 8, 1});
  *static_cast<uint8_t*>(flag.data()) = 1;
  EXPECT_TRUE(main.Call(flag, a, b).AsTensor().same_as(a));
  Any pair = machine.GetFunction("pick").Call(int64_t{0}, a, b);
  ASSERT_EQ(pair.AsArray().size(), 2u);
  EXPECT_TRUE(pair.AsArray()[0].AsTensor().same_as(b));
  EXPECT_NE(ErrorOf<ExecutionError>([&] { main.Call("yes", a, b); }).find("condition of an if"),
            std::string::npos);
  EXPECT_NE(ErrorOf<ExecutionError>([&] { main.Call(MakeTensor({2}, {1, 1}), a, b); })
                .find("one-element"),
            std::string::npos);
}

TEST(VM, RegistryFunctionsAndConstants) {
  Registry::Register("test.vm.plus", PackedFunc([](const std::vector<Any>& args) {
                       return Any(args.at(0).AsInt() + args.at(1).AsInt());
                     }),
                     true);
  ExecBuilder b;
  b.DeclareFunction("main", {"x"});
  b.BeginFunction("main");
  b.EmitCall("test.vm.plus", {Arg::Register(0), Arg::Immediate(40)}, 1);
  b.EmitCall("vm.builtin.make_tuple", {Arg::Register(1), b.ConvertConstant(ShapeTuple({2, 3})),
                                       b.ConvertConstant(2.5), b.ConvertConstant("s")},
             2);
  b.EmitRet(2);
  b.EndFunction();
  VirtualMachine machine{Module(b.Get())};
  Any out = machine.GetFunction("main").Call(2);
  ASSERT_EQ(out.AsArray().size(), 4u);
  EXPECT_EQ(out.AsArray()[0].AsInt(), 42);
  EXPECT_EQ(out.AsArray()[1].AsShape(), ShapeTuple({2, 3}));
  EXPECT_EQ(out.AsArray()[2].AsFloat(), 2.5);
  EXPECT_EQ(out.AsArray()[3].AsString(), "s");
  Registry::Remove("test.vm.plus");
}

TEST(VM, StorageViews) {
  // Two 2x2 float32 tensors in one 32-byte storage, the second at offset 16.
  ExecBuilder b;
  b.DeclareFunction("main", {"x"});
  b.BeginFunction("main");
  Arg shape = b.ConvertConstant(ShapeTuple({2, 2}));
  Arg f32 = b.ConvertConstant("float32");
  b.EmitCall("vm.builtin.alloc_storage", {b.ConvertConstant(ShapeTuple({32})), Arg::Immediate(0), f32}, 1);
  b.EmitCall("vm.builtin.alloc_tensor", {Arg::Register(1), Arg::Immediate(0), shape, f32}, 2);
  b.EmitCall("vm.builtin.alloc_tensor", {Arg::Register(1), Arg::Immediate(16), shape, f32}, 3);
  b.EmitCall("scale2", {Arg::Register(0), Arg::Register(2)}, vm::kVoidRegister);
  b.EmitCall("add", {Arg::Register(2), Arg::Register(0), Arg::Register(3)}, vm::kVoidRegister);
  b.EmitCall("vm.builtin.make_tuple", {Arg::Register(2), Arg::Register(3), Arg::Register(1)}, 4);
  b.EmitRet(4);
  b.EndFunction();
  VirtualMachine machine(WithKernels(b.Get()));
  Any out = machine.GetFunction("main").Call(MakeTensor({2, 2}, {1, 2, 3, 4}));
  const std::vector<Any>& fields = out.AsArray();
  EXPECT_EQ(Values(fields[0].AsTensor()), (std::vector<float>{2, 4, 6, 8}));
  EXPECT_EQ(Values(fields[1].AsTensor()), (std::vector<float>{3, 6, 9, 12}));
  const Tensor& storage = fields[2].AsTensor();
  EXPECT_EQ(fields[0].AsTensor().data(), storage.data());
  EXPECT_EQ(static_cast<char*>(fields[1].AsTensor().data()), static_cast<char*>(storage.data()) + 16);
}

TEST(VM, UnboundedRecursionIsAnError) {
  ExecBuilder b;
  b.DeclareFunction("main", {"x"});
  b.BeginFunction("main");
  b.EmitCall("main", {Arg::Register(0)}, 1);
  b.EmitRet(1);
  b.EndFunction();
  VirtualMachine machine{Module(b.Get())};
  EXPECT_NE(ErrorOf<ExecutionError>([&] { machine.GetFunction("main").Call(1); }).find("nest deeper than"),
            std::string::npos);
}

TEST(VM, ProfilerTimesEveryCall) {
  Tensor x = MakeTensor({3, 2}, {1, 2, 3, 4, 5, 6});
  VirtualMachine plain(WithKernels(vm_test::BuildAddScale()));
  EXPECT_NE(ErrorOf<InvalidArgumentError>([&] { plain.Profile("main", {x, x}); }).find("profile=True"),
            std::string::npos);
  VirtualMachine machine(WithKernels(vm_test::BuildAddScale()), CPUDevice(), true);
  vm::ProfileReport report = machine.Profile("main", {x, x});
  std::map<std::string, vm::ProfileEntry> by_name;
  for (const vm::ProfileEntry& e : report.entries) by_name[e.name] = e;
  ASSERT_EQ(by_name.count("add"), 1u);
  EXPECT_EQ(by_name["add"].kind, "kernel");
  EXPECT_EQ(by_name["add"].calls, 1);
  EXPECT_EQ(by_name["vm.builtin.match_shape"].calls, 2);
  EXPECT_EQ(by_name["vm.builtin.match_shape"].kind, "builtin");
  double sum = 0;
  for (const vm::ProfileEntry& e : report.entries) sum += e.seconds;
  EXPECT_LE(sum, report.total_seconds);
  std::string table = report.AsTable();
  EXPECT_NE(table.find("scale2"), std::string::npos) << table;
  EXPECT_NE(table.find("Total"), std::string::npos) << table;
  EXPECT_THROW(machine.Profile("main", {x}), InvalidArgumentError);
  EXPECT_THROW(machine.Profile("nope", {x}), InvalidArgumentError);
}

TEST(VM, FunctionsOutliveTheMachine) {
  PackedFunc main;
  {
    VirtualMachine machine(WithKernels(vm_test::BuildAddScale()));
    main = machine.GetFunction("main");
  }
  Any out = main.Call(MakeTensor({1, 2}, {1, 1}), MakeTensor({1, 2}, {1, 1}));
  EXPECT_EQ(Values(out.AsTensor()), (std::vector<float>{4, 4}));
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
