# Warning flags for relcheck's own targets (never for the annotation header's
# users). LLVM headers are included as SYSTEM so they stay quiet.
function(relcheck_set_warnings target)
  # -Wno-deprecated-declarations: clang 19 flags libstdc++ 12's own use of
  # std::get_temporary_buffer inside every std::stable_sort instantiation;
  # the warning is about the standard library, not about our code.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
    -Wno-unused-parameter -Wno-deprecated-declarations)
  if(RELCHECK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
