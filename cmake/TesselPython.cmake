# Builds tessel._core with the venv's pybind11 and writes it into python/tessel/,
# where the venv's .pth file makes `import tessel._core` work without installing.
find_package(Python 3.11 REQUIRED COMPONENTS Interpreter Development.Module)
execute_process(
  COMMAND "${Python_EXECUTABLE}" -m pybind11 --cmakedir
  OUTPUT_VARIABLE _pybind11_dir OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _pybind11_rc)
if(NOT _pybind11_rc EQUAL 0)
  message(FATAL_ERROR "pybind11 not found for ${Python_EXECUTABLE}; run scripts/install.sh "
                      "or pass -DPython_EXECUTABLE=<repo>/.venv/bin/python")
endif()
find_package(pybind11 CONFIG REQUIRED HINTS "${_pybind11_dir}")

file(GLOB _binding_sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/src/bindings/*.cc")
if(_binding_sources)
  pybind11_add_module(_core ${_binding_sources})
  target_link_libraries(_core PRIVATE tessel)
  set_target_properties(_core PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/python/tessel"
    # Find libtessel.so / libtessel_runtime.so in the build tree, wherever it is.
    BUILD_RPATH "${CMAKE_CURRENT_BINARY_DIR}")
endif()
