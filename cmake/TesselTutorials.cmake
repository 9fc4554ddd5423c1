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

foreach(_section get_started how_to topic_guides)
  file(GLOB _sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/${_section}/*.cc")
  foreach(_source IN LISTS _sources)
    get_filename_component(_stem "${_source}" NAME_WE)
    tessel_add_cpp_tutorial(${_section}.${_stem} "${_source}")
  endforeach()
endforeach()
