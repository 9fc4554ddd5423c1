// Machine code from LLVM IR text: assembly, object files, and shared libraries linked
// with the system compiler driver.
#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/GlobalVariable.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/raw_ostream.h>

#include "../../target/llvm_target.h"
#include "compile.h"
#include "tessel/support/error.h"

namespace tessel {
namespace codegen {

namespace {

void AddData(llvm::Module* module, const ExtraData& data) {
  llvm::LLVMContext& context = module->getContext();
  for (const auto& [symbol, bytes] : data) {
    for (const std::string& name : {symbol, symbol + "_size"}) {
      if (name.empty() || module->getNamedValue(name) != nullptr) {
        throw InvalidArgumentError(StrCat("export_library: cannot add data as symbol '", name,
                                          "' (empty or already defined)"));
      }
    }
    llvm::Constant* array = llvm::ConstantDataArray::getString(context, bytes, /*AddNull=*/false);
    auto* blob = new llvm::GlobalVariable(*module, array->getType(), true,
                                          llvm::GlobalValue::ExternalLinkage, array, symbol);
    blob->setAlignment(llvm::Align(16));
    llvm::Type* i64 = llvm::Type::getInt64Ty(context);
    new llvm::GlobalVariable(*module, i64, true, llvm::GlobalValue::ExternalLinkage,
                             llvm::ConstantInt::get(i64, bytes.size()), symbol + "_size");
  }
}

}  // namespace

std::string EmitMachineCode(const std::string& ir_text, const target::Target& target, bool object,
                            const ExtraData& data) {
  llvm::LLVMContext context;
  llvm::SMDiagnostic diagnostic;
  std::unique_ptr<llvm::Module> module = llvm::parseAssemblyString(ir_text, diagnostic, context);
  if (module == nullptr) {
    throw InternalError(StrCat("codegen: cannot re-read its own LLVM IR: ",
                               diagnostic.getMessage().str()));
  }
  AddData(module.get(), data);
  std::unique_ptr<llvm::TargetMachine> machine = target::CreateTargetMachine(target);
  llvm::SmallString<0> code;
  llvm::raw_svector_ostream os(code);
  llvm::legacy::PassManager passes;
  auto file_type = object ? llvm::CodeGenFileType::ObjectFile : llvm::CodeGenFileType::AssemblyFile;
  if (machine->addPassesToEmitFile(passes, os, nullptr, file_type)) {
    throw InvalidArgumentError(StrCat("Target '", target.str(), "' cannot emit ",
                                      object ? "object files" : "assembly"));
  }
  passes.run(*module);
  return std::string(code.str());
}

void ExportSharedLibrary(const std::string& ir_text, const target::Target& target,
                         const std::string& path, const ExtraData& data) {
  std::string object = EmitMachineCode(ir_text, target, true, data);
  llvm::SmallString<128> dir;
  if (llvm::sys::fs::createUniqueDirectory("tessel-export", dir)) {
    throw InvalidArgumentError("export_library: cannot create a temporary directory");
  }
  std::string object_path = (dir + "/module.o").str();
  std::string log_path = (dir + "/link.log").str();
  auto cleanup = [&] {
    llvm::sys::fs::remove(object_path);
    llvm::sys::fs::remove(log_path);
    llvm::sys::fs::remove(dir);
  };
  {
    std::error_code error;
    llvm::raw_fd_ostream out(object_path, error);
    if (error) {
      cleanup();
      throw InvalidArgumentError(StrCat("export_library: cannot write ", object_path, ": ",
                                        error.message()));
    }
    out << object;
  }
  llvm::ErrorOr<std::string> driver = llvm::sys::findProgramByName("c++");
  if (!driver) {
    cleanup();
    throw InvalidArgumentError("export_library: no system compiler driver 'c++' on PATH");
  }
  std::vector<llvm::StringRef> argv = {*driver, "-shared", "-o", path, object_path};
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, llvm::StringRef(log_path),
                                                llvm::StringRef(log_path)};
  std::string exec_error;
  int status = llvm::sys::ExecuteAndWait(*driver, argv, std::nullopt, redirects, 0, 0, &exec_error);
  if (status != 0) {
    std::string log;
    if (auto buffer = llvm::MemoryBuffer::getFile(log_path)) log = (*buffer)->getBuffer().str();
    cleanup();
    throw InvalidArgumentError(StrCat("export_library: linking ", path, " with '", *driver,
                                      " -shared' failed (status ", status, "): ", log, exec_error));
  }
  cleanup();
}

}  // namespace codegen
}  // namespace tessel
