// Module and the shared-library module: loading a generated .so safely and exposing its
// kernels as checked PackedFuncs.
#include "tessel/runtime/module.h"

#include <dlfcn.h>
#include <elf.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <system_error>

#include "tessel/runtime/kernel.h"
#include "tessel/runtime/vm/executable.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {

void ModuleNode::ExportLibrary(const std::string& path) const {
  throw InvalidArgumentError(StrCat("a '", type_key(), "' module cannot be exported (to ", path, ")"));
}

std::string ModuleNode::GetSource(const std::string& format) const {
  throw InvalidArgumentError(StrCat("a '", type_key(), "' module has no source in format '",
                                    format, "'"));
}

std::optional<PackedFunc> Module::GetFunction(const std::string& name) const {
  if (!node_) throw InvalidArgumentError("GetFunction on an undefined Module");
  return node_->GetFunction(name);
}

PackedFunc Module::operator[](const std::string& name) const {
  if (std::optional<PackedFunc> func = GetFunction(name)) return *func;
  std::string names;
  for (const std::string& n : node_->FunctionNames()) names += (names.empty() ? "" : ", ") + n;
  throw InvalidArgumentError(StrCat("the '", node_->type_key(), "' module has no function '", name,
                                    "' (it has: ", names.empty() ? "none" : names, ")"));
}

namespace {

[[noreturn]] void LoadError(const std::string& path, const std::string& problem) {
  throw InvalidArgumentError(StrCat("cannot load module '", path, "': ", problem));
}

/*!
 * Rejects files dlopen could crash on: a truncated shared object makes the loader map
 * pages past the end of the file, which faults (SIGBUS) when touched. So check that the
 * ELF header is for this machine and every segment lies inside the file before dlopen.
 */
void CheckElf(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) LoadError(path, "no such file");
  if (!std::filesystem::is_regular_file(path, ec)) LoadError(path, "not a regular file");
  uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) LoadError(path, "cannot read the file size: " + ec.message());
  std::ifstream file(path, std::ios::binary);
  if (!file) LoadError(path, "cannot open the file");
  Elf64_Ehdr header{};
  if (size < sizeof(header) || !file.read(reinterpret_cast<char*>(&header), sizeof(header))) {
    LoadError(path, StrCat("not a shared object (", size, " bytes, too short for an ELF header)"));
  }
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) {
    LoadError(path, "not a shared object (no ELF magic number)");
  }
  if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_type != ET_DYN) {
    LoadError(path, "not a 64-bit ELF shared object");
  }
  if (header.e_phentsize != sizeof(Elf64_Phdr) ||
      header.e_phoff + uint64_t{header.e_phnum} * sizeof(Elf64_Phdr) > size) {
    LoadError(path, StrCat("truncated or corrupt: the program headers end past the file's ", size,
                           " bytes"));
  }
  if (header.e_shoff + uint64_t{header.e_shnum} * header.e_shentsize > size) {
    LoadError(path, StrCat("truncated or corrupt: the section headers end past the file's ", size,
                           " bytes"));
  }
  file.seekg(static_cast<std::streamoff>(header.e_phoff));
  for (int i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment{};
    if (!file.read(reinterpret_cast<char*>(&segment), sizeof(segment))) {
      LoadError(path, "truncated or corrupt: cannot read the program headers");
    }
    if (segment.p_offset > size || segment.p_filesz > size - segment.p_offset) {
      LoadError(path, StrCat("truncated or corrupt: segment ", i, " ends at byte ",
                             segment.p_offset + segment.p_filesz, ", past the file's ", size,
                             " bytes"));
    }
  }
}

// A loaded shared library whose kernels are described by __tessel_metadata.
class LibraryModuleNode : public ModuleNode {
 public:
  LibraryModuleNode(std::string path, std::shared_ptr<void> handle, std::vector<KernelInfo> kernels)
      : path_(std::move(path)), handle_(std::move(handle)) {
    for (KernelInfo& info : kernels) {
      void* symbol = dlsym(handle_.get(), (TESSEL_KERNEL_SYMBOL_PREFIX + info.name).c_str());
      if (symbol == nullptr) {
        LoadError(path_, StrCat("the metadata lists function '", info.name,
                                "', but the library has no such symbol"));
      }
      names_.push_back(info.name);
      std::string name = info.name;
      functions_.emplace(name, WrapKernel(reinterpret_cast<TesselKernel>(symbol), std::move(info),
                                          handle_));
    }
  }

  std::string type_key() const override { return "library"; }

  std::optional<PackedFunc> GetFunction(const std::string& name) override {
    auto it = functions_.find(name);
    if (it == functions_.end()) return std::nullopt;
    return it->second;
  }

  std::vector<std::string> FunctionNames() const override { return names_; }

  void ExportLibrary(const std::string& path) const override {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && std::filesystem::equivalent(path, path_, ec)) return;
    std::filesystem::copy_file(path_, path, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) {
      throw InvalidArgumentError(StrCat("cannot export module '", path_, "' to '", path, "': ",
                                        ec.message()));
    }
  }

 private:
  std::string path_;
  std::shared_ptr<void> handle_;
  std::vector<std::string> names_;
  std::map<std::string, PackedFunc> functions_;
};

}  // namespace

Module Module::LoadFromFile(const std::string& path) {
  CheckElf(path);
  void* raw = nullptr;
  {
    // dlerror() is process-wide state: keep dlopen and its message together.
    static std::mutex dl_mutex;
    std::lock_guard<std::mutex> lock(dl_mutex);
    raw = dlopen(path.c_str(), RTLD_LOCAL | RTLD_NOW);
    if (raw == nullptr) {
      const char* message = dlerror();
      LoadError(path, message ? message : "dlopen failed");
    }
  }
  std::shared_ptr<void> handle(raw, [](void* h) { dlclose(h); });
  const char* metadata = static_cast<const char*>(dlsym(raw, "__tessel_metadata"));
  if (metadata == nullptr) LoadError(path, "no __tessel_metadata symbol (not a tessel module)");
  std::vector<KernelInfo> kernels;
  try {
    kernels = ParseKernelMetadata(metadata);
  } catch (const Error& e) {
    LoadError(path, StrCat("bad __tessel_metadata: ", e.what()));
  }
  InitBackendApi([raw](const char* symbol) { return dlsym(raw, symbol); });
  Module library(std::make_shared<LibraryModuleNode>(path, handle, std::move(kernels)));
  const char* blob = static_cast<const char*>(dlsym(raw, vm::kExecutableSymbol));
  if (blob == nullptr) return library;
  const auto* size = static_cast<const uint64_t*>(dlsym(raw, vm::kExecutableSizeSymbol));
  if (size == nullptr) {
    LoadError(path, StrCat("it has ", vm::kExecutableSymbol, " but no ", vm::kExecutableSizeSymbol));
  }
  std::shared_ptr<vm::Executable> exe;
  try {
    exe = vm::Executable::Deserialize(std::string(blob, *size));
  } catch (const Error& e) {
    LoadError(path, StrCat("bad embedded VM executable: ", e.message()));
  }
  exe->SetKernels(library, /*from_library=*/true);
  return Module(exe);
}

}  // namespace runtime
}  // namespace tessel
