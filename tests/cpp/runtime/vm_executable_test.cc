// Executable: building, validation, the text listing, and serialization, including
// deserializing every truncation and byte flip of a real executable without crashing.
#include <gtest/gtest.h>

#include <cstring>

#include "tessel/runtime/vm/exec_builder.h"
#include "tessel/runtime/vm/vm.h"
#include "tessel/support/error.h"
#include "vm_test_helpers.h"

// Under AddressSanitizer, let a huge allocation fail with null as it does in a normal build
// (a corrupt program may ask for terabytes; Tensor::Empty turns that into an error).
extern "C" const char* __asan_default_options() { return "allocator_may_return_null=1"; }

namespace tessel {
namespace runtime {
namespace {

using vm::Arg;
using vm::Executable;
using vm::ExecBuilder;

std::shared_ptr<Executable> WithConstants() {
  std::shared_ptr<Executable> exe = vm_test::BuildAddScale();
  exe->constants.push_back(Any(vm_test::MakeTensor({2, 2}, {1, 2, 3, 4})));
  exe->constants.push_back(Any(ShapeTuple({5, 6})));
  exe->constants.push_back(Any(std::vector<Any>{Any(1.5), Any(true), Any(), Any(std::vector<Any>{Any("s")})}));
  exe->constants.push_back(Any(Tensor::Empty({0, 3}, DLDataType{kDLInt, 8, 1})));
  return exe;
}

void ExpectSameConstant(const Any& a, const Any& b) {
  ASSERT_EQ(a.kind(), b.kind());
  switch (a.kind()) {
    case Any::Kind::kTensor:
      ASSERT_EQ(a.AsTensor().shape(), b.AsTensor().shape());
      ASSERT_TRUE(DataTypeEqual(a.AsTensor().dtype(), b.AsTensor().dtype()));
      EXPECT_EQ(std::memcmp(a.AsTensor().data(), b.AsTensor().data(), a.AsTensor().nbytes()), 0);
      break;
    case Any::Kind::kArray:
      ASSERT_EQ(a.AsArray().size(), b.AsArray().size());
      for (size_t i = 0; i < a.AsArray().size(); ++i) ExpectSameConstant(a.AsArray()[i], b.AsArray()[i]);
      break;
    default: EXPECT_EQ(a.ToString(), b.ToString());
  }
}

TEST(VMExecutable, SerializeRoundTrip) {
  std::shared_ptr<Executable> exe = WithConstants();
  std::string bytes = exe->Serialize();
  std::shared_ptr<Executable> back = Executable::Deserialize(bytes);
  ASSERT_EQ(back->func_table.size(), exe->func_table.size());
  for (size_t i = 0; i < exe->func_table.size(); ++i) {
    EXPECT_EQ(back->func_table[i].name, exe->func_table[i].name);
    EXPECT_EQ(back->func_table[i].kind, exe->func_table[i].kind);
    EXPECT_EQ(back->func_table[i].param_names, exe->func_table[i].param_names);
    EXPECT_EQ(back->func_table[i].register_file_size, exe->func_table[i].register_file_size);
  }
  EXPECT_EQ(back->instructions, exe->instructions);
  ASSERT_EQ(back->constants.size(), exe->constants.size());
  for (size_t i = 0; i < exe->constants.size(); ++i) ExpectSameConstant(back->constants[i], exe->constants[i]);
  EXPECT_EQ(back->Serialize(), bytes);
  EXPECT_EQ(back->AsText(), exe->AsText());
}

TEST(VMExecutable, TextAndStats) {
  std::shared_ptr<Executable> exe = vm_test::BuildAddScale();
  std::string text = exe->AsText();
  EXPECT_NE(text.find("@main(%0 x, %1 y):  # 6 registers"), std::string::npos) << text;
  EXPECT_NE(text.find("%2 = call vm.builtin.alloc_shape_heap(1)"), std::string::npos) << text;
  EXPECT_NE(text.find("call add(%0, %1, %4)"), std::string::npos) << text;
  EXPECT_NE(text.find("ret %5"), std::string::npos) << text;
  EXPECT_NE(text.find("c[0] = string 'float32'"), std::string::npos) << text;
  std::string stats = exe->Stats();
  EXPECT_NE(stats.find("VM functions: 1 (main)"), std::string::npos) << stats;
  EXPECT_NE(stats.find("instructions: 11"), std::string::npos) << stats;
  EXPECT_EQ(exe->GetSource("text"), text);
}

std::string ParseErrorOf(const std::string& bytes) {
  try {
    Executable::Deserialize(bytes);
  } catch (const ParseError& e) {
    return e.what();
  }
  return "no error";
}

TEST(VMExecutable, DeserializeRejectsBadHeaders) {
  std::string bytes = vm_test::BuildAddScale()->Serialize();
  EXPECT_NE(ParseErrorOf("").find("no \"TSLVMEXE\" magic"), std::string::npos);
  EXPECT_NE(ParseErrorOf("ELF garbage").find("magic"), std::string::npos);
  std::string version = bytes;
  version[8] = 7;
  EXPECT_NE(ParseErrorOf(version).find("format version 7 is not supported"), std::string::npos);
  EXPECT_NE(ParseErrorOf(bytes.substr(0, 20)).find("truncated"), std::string::npos);
  EXPECT_NE(ParseErrorOf(bytes.substr(0, bytes.size() - 1)).find("truncated?"), std::string::npos);
  std::string flipped = bytes;
  flipped[bytes.size() - 3] ^= 0x10;
  EXPECT_NE(ParseErrorOf(flipped).find("checksum mismatch"), std::string::npos);
}

TEST(VMExecutable, EveryTruncationAndFlipRaises) {
  std::string bytes = WithConstants()->Serialize();
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW(Executable::Deserialize(bytes.substr(0, n)), ParseError) << "prefix of " << n;
  }
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string flipped = bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
    EXPECT_THROW(Executable::Deserialize(flipped), ParseError) << "flip at " << i;
  }
}

// Writes the checksum a corrupted payload would need, so the structural checks are reached.
void FixChecksum(std::string* bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (size_t i = 32; i < bytes->size(); ++i) {
    hash ^= static_cast<uint8_t>((*bytes)[i]);
    hash *= 1099511628211ull;
  }
  std::memcpy(bytes->data() + 24, &hash, sizeof(hash));
}

TEST(VMExecutable, FlipsPastTheChecksumNeverCrash) {
  std::string bytes = vm_test::BuildAddScale()->Serialize();
  Module kernels(std::make_shared<vm_test::TestKernels>());
  int rejected = 0;
  int loaded = 0;
  for (size_t i = 32; i < bytes.size(); ++i) {
    for (uint8_t mask : {0x01, 0x80, 0xff}) {
      std::string flipped = bytes;
      flipped[i] = static_cast<char>(flipped[i] ^ mask);
      FixChecksum(&flipped);
      std::shared_ptr<Executable> exe;
      try {
        exe = Executable::Deserialize(flipped);
      } catch (const ParseError&) {
        ++rejected;
        continue;
      }
      ++loaded;
      // What still parses is a valid program: running it may fail, but only with an error.
      exe->SetKernels(kernels);
      try {
        vm::VirtualMachine machine{Module(exe)};
        for (const std::string& name : machine.FunctionNames()) {
          machine.GetFunction(name).Call(vm_test::MakeTensor({3, 2}, {1, 2, 3, 4, 5, 6}),
                                         vm_test::MakeTensor({3, 2}, {1, 2, 3, 4, 5, 6}));
        }
      } catch (const Error&) {
      }
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_GT(loaded, 0);  // flips inside names and values
}

std::string ValidateError(const Executable& exe) {
  try {
    exe.Validate();
  } catch (const InvalidArgumentError& e) {
    return e.what();
  }
  return "no error";
}

TEST(VMExecutable, ValidateFindsBrokenPrograms) {
  auto broken = [](auto edit) {
    std::shared_ptr<Executable> exe = vm_test::BuildAddScale();
    edit(exe.get());
    return ValidateError(*exe);
  };
  EXPECT_NE(broken([](Executable* e) { e->instructions[0].args[0].value = 99; }).find("register 99 is outside"),
            std::string::npos);
  EXPECT_NE(broken([](Executable* e) { e->instructions[0].func_idx = 42; }).find("callee 42"), std::string::npos);
  EXPECT_NE(broken([](Executable* e) { e->instructions[1].args[2] = Arg::ConstIdx(77); }).find("constant 77"),
            std::string::npos);
  EXPECT_NE(broken([](Executable* e) { e->instructions.back() = vm::Instruction::Goto(1); })
                .find("does not end with ret"),
            std::string::npos);
  EXPECT_NE(broken([](Executable* e) { e->instructions[3] = vm::Instruction::Goto(-2); })
                .find("does not go forward"),
            std::string::npos);
  EXPECT_NE(broken([](Executable* e) { e->func_table[0].end_instr = 500; }).find("not a non-empty range"),
            std::string::npos);
  EXPECT_NE(broken([](Executable* e) { e->constants.push_back(Any(PackedFunc([](const std::vector<Any>&) {
                                         return Any();
                                       }))); })
                .find("cannot be stored"),
            std::string::npos);
}

TEST(VMExecutable, BuilderErrors) {
  ExecBuilder b;
  EXPECT_THROW(b.BeginFunction("main"), InvalidArgumentError);
  EXPECT_THROW(b.EmitRet(0), InvalidArgumentError);
  b.DeclareFunction("main", {"x"});
  EXPECT_THROW(b.DeclareFunction("main", {}), InvalidArgumentError);
  b.DeclareFunction("helper", {});
  b.BeginFunction("main");
  b.EmitCall("helper", {Arg::Register(0)}, 1);  // helper takes no argument
  b.EmitRet(1);
  b.EndFunction();
  try {
    b.Get();
    FAIL() << "expected an error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("'helper' is declared but not emitted"), std::string::npos);
  }
}

TEST(VMExecutable, ConstantsAreShared) {
  ExecBuilder b;
  EXPECT_EQ(b.ConvertConstant("float32").value, b.ConvertConstant("float32").value);
  EXPECT_EQ(b.ConvertConstant(ShapeTuple({1, 2})).value, b.ConvertConstant(ShapeTuple({1, 2})).value);
  EXPECT_NE(b.ConvertConstant(ShapeTuple({1, 2})).value, b.ConvertConstant(ShapeTuple({2, 1})).value);
}

TEST(VMExecutable, ExportWithoutCompilerExplains) {
  std::shared_ptr<Executable> exe = vm_test::BuildAddScale();
  try {
    exe->ExportLibrary("/tmp/never-written.so");
    FAIL() << "expected an error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("no kernel module"), std::string::npos) << e.what();
  }
  exe->SetKernels(Module(std::make_shared<vm_test::TestKernels>()));
  try {
    exe->ExportLibrary("/tmp/never-written.so");
    FAIL() << "expected an error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("libtessel"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
