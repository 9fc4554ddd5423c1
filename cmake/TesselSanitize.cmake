# TESSEL_SANITIZE=address,undefined instruments every target (compile and link);
# -fno-sanitize-recover makes any finding fail the test that triggered it.
if(TESSEL_SANITIZE)
  set(_san -fsanitize=${TESSEL_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options(${_san})
  add_link_options(${_san})
  message(STATUS "Sanitizers: ${TESSEL_SANITIZE}")
endif()
