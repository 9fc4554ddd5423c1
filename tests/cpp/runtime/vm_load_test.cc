// The deployment path with nothing but the runtime: a shared library embedding a serialized
// executable next to its kernels (here compiled from C), loaded with Module::LoadFromFile and
// run by a VirtualMachine; and the errors of corrupt or truncated libraries.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tessel/runtime/module.h"
#include "tessel/runtime/vm/exec_builder.h"
#include "tessel/runtime/vm/vm.h"
#include "tessel/support/error.h"
#include "vm_test_helpers.h"

namespace tessel {
namespace runtime {
namespace {

namespace fs = std::filesystem;
using vm::Arg;

// main(x: float32[n]) -> float32[n]: add_one(x, out) from tests/cpp/runtime/data.
std::string AddOneExecutable() {
  vm::ExecBuilder b;
  b.DeclareFunction("main", {"x"});
  b.BeginFunction("main");
  Arg f32 = b.ConvertConstant("float32");
  Arg ctx = b.ConvertConstant("main: argument x");
  b.EmitCall("vm.builtin.check_tensor_info", {Arg::Register(0), Arg::Immediate(1), f32, ctx}, vm::kVoidRegister);
  b.EmitCall("vm.builtin.alloc_shape_heap", {Arg::Immediate(1)}, 1);
  b.EmitCall("vm.builtin.match_shape",
             {Arg::Register(0), Arg::Register(1), Arg::Immediate(1), Arg::Immediate(1), Arg::Immediate(0), ctx},
             vm::kVoidRegister);
  b.EmitCall("vm.builtin.make_shape", {Arg::Register(1), Arg::Immediate(1), Arg::Immediate(1), Arg::Immediate(0)}, 2);
  b.EmitCall("vm.builtin.empty", {Arg::Register(2), f32, Arg::Immediate(0)}, 3);
  b.EmitCall("add_one", {Arg::Register(0), Arg::Register(3)}, vm::kVoidRegister);
  b.EmitRet(3);
  b.EndFunction();
  return b.Get()->Serialize();
}

class VMLoad : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::temp_directory_path() / "tessel-vm-load-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    std::string bytes = AddOneExecutable();
    std::string corrupt = bytes;
    corrupt[bytes.size() / 2] ^= 0x40;
    Build("good", bytes, true);
    Build("corrupt", corrupt, true);
    Build("nosize", bytes, false);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  // A library of the kernels of add_one_kernel.c plus the executable bytes.
  static void Build(const std::string& name, const std::string& bytes, bool with_size) {
    fs::path source = fs::path(dir_) / (name + ".c");
    std::ofstream out(source);
    out << "#include \"" << TESSEL_SOURCE_DIR << "/tests/cpp/runtime/data/add_one_kernel.c\"\n"
        << "const unsigned char __tessel_vm_executable[] = {";
    for (char c : bytes) out << static_cast<int>(static_cast<uint8_t>(c)) << ",";
    out << "};\n";
    if (with_size) out << "const unsigned long long __tessel_vm_executable_size = " << bytes.size() << "ULL;\n";
    out.close();
    std::string command = "cc -shared -fPIC -O1 -o '" + Path(name + ".so") + "' '" + source.string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }

  static std::string Path(const std::string& name) { return (fs::path(dir_) / name).string(); }

  static std::string LoadError(const std::string& path) {
    try {
      Module::LoadFromFile(path);
    } catch (const InvalidArgumentError& e) {
      return e.what();
    }
    return "no error";
  }

  static std::string dir_;
};

std::string VMLoad::dir_;

TEST_F(VMLoad, LoadsAndRuns) {
  Module lib = Module::LoadFromFile(Path("good.so"));
  EXPECT_EQ(lib->type_key(), "relax.Executable");
  // The kernels stay callable through the executable module.
  EXPECT_EQ(lib->FunctionNames(), (std::vector<std::string>{"add_one", "scale", "fail"}));
  EXPECT_TRUE(lib.GetFunction("add_one").has_value());

  vm::VirtualMachine machine(lib, CPUDevice());
  Tensor x = vm_test::MakeTensor({5}, {0, 1, 2, 3, 4});
  Any y = machine.GetFunction("main").Call(x);
  EXPECT_EQ(vm_test::Values(y.AsTensor()), (std::vector<float>{1, 2, 3, 4, 5}));
  try {
    machine.GetFunction("main").Call(Tensor::Empty({2, 2}, vm_test::F32()));
    FAIL() << "expected an error";
  } catch (const ExecutionError& e) {
    EXPECT_NE(std::string(e.what()).find("main: argument x: expected rank 1, but found rank 2"), std::string::npos);
  }
}

TEST_F(VMLoad, ExportCopiesTheLibrary) {
  Module lib = Module::LoadFromFile(Path("good.so"));
  lib->ExportLibrary(Path("copy.so"));
  vm::VirtualMachine machine(Module::LoadFromFile(Path("copy.so")));
  Any y = machine.GetFunction("main").Call(vm_test::MakeTensor({2}, {5, 6}));
  EXPECT_EQ(vm_test::Values(y.AsTensor()), (std::vector<float>{6, 7}));
}

TEST_F(VMLoad, CorruptLibrariesRaise) {
  EXPECT_NE(LoadError(Path("corrupt.so")).find("bad embedded VM executable: corrupt VM executable: checksum"),
            std::string::npos);
  EXPECT_NE(LoadError(Path("nosize.so")).find("no __tessel_vm_executable_size"), std::string::npos);
  std::string good;
  {
    std::ifstream in(Path("good.so"), std::ios::binary);
    good.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (size_t size : {good.size() / 2, good.size() - 100, size_t{64}}) {
    std::ofstream(Path("truncated.so"), std::ios::binary) << good.substr(0, size);
    EXPECT_NE(LoadError(Path("truncated.so")).find("cannot load module"), std::string::npos) << size;
  }
}

TEST_F(VMLoad, AKernelLibraryIsNotAnExecutable) {
  Module kernels = Module::LoadFromFile(Path("good.so"));
  std::string message;
  try {
    vm::VirtualMachine machine{Module(std::dynamic_pointer_cast<vm::Executable>(kernels.node())->kernels())};
  } catch (const InvalidArgumentError& e) {
    message = e.what();
  }
  EXPECT_NE(message.find("found a 'library' module (was the library exported from a Relax executable?)"),
            std::string::npos)
      << message;
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
