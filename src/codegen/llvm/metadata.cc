// Kernel signatures and the `__tessel_metadata` JSON text (format "tessel.kernels", version 1).
#include "metadata.h"

#include <cstdio>
#include <unordered_map>

#include "tessel/support/error.h"

namespace tessel {
namespace codegen {

namespace {

std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

KernelSignature DescribeKernel(const std::string& symbol, const tir::PrimFunc& func) {
  KernelSignature signature;
  signature.symbol = symbol;
  auto param_buffers = func->attrs.Get("tir.param_buffers");
  const auto* originals = param_buffers.as<ir::MapNode>();

  // Names already given to variables, so a symbolic dimension is found by name.
  std::unordered_map<std::string, const tir::VarNode*> names;
  for (const tir::Var& param : func->params) names[param->name_hint] = param.get();
  std::vector<tir::Var> shape_vars;
  auto dimension = [&](const tir::PrimExpr& dim, const std::string& param) -> std::string {
    if (const auto* imm = dim.as<ir::IntImmNode>()) return std::to_string(imm->value);
    const auto* var = dim.as<tir::VarNode>();
    if (var == nullptr) {
      throw InvalidArgumentError(StrCat("codegen: function ", symbol, ": parameter ", param,
                                        " has a dimension that is neither a constant nor a "
                                        "variable; bind it to a variable first"));
    }
    auto [it, inserted] = names.emplace(var->name_hint, var);
    if (it->second != var) {
      throw InvalidArgumentError(StrCat("codegen: function ", symbol, ": two different variables "
                                        "are named ", var->name_hint, "; symbolic dimensions "
                                        "need unique names"));
    }
    if (inserted) shape_vars.push_back(tir::GetRef<tir::Var>(var));
    return Quote(var->name_hint);
  };

  std::string params;
  for (const tir::Var& param : func->params) {
    const std::string& name = param->name_hint;
    params += params.empty() ? "" : ", ";
    KernelArgument argument{name, param, false, tir::Buffer()};
    if (func->buffer_map.count(param)) {
      argument.is_tensor = true;
      argument.buffer = func->buffer_map.at(param);
      tir::Buffer original = argument.buffer;
      if (originals != nullptr && originals->Find(ir::String(name)) >= 0) {
        original = tir::Buffer(originals->entries[originals->Find(ir::String(name))].second.data());
      }
      std::string shape;
      for (const tir::PrimExpr& dim : original->shape) {
        shape += (shape.empty() ? "" : ", ") + dimension(dim, name);
      }
      params += StrCat("{\"name\": ", Quote(name), ", \"kind\": \"tensor\", \"dtype\": ",
                       Quote(original->dtype.ToString()), ", \"shape\": [", shape, "]}");
    } else {
      params += StrCat("{\"name\": ", Quote(name), ", \"kind\": \"scalar\", \"dtype\": ",
                       Quote(param.dtype().ToString()), "}");
    }
    signature.arguments.push_back(argument);
  }
  std::string shape_names;
  for (const tir::Var& var : shape_vars) {
    shape_names += (shape_names.empty() ? "" : ", ") + Quote(var->name_hint);
    signature.arguments.push_back(KernelArgument{var->name_hint, var, false, tir::Buffer()});
  }
  signature.json = StrCat("{\"name\": ", Quote(symbol), ", \"params\": [", params,
                          "], \"shape_vars\": [", shape_names, "]}");
  return signature;
}

std::string MetadataJson(const std::vector<KernelSignature>& kernels) {
  std::string functions;
  for (const KernelSignature& kernel : kernels) {
    functions += (functions.empty() ? "" : ", ") + kernel.json;
  }
  return StrCat("{\"format\": \"tessel.kernels\", \"version\": 1, \"functions\": [", functions, "]}");
}

}  // namespace codegen
}  // namespace tessel
