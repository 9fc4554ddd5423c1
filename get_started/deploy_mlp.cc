// Deploy a compiled model from C++, linking only libtessel_runtime (no compiler, no LLVM).
//
// Usage: deploy_mlp <dir>
//   <dir>/mlp.so        the library written by Executable.export_library()
//   <dir>/arg<i>.npy    argument i of "main": the input, then the model's parameters
//   <dir>/expected.npy  what "main" should return (computed with numpy)
// Prints the result and exits with 1 when it differs from the expected output.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tessel/runtime/data_type.h"
#include "tessel/runtime/module.h"
#include "tessel/runtime/tensor.h"
#include "tessel/runtime/vm/vm.h"

namespace rt = tessel::runtime;

// Reads a float32, C-order .npy file (format versions 1 to 3) into a new tensor.
rt::Tensor ReadNpy(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  char magic[8];
  if (!file.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0) {
    throw std::runtime_error(path.string() + ": not a .npy file");
  }
  uint32_t header_len = 0;
  file.read(reinterpret_cast<char*>(&header_len), magic[6] == 1 ? 2 : 4);  // little-endian
  std::string header(header_len, ' ');
  file.read(header.data(), header_len);
  std::smatch shape;
  if (header.find("'descr': '<f4'") == std::string::npos ||
      header.find("'fortran_order': False") == std::string::npos ||
      !std::regex_search(header, shape, std::regex(R"('shape': \(([0-9, ]*)\))"))) {
    throw std::runtime_error(path.string() + ": expected a float32 C-order array, header " + header);
  }
  std::vector<int64_t> dims;  // "(1, 784)" or "(10,)"
  std::istringstream text(shape[1].str());
  for (std::string dim; std::getline(text, dim, ',');) {
    if (dim.find_first_not_of(' ') != std::string::npos) dims.push_back(std::stoll(dim));
  }
  rt::Tensor tensor = rt::Tensor::Empty(dims, rt::DataTypeFromString("float32"));
  if (!file.read(static_cast<char*>(tensor.data()), tensor.nbytes())) {
    throw std::runtime_error(path.string() + ": truncated data");
  }
  return tensor;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " <dir with mlp.so, arg0.npy..., expected.npy>\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  try {
    // Load the library: kernels, VM bytecode and constants, all in one file.
    rt::Module library = rt::Module::LoadFromFile((dir / "mlp.so").string());
    rt::vm::VirtualMachine vm(library, rt::CPUDevice());
    rt::PackedFunc forward = vm.GetFunction("main");

    std::vector<rt::Any> args;
    for (int i = 0; std::filesystem::exists(dir / ("arg" + std::to_string(i) + ".npy")); ++i) {
      args.emplace_back(ReadNpy(dir / ("arg" + std::to_string(i) + ".npy")));
    }
    rt::Tensor out = forward(args).AsTensor();

    const float* y = static_cast<const float*>(out.data());
    std::cout << "main(" << args.size() << " arguments) -> " << rt::Any(out).ToString() << "\n  [";
    for (int64_t i = 0; i < out.numel(); ++i) std::cout << (i ? ", " : "") << y[i];
    std::cout << "]\n";

    rt::Tensor expected = ReadNpy(dir / "expected.npy");
    if (expected.shape() != out.shape()) {
      std::cerr << "FAILED: the result's shape differs from expected.npy's\n";
      return 1;
    }
    // Like numpy.allclose(out, expected, rtol=1e-4, atol=1e-4).
    const float* want = static_cast<const float*>(expected.data());
    double max_error = 0;
    int64_t mismatches = 0;
    for (int64_t i = 0; i < out.numel(); ++i) {
      double error = std::fabs(double(y[i]) - want[i]);
      max_error = std::max(max_error, error);
      mismatches += error > 1e-4 + 1e-4 * std::fabs(want[i]);
    }
    std::cout << "max abs error vs numpy: " << max_error << "\n";
    if (mismatches > 0) {
      std::cerr << "FAILED: " << mismatches << " elements differ from expected.npy\n";
      return 1;
    }
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
