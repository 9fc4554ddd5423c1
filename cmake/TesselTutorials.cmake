# C++ tutorials: every get_started/*.cc, how_to/*.cc, topic_guides/*.cc is a
# program that CTest builds and runs (label "tutorial"); pages include the same file.

# Builds <source> and runs it, in its own folder, as CTest test tutorial.<name>.
function(tessel_add_cpp_tutorial name source)
  string(REPLACE "." "_" _target "tutorial_${name}")
  add_executable(${_target} "${source}")
  target_link_libraries(${_target} PRIVATE tessel)
  get_filename_component(_dir "${source}" DIRECTORY)
  add_test(NAME tutorial.${name} COMMAND ${_target} WORKING_DIRECTORY "${_dir}")
  set_tests_properties(tutorial.${name} PROPERTIES LABELS tutorial)
endfunction()

# A deployment tutorial: <source> links only tessel_runtime, as a deployed program does, and
# runs as tutorial.<name> on a folder that the Python script <export_script> fills first
# (test tutorial.<name>.export, a CTest fixture: the model's .so and its inputs).
# Paths are relative to the source tree.
function(tessel_add_cpp_deploy_tutorial name source export_script)
  set(source "${CMAKE_CURRENT_SOURCE_DIR}/${source}")
  set_property(GLOBAL APPEND PROPERTY TESSEL_DEPLOY_TUTORIALS "${source}")
  string(REPLACE "." "_" _target "tutorial_${name}")
  add_executable(${_target} "${source}")
  target_link_libraries(${_target} PRIVATE tessel_runtime)
  if(NOT TESSEL_BUILD_PYTHON)
    return()  # nothing can export the model; the program is still compiled
  endif()
  set(_data "${CMAKE_CURRENT_BINARY_DIR}/tutorials/${name}")
  add_test(NAME tutorial.${name}.export
           COMMAND "${Python_EXECUTABLE}" "${CMAKE_CURRENT_SOURCE_DIR}/${export_script}" "${_data}")
  set_tests_properties(tutorial.${name}.export PROPERTIES
    FIXTURES_SETUP ${name}.model
    ENVIRONMENT "PYTHONPATH=${CMAKE_CURRENT_SOURCE_DIR}/python"
    LABELS tutorial)
  add_test(NAME tutorial.${name} COMMAND ${_target} "${_data}")
  set_tests_properties(tutorial.${name} PROPERTIES FIXTURES_REQUIRED ${name}.model LABELS tutorial)
endfunction()

# The deployment tutorials, each with the script that exports its model.
tessel_add_cpp_deploy_tutorial(get_started.deploy_mlp get_started/deploy_mlp.cc tests/docs/export_mlp.py)
get_property(_deploy_sources GLOBAL PROPERTY TESSEL_DEPLOY_TUTORIALS)

foreach(_section get_started how_to topic_guides)
  file(GLOB _sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/${_section}/*.cc")
  foreach(_source IN LISTS _sources)
    if(_source IN_LIST _deploy_sources)
      continue()
    endif()
    get_filename_component(_stem "${_source}" NAME_WE)
    tessel_add_cpp_tutorial(${_section}.${_stem} "${_source}")
  endforeach()
endforeach()
