# Warning flags for relcheck's own targets (never for the annotation header's
# users). LLVM headers are included as SYSTEM so they stay quiet.
function(relcheck_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
  if(RELCHECK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
