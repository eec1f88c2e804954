# CPACK_PRE_BUILD_SCRIPTS of the Debian package (cmake/RelcheckInstall.cmake):
# Debian's zsh reads /usr/share/zsh/vendor-completions, not
# /usr/share/zsh/site-functions (which it has only under /usr/local), so the
# staged _relcheck moves there before the .deb is built.
file(GLOB_RECURSE staged "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/zsh/site-functions/_relcheck")
foreach(file ${staged})
  get_filename_component(share "${file}/../../.." ABSOLUTE)
  file(MAKE_DIRECTORY "${share}/zsh/vendor-completions")
  file(RENAME "${file}" "${share}/zsh/vendor-completions/_relcheck")
  file(GLOB left "${share}/zsh/site-functions/*")
  if(NOT left)
    file(REMOVE_RECURSE "${share}/zsh/site-functions")
  endif()
endforeach()
if(NOT staged)
  message(FATAL_ERROR "no share/zsh/site-functions/_relcheck under ${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
endif()
