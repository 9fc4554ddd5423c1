// Any conversions and errors, PackedFunc calls, and the global registry.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tessel/runtime/module.h"
#include "tessel/runtime/packed_func.h"
#include "tessel/runtime/registry.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace {

TEST(RuntimeAny, HoldsEachKind) {
  EXPECT_TRUE(Any().is_none());
  EXPECT_EQ(Any(int64_t{5}).AsInt(), 5);
  EXPECT_EQ(Any(3).kind(), Any::Kind::kInt);
  EXPECT_EQ(Any(size_t{9}).AsInt(), 9);
  EXPECT_EQ(Any(uint8_t{200}).AsInt(), 200);
  EXPECT_EQ(Any(1.5f).AsFloat(), 1.5);
  EXPECT_EQ(Any(2.5).AsFloat(), 2.5);
  EXPECT_EQ(Any(4).AsFloat(), 4.0);  // ints widen to floats
  EXPECT_TRUE(Any(true).AsBool());
  EXPECT_EQ(Any(true).AsInt(), 1);
  EXPECT_EQ(Any("hi").AsString(), "hi");
  Tensor t = Tensor::Empty({1}, DLDataType{kDLFloat, 32, 1});
  EXPECT_TRUE(Any(t).AsTensor().same_as(t));
  Any list(std::vector<Any>{1, "two", 3.0});
  ASSERT_EQ(list.AsArray().size(), 3u);
  EXPECT_EQ(list.AsArray()[1].AsString(), "two");
  PackedFunc f([](const std::vector<Any>&) -> Any { return 1; });
  EXPECT_TRUE(Any(f).AsFunc().same_as(f));
}

TEST(RuntimeAny, AccessorsNameExpectedAndFound) {
  auto message = [](auto&& access) -> std::string {
    try {
      access();
    } catch (const InvalidArgumentError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(message([] { Any("x").AsInt(); }), "expected int, but found string 'x'");
  EXPECT_EQ(message([] { Any(1).AsString(); }), "expected string, but found int 1");
  EXPECT_EQ(message([] { Any(1.5).AsBool(); }), "expected bool, but found float 1.5");
  EXPECT_EQ(message([] { Any().AsTensor(); }), "expected Tensor, but found none");
  EXPECT_EQ(message([] { Any(2).AsModule(); }), "expected Module, but found int 2");
  EXPECT_EQ(message([] { Any(false).AsArray(); }), "expected list, but found bool false");
  EXPECT_EQ(message([] { Any("f").AsFunc(); }), "expected PackedFunc, but found string 'f'");
  Tensor t = Tensor::Empty({2, 3}, DLDataType{kDLFloat, 32, 1});
  EXPECT_EQ(message([&] { Any(t).AsFloat(); }), "expected float, but found Tensor float32[2, 3]");
}

TEST(RuntimePackedFunc, CallsAndReturns) {
  PackedFunc add([](const std::vector<Any>& args) -> Any {
    return args[0].AsInt() + args[1].AsInt();
  });
  EXPECT_EQ(add({2, 3}).AsInt(), 5);
  EXPECT_EQ(add.Call(4, 5).AsInt(), 9);
  EXPECT_FALSE(PackedFunc().defined());
  EXPECT_THROW(PackedFunc()({}), InvalidArgumentError);
}

TEST(RuntimeRegistry, RegisterGetListRemove) {
  Registry::Register("test.registry.twice", PackedFunc([](const std::vector<Any>& args) -> Any {
                       return args[0].AsInt() * 2;
                     }));
  std::optional<PackedFunc> f = Registry::Get("test.registry.twice");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ((*f)({21}).AsInt(), 42);
  std::vector<std::string> names = Registry::ListNames();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_NE(std::find(names.begin(), names.end(), "test.registry.twice"), names.end());
  EXPECT_FALSE(Registry::Get("test.registry.missing").has_value());

  PackedFunc other([](const std::vector<Any>&) -> Any { return 0; });
  try {
    Registry::Register("test.registry.twice", other);
    FAIL() << "duplicate accepted";
  } catch (const InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("'test.registry.twice' is already registered"),
              std::string::npos);
  }
  Registry::Register("test.registry.twice", other, /*override=*/true);
  EXPECT_EQ((*Registry::Get("test.registry.twice"))({}).AsInt(), 0);
  EXPECT_TRUE(Registry::Remove("test.registry.twice"));
  EXPECT_FALSE(Registry::Remove("test.registry.twice"));
  EXPECT_THROW(Registry::Register("test.registry.undefined", PackedFunc()), InvalidArgumentError);
}

TESSEL_REGISTER_GLOBAL("test.registry.static", [](const std::vector<Any>& args) -> Any {
  return "hello " + args[0].AsString();
});

TEST(RuntimeRegistry, StaticRegistration) {
  std::optional<PackedFunc> f = Registry::Get("test.registry.static");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ((*f)({"world"}).AsString(), "hello world");
}

TEST(RuntimeModule, DefaultsAndMissingFunctions) {
  class Empty : public ModuleNode {
   public:
    std::string type_key() const override { return "empty"; }
    std::optional<PackedFunc> GetFunction(const std::string&) override { return std::nullopt; }
    std::vector<std::string> FunctionNames() const override { return {}; }
  };
  Module m(std::make_shared<Empty>());
  EXPECT_EQ(Any(m).AsModule().node(), m.node());
  EXPECT_EQ(Any(m).ToString(), "Module 'empty'");
  EXPECT_THROW(m->ExportLibrary("/tmp/x.so"), InvalidArgumentError);
  EXPECT_THROW(m->GetSource("ll"), InvalidArgumentError);
  try {
    m["main"];
    FAIL() << "no error";
  } catch (const InvalidArgumentError& e) {
    EXPECT_STREQ(e.what(), "the 'empty' module has no function 'main' (it has: none)");
  }
}

}  // namespace
}  // namespace runtime
}  // namespace tessel
