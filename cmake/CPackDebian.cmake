# CPACK_PRE_BUILD_SCRIPTS of the Debian package (cmake/RelcheckInstall.cmake),
# run on the staged tree before the .deb is built.
#
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

# Debian policy 12.3: manual pages are compressed with gzip -9n.
file(GLOB_RECURSE pages "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/man/man1/*.1")
foreach(page ${pages})
  execute_process(COMMAND gzip -9nf "${page}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip -9n ${page} failed")
  endif()
endforeach()

# Debian policy 12.5: the machine-readable copyright file; 12.7: a native
# package's changelog.gz (both set in cmake/RelcheckInstall.cmake).
file(GLOB docs LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/doc/relcheck")
if(NOT docs)
  message(FATAL_ERROR "no share/doc/relcheck under ${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
endif()
foreach(doc ${docs})
  file(COPY_FILE "${CPACK_RELCHECK_DEBIAN_COPYRIGHT}" "${doc}/copyright")
  file(COPY_FILE "${CPACK_RELCHECK_DEBIAN_CHANGELOG}" "${doc}/changelog")
  execute_process(COMMAND gzip -9nf "${doc}/changelog" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip -9n ${doc}/changelog failed")
  endif()
endforeach()
