// The runtime module of an LLVM build: JIT-compiled kernels, IR text, export to a library.
#include <memory>
#include <mutex>

#include "compile.h"
#include "jit.h"
#include "tessel/codegen/build.h"
#include "tessel/runtime/kernel.h"
#include "tessel/runtime/registry.h"
#include "tessel/support/error.h"

namespace tessel {
namespace codegen {

namespace {

class LLVMModuleNode : public runtime::ModuleNode {
 public:
  LLVMModuleNode(LLVMCompilation compilation, const target::Target& target)
      : target_(target),
        ir_text_(PrintIR(*compilation.module)),
        kernels_(runtime::ParseKernelMetadata(compilation.metadata)) {
    if (target.is_host()) {
      jit_ = std::make_shared<LLVMJit>(std::move(compilation), target);
      runtime::InitBackendApi([jit = jit_.get()](const char* symbol) { return jit->Lookup(symbol); });
    }
  }

  std::string type_key() const override { return "llvm"; }

  std::optional<runtime::PackedFunc> GetFunction(const std::string& name) override {
    for (const runtime::KernelInfo& kernel : kernels_) {
      if (kernel.name != name) continue;
      if (jit_ == nullptr) {
        throw InvalidArgumentError(StrCat("module built for '", target_.str(), "' cannot run on ",
                                          "this machine; export_library it instead"));
      }
      auto fn = reinterpret_cast<TesselKernel>(jit_->Lookup(TESSEL_KERNEL_SYMBOL_PREFIX + name));
      return runtime::WrapKernel(fn, kernel, jit_);
    }
    return std::nullopt;
  }

  std::vector<std::string> FunctionNames() const override {
    std::vector<std::string> names;
    for (const runtime::KernelInfo& kernel : kernels_) names.push_back(kernel.name);
    return names;
  }

  void ExportLibrary(const std::string& path) const override {
    ExportSharedLibrary(ir_text_, target_, path);
  }

  void ExportLibraryWithData(const std::string& path, const ExtraData& data) const {
    ExportSharedLibrary(ir_text_, target_, path, data);
  }

  std::string GetSource(const std::string& format) const override {
    if (format == "ll" || format == "llvm") return ir_text_;
    if (format == "asm" || format == "s") {
      std::lock_guard<std::mutex> lock(mutex_);
      if (assembly_.empty()) assembly_ = EmitMachineCode(ir_text_, target_, false);
      return assembly_;
    }
    throw InvalidArgumentError(StrCat("llvm module: unknown source format '", format,
                                      "' (known: ll, asm)"));
  }

 private:
  target::Target target_;
  std::string ir_text_;
  std::vector<runtime::KernelInfo> kernels_;
  std::shared_ptr<LLVMJit> jit_;
  mutable std::mutex mutex_;
  mutable std::string assembly_;
};

}  // namespace

runtime::Module Build(const ir::IRModule& lowered, const target::Target& target) {
  return runtime::Module(std::make_shared<LLVMModuleNode>(CompileToLLVM(lowered, target), target));
}

void ExportLibraryWithData(const runtime::Module& module, const std::string& path,
                           const std::vector<std::pair<std::string, std::string>>& data) {
  const auto* node = dynamic_cast<const LLVMModuleNode*>(module.operator->());
  if (node == nullptr) {
    throw InvalidArgumentError(StrCat("export_library(", path, "): expected a module from codegen.build, but found ",
                                      module.defined() ? "a '" + module->type_key() + "' module"
                                                       : std::string("an undefined module")));
  }
  node->ExportLibraryWithData(path, data);
}

// Lets runtime modules that embed data (the VM executable) export through the compiler.
TESSEL_REGISTER_GLOBAL("codegen.export_library_with_data", [](const std::vector<runtime::Any>& args) {
  if (args.size() != 4) {
    throw InvalidArgumentError("codegen.export_library_with_data: expected (module, path, symbol, bytes)");
  }
  ExportLibraryWithData(args[0].AsModule(), args[1].AsString(), {{args[2].AsString(), args[3].AsString()}});
  return runtime::Any();
});

}  // namespace codegen
}  // namespace tessel
