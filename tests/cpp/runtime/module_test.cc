// Module::LoadFromFile on a tiny library compiled at test time from a C file that follows
// the kernel ABI, and on files that are not tessel modules.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "tessel/runtime/module.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace {

namespace fs = std::filesystem;

class RuntimeModuleLoad : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::temp_directory_path() / "tessel-module-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    Compile(fs::path(TESSEL_SOURCE_DIR) / "tests/cpp/runtime/data/add_one_kernel.c", "good.so");
    Compile(WriteFile("nometa.c", "int f(void) { return 0; }\n"), "nometa.so");
    Compile(WriteFile("badjson.c", "const char __tessel_metadata[] = \"{\\\"format\\\": [1,\";\n"),
            "badjson.so");
    Compile(WriteFile("ghost.c",
                      "const char __tessel_metadata[] = \"{\\\"format\\\": \\\"tessel.kernels\\\", "
                      "\\\"version\\\": 1, \\\"functions\\\": [{\\\"name\\\": \\\"ghost\\\", "
                      "\\\"params\\\": []}]}\";\n"),
            "ghost.so");
  }

  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static fs::path WriteFile(const std::string& name, const std::string& content) {
    fs::path path = fs::path(dir_) / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  static void Compile(const fs::path& source, const std::string& output) {
    std::string command = "cc -shared -fPIC -O2 -o '" + (fs::path(dir_) / output).string() +
                          "' '" + source.string() + "'";
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

std::string RuntimeModuleLoad::dir_;

TEST_F(RuntimeModuleLoad, LoadsAndRunsKernels) {
  Module m = Module::LoadFromFile(Path("good.so"));
  EXPECT_EQ(m->type_key(), "library");
  EXPECT_EQ(m->FunctionNames(), (std::vector<std::string>{"add_one", "scale", "fail"}));

  const int64_t n = 1001;
  Tensor a = Tensor::Empty({n}, DLDataType{kDLFloat, 32, 1});
  Tensor b = Tensor::Empty({n}, DLDataType{kDLFloat, 32, 1});
  for (int64_t i = 0; i < n; ++i) static_cast<float*>(a.data())[i] = static_cast<float>(i);
  m["add_one"]({a, b});
  for (int64_t i = 0; i < n; ++i) ASSERT_EQ(static_cast<float*>(b.data())[i], i + 1.0f) << i;

  Tensor x = Tensor::Empty({3, 2}, DLDataType{kDLFloat, 64, 1});
  for (int i = 0; i < 6; ++i) static_cast<double*>(x.data())[i] = i;
  m["scale"]({x, 0.5, 3});
  EXPECT_EQ(static_cast<double*>(x.data())[5], 2.5);

  try {
    m["fail"]({});
    FAIL() << "no error";
  } catch (const ExecutionError& e) {
    EXPECT_STREQ(e.what(), "fail: out of workspace");
  }
  try {
    m["add_one"]({a, Tensor::Empty({n + 1}, DLDataType{kDLFloat, 32, 1})});
    FAIL() << "no error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_STREQ(e.what(),
                 "add_one: argument B: dimension 0 is 1002, but n = 1001 from argument A dimension 0");
  }
  EXPECT_FALSE(m.GetFunction("missing").has_value());
}

TEST_F(RuntimeModuleLoad, FunctionsKeepTheLibraryLoaded) {
  PackedFunc add_one = Module::LoadFromFile(Path("good.so"))["add_one"];
  Tensor a = Tensor::Empty({4}, DLDataType{kDLFloat, 32, 1});
  for (int i = 0; i < 4; ++i) static_cast<float*>(a.data())[i] = 1.0f;
  add_one({a, a});
  EXPECT_EQ(static_cast<float*>(a.data())[3], 2.0f);
}

TEST_F(RuntimeModuleLoad, ExportLibraryCopiesTheFile) {
  Module m = Module::LoadFromFile(Path("good.so"));
  m->ExportLibrary(Path("copy.so"));
  Module copy = Module::LoadFromFile(Path("copy.so"));
  EXPECT_EQ(copy->FunctionNames().size(), 3u);
  EXPECT_THROW(m->ExportLibrary(Path("no/such/dir/x.so")), InvalidArgumentError);
  EXPECT_THROW(m->GetSource("ll"), InvalidArgumentError);
}

TEST_F(RuntimeModuleLoad, RejectsMissingFiles) {
  EXPECT_EQ(LoadError(Path("absent.so")), "cannot load module '" + Path("absent.so") + "': no such file");
  EXPECT_EQ(LoadError(dir_), "cannot load module '" + dir_ + "': not a regular file");
}

TEST_F(RuntimeModuleLoad, RejectsFilesThatAreNotSharedObjects) {
  WriteFile("empty.so", "");
  EXPECT_EQ(LoadError(Path("empty.so")),
            "cannot load module '" + Path("empty.so") +
                "': not a shared object (0 bytes, too short for an ELF header)");
  std::string noise(4096, '\0');
  std::mt19937 rng(7);
  for (char& c : noise) c = static_cast<char>(rng());
  WriteFile("random.so", noise);
  EXPECT_EQ(LoadError(Path("random.so")),
            "cannot load module '" + Path("random.so") + "': not a shared object (no ELF magic number)");
  EXPECT_NE(LoadError(Path("nometa.c")).find("not a shared object"), std::string::npos);
}

TEST_F(RuntimeModuleLoad, RejectsTruncatedLibraries) {
  std::ifstream in(Path("good.so"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (size_t keep : {size_t{40}, size_t{100}, bytes.size() / 2, bytes.size() - 1}) {
    WriteFile("truncated.so", bytes.substr(0, keep));
    std::string message = LoadError(Path("truncated.so"));
    EXPECT_EQ(message.rfind("cannot load module '" + Path("truncated.so") + "': ", 0), 0u) << message;
    EXPECT_TRUE(message.find("truncated") != std::string::npos ||
                message.find("not a shared object") != std::string::npos)
        << message;
  }
  // A corrupt header field.
  std::string corrupt = bytes;
  corrupt[0x20] = '\x7f';  // e_phoff far past the end
  WriteFile("corrupt.so", corrupt);
  EXPECT_NE(LoadError(Path("corrupt.so")).find("truncated or corrupt"), std::string::npos);
}

TEST_F(RuntimeModuleLoad, RejectsLibrariesWithoutGoodMetadata) {
  EXPECT_EQ(LoadError(Path("nometa.so")),
            "cannot load module '" + Path("nometa.so") +
                "': no __tessel_metadata symbol (not a tessel module)");
  std::string bad_json = LoadError(Path("badjson.so"));
  EXPECT_NE(bad_json.find("bad __tessel_metadata: <kernel metadata>:1:"), std::string::npos)
      << bad_json;
  EXPECT_NE(bad_json.find("invalid JSON"), std::string::npos) << bad_json;
  EXPECT_EQ(LoadError(Path("ghost.so")),
            "cannot load module '" + Path("ghost.so") +
                "': the metadata lists function 'ghost', but the library has no such symbol");
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
