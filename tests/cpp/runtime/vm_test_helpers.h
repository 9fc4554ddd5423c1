// Shared pieces of the VM tests: a kernel module of plain C++ functions and tensor helpers.
#ifndef TESSEL_TESTS_CPP_RUNTIME_VM_TEST_HELPERS_H_
#define TESSEL_TESTS_CPP_RUNTIME_VM_TEST_HELPERS_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tessel/runtime/module.h"
#include "tessel/runtime/vm/exec_builder.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {
namespace vm_test {

inline DLDataType F32() { return DLDataType{kDLFloat, 32, 1}; }

inline Tensor MakeTensor(const std::vector<int64_t>& shape, const std::vector<float>& values) {
  Tensor t = Tensor::Empty(shape, F32());
  for (size_t i = 0; i < values.size(); ++i) static_cast<float*>(t.data())[i] = values[i];
  return t;
}

inline std::vector<float> Values(const Tensor& t) {
  const float* p = static_cast<const float*>(t.data());
  return std::vector<float>(p, p + t.numel());
}

// Like a wrapped kernel, refuses float32 tensors of other shapes than the first one.
inline void CheckSameShapes(const std::vector<Any>& args, size_t n) {
  if (args.size() != n) throw InvalidArgumentError("test kernel: wrong argument count");
  for (const Any& arg : args) {
    if (arg.AsTensor().shape() != args[0].AsTensor().shape() || !DataTypeEqual(arg.AsTensor().dtype(), F32())) {
      throw InvalidArgumentError("test kernel: shape or dtype mismatch");
    }
  }
}

// A module of destination-passing "kernels" written in C++: add(a, b, out), scale2(a, out).
class TestKernels : public ModuleNode {
 public:
  TestKernels() {
    funcs_["add"] = PackedFunc([](const std::vector<Any>& args) -> Any {
      CheckSameShapes(args, 3);
      const Tensor& a = args.at(0).AsTensor();
      const Tensor& b = args.at(1).AsTensor();
      const Tensor& out = args.at(2).AsTensor();
      for (int64_t i = 0; i < out.numel(); ++i) {
        static_cast<float*>(out.data())[i] =
            static_cast<const float*>(a.data())[i] + static_cast<const float*>(b.data())[i];
      }
      return Any();
    });
    funcs_["scale2"] = PackedFunc([](const std::vector<Any>& args) -> Any {
      CheckSameShapes(args, 2);
      const Tensor& a = args.at(0).AsTensor();
      const Tensor& out = args.at(1).AsTensor();
      for (int64_t i = 0; i < out.numel(); ++i) {
        static_cast<float*>(out.data())[i] = 2 * static_cast<const float*>(a.data())[i];
      }
      return Any();
    });
  }
  std::string type_key() const override { return "test"; }
  std::optional<PackedFunc> GetFunction(const std::string& name) override {
    auto it = funcs_.find(name);
    if (it == funcs_.end()) return std::nullopt;
    return it->second;
  }
  std::vector<std::string> FunctionNames() const override { return {"add", "scale2"}; }

 private:
  std::map<std::string, PackedFunc> funcs_;
};

/*
 * main(x: float32[n, 2], y: float32[n, 2]) = add(x, y) * 2, with entry checks:
 *   check_tensor_info x, y; heap; match_shape x (store n), y (n must agree, dim 1 == 2);
 *   shape = make_shape(heap, n, 2); t = empty(shape); add(x, y, t); o = empty(shape);
 *   scale2(t, o); ret o
 */
inline std::shared_ptr<vm::Executable> BuildAddScale() {
  using vm::Arg;
  vm::ExecBuilder b;
  b.DeclareFunction("main", {"x", "y"});
  b.BeginFunction("main");
  Arg f32 = b.ConvertConstant("float32");
  const char* names[] = {"main: argument x", "main: argument y"};
  for (int i = 0; i < 2; ++i) {
    b.EmitCall("vm.builtin.check_tensor_info",
               {Arg::Register(i), Arg::Immediate(2), f32, b.ConvertConstant(names[i])},
               vm::kVoidRegister);
  }
  b.EmitCall("vm.builtin.alloc_shape_heap", {Arg::Immediate(1)}, 2);
  b.EmitCall("vm.builtin.match_shape",
             {Arg::Register(0), Arg::Register(2), Arg::Immediate(2), Arg::Immediate(1), Arg::Immediate(0),
              Arg::Immediate(2), Arg::Immediate(2), b.ConvertConstant(names[0])},
             vm::kVoidRegister);
  b.EmitCall("vm.builtin.match_shape",
             {Arg::Register(1), Arg::Register(2), Arg::Immediate(2), Arg::Immediate(3), Arg::Immediate(0),
              Arg::Immediate(2), Arg::Immediate(2), b.ConvertConstant(names[1])},
             vm::kVoidRegister);
  b.EmitCall("vm.builtin.make_shape",
             {Arg::Register(2), Arg::Immediate(2), Arg::Immediate(1), Arg::Immediate(0), Arg::Immediate(0),
              Arg::Immediate(2)},
             3);
  b.EmitCall("vm.builtin.empty", {Arg::Register(3), f32, Arg::Immediate(0)}, 4);
  b.EmitCall("add", {Arg::Register(0), Arg::Register(1), Arg::Register(4)}, vm::kVoidRegister);
  b.EmitCall("vm.builtin.empty", {Arg::Register(3), f32, Arg::Immediate(0)}, 5);
  b.EmitCall("scale2", {Arg::Register(4), Arg::Register(5)}, vm::kVoidRegister);
  b.EmitRet(5);
  b.EndFunction();
  return b.Get();
}

}  // namespace vm_test
}  // namespace runtime
}  // namespace tessel

#endif  // TESSEL_TESTS_CPP_RUNTIME_VM_TEST_HELPERS_H_
