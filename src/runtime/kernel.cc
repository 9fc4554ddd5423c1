// Kernel metadata parsing and the argument-checking wrapper around compiled kernels.
#include "tessel/runtime/kernel.h"

#include <limits>
#include <set>
#include <utility>

#include "backend_error.h"
#include "tessel/runtime/data_type.h"
#include "tessel/runtime/device.h"
#include "tessel/runtime/json.h"
#include "tessel/support/error.h"

namespace tessel {
namespace runtime {

namespace {

bool IsIntType(DLDataType dtype) {
  return dtype.lanes == 1 &&
         (dtype.code == kDLInt || dtype.code == kDLUInt || dtype.code == kDLBool);
}

bool IsFloatType(DLDataType dtype) {
  return dtype.lanes == 1 && (dtype.code == kDLFloat || dtype.code == kDLBfloat);
}

KernelParam ParseParam(const Json& json) {
  KernelParam param;
  param.name = json.At("name").AsString();
  if (param.name.empty()) throw InvalidArgumentError("empty parameter name");
  const std::string& kind = json.At("kind").AsString();
  if (kind != "tensor" && kind != "scalar") {
    throw InvalidArgumentError(StrCat("parameter '", param.name, "': kind is \"", kind,
                                      "\"; expected \"tensor\" or \"scalar\""));
  }
  param.is_tensor = kind == "tensor";
  param.dtype = DataTypeFromString(json.At("dtype").AsString());
  if (!param.is_tensor) {
    if (!IsIntType(param.dtype) && !IsFloatType(param.dtype)) {
      throw InvalidArgumentError(StrCat("scalar parameter '", param.name, "' has dtype ",
                                        DataTypeToString(param.dtype),
                                        "; expected a scalar int, uint, bool or float type"));
    }
    if (json.Find("shape") != nullptr) {
      throw InvalidArgumentError(StrCat("scalar parameter '", param.name, "' has a shape"));
    }
    return param;
  }
  for (const Json& dim : json.At("shape").AsArray()) {
    if (dim.kind() == Json::Kind::kString) {
      if (dim.AsString().empty()) {
        throw InvalidArgumentError(StrCat("parameter '", param.name, "': empty dimension name"));
      }
      param.shape.emplace_back(dim.AsString());
    } else if (dim.kind() == Json::Kind::kInt && dim.AsInt() >= 0) {
      param.shape.emplace_back(dim.AsInt());
    } else {
      throw InvalidArgumentError(StrCat("parameter '", param.name, "': dimension ", dim.Dump(),
                                        " is neither an integer >= 0 nor a name"));
    }
  }
  return param;
}

// Checks the names of a parsed function: unique, and every symbolic dimension defined.
void CheckNames(const KernelInfo& info) {
  std::set<std::string> names;
  std::set<std::string> int_scalars;
  for (const KernelParam& param : info.params) {
    if (!names.insert(param.name).second) {
      throw InvalidArgumentError(StrCat("duplicate parameter name '", param.name, "'"));
    }
    if (!param.is_tensor && IsIntType(param.dtype)) int_scalars.insert(param.name);
  }
  std::set<std::string> shape_vars;
  for (const std::string& var : info.shape_vars) {
    if (var.empty()) throw InvalidArgumentError("empty shape var name");
    if (!names.insert(var).second) {
      throw InvalidArgumentError(StrCat("shape var '", var, "' repeats another name"));
    }
    shape_vars.insert(var);
  }
  std::set<std::string> used;
  for (const KernelParam& param : info.params) {
    for (const auto& dim : param.shape) {
      if (const auto* var = std::get_if<std::string>(&dim)) {
        if (!shape_vars.count(*var) && !int_scalars.count(*var)) {
          throw InvalidArgumentError(StrCat("parameter '", param.name, "': dimension '", *var,
                                            "' is neither a shape var nor an int scalar parameter"));
        }
        used.insert(*var);
      }
    }
  }
  for (const std::string& var : info.shape_vars) {
    if (!used.count(var)) {
      throw InvalidArgumentError(StrCat("shape var '", var, "' is not a dimension of any tensor"));
    }
  }
}

KernelInfo ParseFunction(const Json& json) {
  KernelInfo info;
  info.name = json.At("name").AsString();
  if (info.name.empty()) throw InvalidArgumentError("empty function name");
  try {
    for (const Json& param : json.At("params").AsArray()) info.params.push_back(ParseParam(param));
    if (const Json* vars = json.Find("shape_vars")) {
      for (const Json& var : vars->AsArray()) info.shape_vars.push_back(var.AsString());
    }
    CheckNames(info);
  } catch (const InvalidArgumentError& e) {
    throw InvalidArgumentError(StrCat("function '", info.name, "': ", e.message()));
  }
  return info;
}

// Where a symbolic dimension got its value, for messages.
struct Origin {
  size_t param = 0;
  int dim = -1;  // -1: the scalar parameter itself
};

// The per-kernel state a wrapped kernel's calls share; built once by WrapKernel.
struct WrappedKernel {
  TesselKernel fn;
  KernelInfo info;
  std::shared_ptr<void> keep_alive;
  std::vector<std::string> sym_names;  // symbolic dimensions, shape vars first
  // For each param: the symbol index of each dimension (-1 when fixed); for a scalar that
  // is also a dimension, its symbol index in scalar_symbol.
  std::vector<std::vector<int>> dim_symbol;
  std::vector<int> scalar_symbol;

  int SymbolIndex(const std::string& name) const {
    for (size_t i = 0; i < sym_names.size(); ++i) {
      if (sym_names[i] == name) return static_cast<int>(i);
    }
    return -1;
  }

  WrappedKernel(TesselKernel fn, KernelInfo info, std::shared_ptr<void> keep_alive)
      : fn(fn), info(std::move(info)), keep_alive(std::move(keep_alive)) {
    sym_names = this->info.shape_vars;
    for (const KernelParam& param : this->info.params) {
      for (const auto& dim : param.shape) {
        if (const auto* var = std::get_if<std::string>(&dim)) {
          if (SymbolIndex(*var) < 0) sym_names.push_back(*var);
        }
      }
    }
    for (const KernelParam& param : this->info.params) {
      std::vector<int> dims;
      for (const auto& dim : param.shape) {
        const auto* var = std::get_if<std::string>(&dim);
        dims.push_back(var ? SymbolIndex(*var) : -1);
      }
      dim_symbol.push_back(std::move(dims));
      scalar_symbol.push_back(param.is_tensor ? -1 : SymbolIndex(param.name));
    }
  }

  std::string Describe(const Origin& origin) const {
    const std::string& name = info.params[origin.param].name;
    if (origin.dim < 0) return StrCat("argument ", name);
    return StrCat("argument ", name, " dimension ", origin.dim);
  }

  [[noreturn]] void Fail(const KernelParam& param, const std::string& message) const {
    throw InvalidArgumentError(StrCat(info.name, ": argument ", param.name, ": ", message));
  }

  void CheckTensor(size_t i, const Any& arg, std::vector<int64_t>* values,
                   std::vector<Origin>* origins, std::vector<bool>* bound) const {
    const KernelParam& param = info.params[i];
    if (arg.kind() != Any::Kind::kTensor) Fail(param, "expected a Tensor, but found " + arg.ToString());
    const DLTensor& t = arg.AsTensor().dltensor();
    if (t.device.device_type != kDLCPU) {
      Fail(param, "expected a tensor on cpu, but found one on " + DeviceToString(t.device));
    }
    if (!DataTypeEqual(t.dtype, param.dtype)) {
      Fail(param, StrCat("expected dtype ", DataTypeToString(param.dtype), ", but found ",
                         DataTypeToString(t.dtype)));
    }
    if (t.ndim != static_cast<int32_t>(param.shape.size())) {
      Fail(param, StrCat("expected rank ", param.shape.size(), ", but found rank ", t.ndim));
    }
    for (int32_t d = 0; d < t.ndim; ++d) {
      int64_t extent = t.shape[d];
      int sym = dim_symbol[i][d];
      if (sym < 0) {
        int64_t expected = std::get<int64_t>(param.shape[d]);
        if (extent != expected) {
          Fail(param, StrCat("dimension ", d, " is ", extent, ", but expected ", expected));
        }
      } else if ((*bound)[sym]) {
        if (extent != (*values)[sym]) {
          Fail(param, StrCat("dimension ", d, " is ", extent, ", but ", sym_names[sym], " = ",
                             (*values)[sym], " from ", Describe((*origins)[sym])));
        }
      } else {
        (*values)[sym] = extent;
        (*origins)[sym] = Origin{i, d};
        (*bound)[sym] = true;
      }
    }
    if (!arg.AsTensor().IsContiguous()) {
      std::string strides;
      for (int32_t d = 0; d < t.ndim; ++d) strides += StrCat(d ? ", " : "", t.strides[d]);
      Fail(param, "expected a compact row-major tensor, but found strides [" + strides + "]");
    }
  }

  TesselValue CheckScalar(size_t i, const Any& arg, std::vector<int64_t>* values,
                          std::vector<Origin>* origins, std::vector<bool>* bound) const {
    const KernelParam& param = info.params[i];
    TesselValue value;
    std::string dtype = DataTypeToString(param.dtype);
    if (IsFloatType(param.dtype)) {
      if (arg.kind() != Any::Kind::kFloat && arg.kind() != Any::Kind::kInt) {
        Fail(param, StrCat("expected a scalar of type ", dtype, ", but found ", arg.ToString()));
      }
      value.v_float64 = arg.AsFloat();
      return value;
    }
    if (arg.kind() != Any::Kind::kInt && arg.kind() != Any::Kind::kBool) {
      Fail(param, StrCat("expected a scalar of type ", dtype, ", but found ", arg.ToString()));
    }
    int64_t v = arg.AsInt();
    if (param.dtype.bits < 64) {
      int64_t lo = param.dtype.code == kDLInt ? -(int64_t{1} << (param.dtype.bits - 1)) : 0;
      int64_t hi = param.dtype.code == kDLInt ? (int64_t{1} << (param.dtype.bits - 1)) - 1
                                              : (int64_t{1} << param.dtype.bits) - 1;
      if (param.dtype.code == kDLBool) hi = 1;
      if (v < lo || v > hi) Fail(param, StrCat("value ", v, " does not fit in ", dtype));
    } else if (param.dtype.code == kDLUInt && v < 0) {
      Fail(param, StrCat("value ", v, " does not fit in ", dtype));
    }
    int sym = scalar_symbol[i];
    if (sym >= 0) {
      if ((*bound)[sym] && (*values)[sym] != v) {
        Fail(param, StrCat("value ", v, " differs from ", sym_names[sym], " = ", (*values)[sym],
                           " from ", Describe((*origins)[sym])));
      }
      (*values)[sym] = v;
      (*origins)[sym] = Origin{i, -1};
      (*bound)[sym] = true;
    }
    value.v_int64 = v;
    return value;
  }

  void Call(const std::vector<Any>& args) const {
    const size_t n = info.params.size();
    if (args.size() != n) {
      std::string names;
      for (size_t i = 0; i < n; ++i) names += StrCat(i ? ", " : "", info.params[i].name);
      throw InvalidArgumentError(StrCat(info.name, ": expected ", n, " argument",
                                        n == 1 ? "" : "s", " (", names, "), but got ",
                                        args.size()));
    }
    std::vector<int64_t> values(sym_names.size(), 0);
    std::vector<Origin> origins(sym_names.size());
    std::vector<bool> bound(sym_names.size(), false);
    std::vector<TesselValue> packed(n + info.shape_vars.size());
    for (size_t i = 0; i < n; ++i) {
      if (info.params[i].is_tensor) {
        CheckTensor(i, args[i], &values, &origins, &bound);
        packed[i].v_handle = args[i].AsTensor().data();
      } else {
        packed[i] = CheckScalar(i, args[i], &values, &origins, &bound);
      }
    }
    // Shape vars are the first symbols; each appears in some tensor, so each is bound.
    for (size_t k = 0; k < info.shape_vars.size(); ++k) packed[n + k].v_int64 = values[k];
    ClearBackendError();
    int32_t rc = fn(packed.data(), static_cast<int32_t>(packed.size()));
    if (rc != 0) {
      const std::string& message = GetBackendError();
      throw ExecutionError(StrCat(info.name, ": ",
                                  message.empty() ? StrCat("kernel failed with code ", rc) : message));
    }
  }
};

}  // namespace

std::vector<KernelInfo> ParseKernelMetadata(const std::string& json) {
  Json root = Json::Parse(json, "<kernel metadata>");
  std::vector<KernelInfo> functions;
  try {
    const Json* format = root.Find("format");
    if (format == nullptr || format->kind() != Json::Kind::kString ||
        format->AsString() != "tessel.kernels") {
      throw InvalidArgumentError(StrCat("\"format\" is ", format ? format->Dump() : "missing",
                                        "; expected \"tessel.kernels\""));
    }
    const Json* version = root.Find("version");
    if (version == nullptr || version->kind() != Json::Kind::kInt || version->AsInt() != 1) {
      throw InvalidArgumentError(StrCat("\"version\" is ", version ? version->Dump() : "missing",
                                        "; expected 1"));
    }
    std::set<std::string> names;
    for (const Json& function : root.At("functions").AsArray()) {
      functions.push_back(ParseFunction(function));
      if (!names.insert(functions.back().name).second) {
        throw InvalidArgumentError(StrCat("duplicate function '", functions.back().name, "'"));
      }
    }
  } catch (const InvalidArgumentError& e) {
    throw InvalidArgumentError("kernel metadata: " + e.message());
  }
  return functions;
}

PackedFunc WrapKernel(TesselKernel fn, KernelInfo info, std::shared_ptr<void> keep_alive) {
  if (fn == nullptr) throw InvalidArgumentError(StrCat("WrapKernel: '", info.name, "': null kernel"));
  auto state = std::make_shared<const WrappedKernel>(fn, std::move(info), std::move(keep_alive));
  return PackedFunc([state](const std::vector<Any>& args) -> Any {
    state->Call(args);
    return Any();
  });
}

void InitBackendApi(const std::function<void*(const char* symbol)>& lookup) {
  const std::pair<const char*, void*> entries[] = {
      {"__tessel_backend_parallel_launch", reinterpret_cast<void*>(&TesselBackendParallelLaunch)},
      {"__tessel_backend_alloc_workspace", reinterpret_cast<void*>(&TesselBackendAllocWorkspace)},
      {"__tessel_backend_free_workspace", reinterpret_cast<void*>(&TesselBackendFreeWorkspace)},
      {"__tessel_backend_set_error", reinterpret_cast<void*>(&TesselBackendSetError)},
  };
  for (const auto& [symbol, function] : entries) {
    if (void* slot = lookup(symbol)) *static_cast<void**>(slot) = function;
  }
}

}  // namespace runtime
}  // namespace tessel
