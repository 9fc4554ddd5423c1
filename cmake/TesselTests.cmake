# One GoogleTest binary per layer folder tests/cpp/<layer>/ that has .cc files;
# each test case becomes its own CTest test.
find_package(GTest REQUIRED)
include(GoogleTest)

file(GLOB _test_layers LIST_DIRECTORIES true "${CMAKE_CURRENT_SOURCE_DIR}/tests/cpp/*")
foreach(_dir IN LISTS _test_layers)
  if(NOT IS_DIRECTORY "${_dir}")
    continue()
  endif()
  get_filename_component(_layer "${_dir}" NAME)
  file(GLOB_RECURSE _sources CONFIGURE_DEPENDS "${_dir}/*.cc")
  if(NOT _sources)
    continue()
  endif()
  add_executable(tessel_tests_${_layer} ${_sources})
  # The runtime tests link the runtime alone: that proves it deploys without the compiler.
  if(_layer STREQUAL "runtime")
    set(_library tessel_runtime)
  else()
    set(_library tessel)
  endif()
  target_link_libraries(tessel_tests_${_layer} PRIVATE ${_library} GTest::gtest GTest::gmock GTest::gtest_main)
  if(_layer STREQUAL "codegen")
    # These tests build LLVM IR directly, so they see LLVM like libtessel's own sources.
    target_include_directories(tessel_tests_${_layer} SYSTEM PRIVATE ${LLVM_INCLUDE_DIRS})
    target_compile_definitions(tessel_tests_${_layer} PRIVATE ${LLVM_DEFINITIONS})
    target_link_libraries(tessel_tests_${_layer} PRIVATE LLVM)
  endif()
  # Lets tests find their data files (such as C sources to compile) in the source tree.
  target_compile_definitions(tessel_tests_${_layer} PRIVATE TESSEL_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}")
  # PRE_TEST: listing the cases at ctest time keeps the build from running binaries.
  gtest_discover_tests(tessel_tests_${_layer}
    TEST_PREFIX "${_layer}."
    PROPERTIES LABELS "cpp;${_layer}"
    DISCOVERY_MODE PRE_TEST)
endforeach()
