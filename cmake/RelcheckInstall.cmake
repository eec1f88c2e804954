# What `cmake --install` and `cpack` add besides the targets' own install
# rules (docs/install.md): the man page and the shell completions generated
# from --help, the documentation, the CMake package (find_package(relcheck
# CONFIG): relcheck::orm, relcheck::relcheck, relcheck_add_check()) and the
# Debian package.

# relcheck(1) and the bash and zsh completions, from the built binary's own
# --help: regenerated whenever relcheck is relinked, so they cannot drift.
set(RELCHECK_MAN_PAGE ${PROJECT_BINARY_DIR}/share/man/man1/relcheck.1)
set(RELCHECK_BASH_COMPLETION
  ${PROJECT_BINARY_DIR}/share/bash-completion/completions/relcheck)
set(RELCHECK_ZSH_COMPLETION ${PROJECT_BINARY_DIR}/share/zsh/site-functions/_relcheck)
add_custom_command(
  OUTPUT ${RELCHECK_MAN_PAGE} ${RELCHECK_BASH_COMPLETION} ${RELCHECK_ZSH_COMPLETION}
  # Under the asan preset, a leak report at exit must not fail the build.
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
    ${CMAKE_COMMAND} -DRELCHECK=$<TARGET_FILE:relcheck>
    -DVERSION=${PROJECT_VERSION} -DMAN=${RELCHECK_MAN_PAGE}
    -DBASH=${RELCHECK_BASH_COMPLETION} -DZSH=${RELCHECK_ZSH_COMPLETION}
    -P ${PROJECT_SOURCE_DIR}/cmake/GenerateHelpFiles.cmake
  DEPENDS relcheck ${PROJECT_SOURCE_DIR}/cmake/GenerateHelpFiles.cmake
  COMMENT "Generating relcheck.1 and the shell completions from relcheck --help"
  VERBATIM)
add_custom_target(relcheck_help_files ALL DEPENDS
  ${RELCHECK_MAN_PAGE} ${RELCHECK_BASH_COMPLETION} ${RELCHECK_ZSH_COMPLETION})
install(FILES ${RELCHECK_MAN_PAGE} DESTINATION ${RELCHECK_INSTALL_MANDIR}/man1)
install(FILES ${RELCHECK_BASH_COMPLETION}
  DESTINATION share/bash-completion/completions)
install(FILES ${RELCHECK_ZSH_COMPLETION}
  DESTINATION ${RELCHECK_INSTALL_ZSH_COMPLETION_DIR})

# The documentation: docs/ as it is (the language server links
# share/doc/relcheck/rules/<rule>.md), with the README beside it.
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
  DESTINATION ${RELCHECK_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${RELCHECK_INSTALL_DOCDIR})

# The CMake package, relocatable (paths relative to the config file).
include(CMakePackageConfigHelpers)
install(EXPORT relcheckTargets NAMESPACE relcheck::
  DESTINATION ${RELCHECK_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/relcheckConfig.cmake.in
  ${PROJECT_BINARY_DIR}/relcheckConfig.cmake
  INSTALL_DESTINATION ${RELCHECK_INSTALL_CMAKEDIR})
# The header and the tool serve a project built for any architecture.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/relcheckConfigVersion.cmake
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/relcheckConfig.cmake
  ${PROJECT_BINARY_DIR}/relcheckConfigVersion.cmake
  DESTINATION ${RELCHECK_INSTALL_CMAKEDIR})

# The Debian package: `cpack -G DEB` in the build directory. Stripped; its
# Depends are what dpkg-shlibdeps derives from the binaries (libLLVM.so.19.1
# -> libllvm19, libc6, libstdc++6, libgcc-s1) plus the one package whose files
# relcheck reads at run time without linking it: Clang's resource headers
# (stddef.h, ...), baked in as RELCHECK_CLANG_RESOURCE_DIR. Debian's own
# clang-tidy-19 depends on the same package for them.
execute_process(COMMAND dpkg -S ${RELCHECK_CLANG_RESOURCE_DIR}/include/stddef.h
  OUTPUT_VARIABLE resource_owner ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX REPLACE ":.*$" "" resource_owner "${resource_owner}")
if(NOT resource_owner)
  set(resource_owner libclang-common-${LLVM_VERSION_MAJOR}-dev)
endif()
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME relcheck)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR relcheck)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Clang-based checker of C++ ORM model declarations against SQLAlchemy 1.4")
set(CPACK_PACKAGE_DESCRIPTION
  "relcheck parses every translation unit of a project with Clang ${LLVM_VERSION_MAJOR}, merges the\nmodels declared with <relcheck/orm.hpp> and reports what SQLAlchemy 1.4\nwould do with them. Includes the clang-tidy plugin, the header and the\nCMake package.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${RELCHECK_REPOSITORY_URL}")
set(RELCHECK_PACKAGE_MAINTAINER "relcheck developers <relcheck@users.noreply.github.com>"
  CACHE STRING "The Debian package's Maintainer field")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${RELCHECK_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${resource_owner}")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "clang-tidy-${LLVM_VERSION_MAJOR}")
set(CPACK_PRE_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/cmake/CPackDebian.cmake)
# Debian policy 12.5 and 12.7: /usr/share/doc/relcheck/copyright (DEP-5,
# cmake/debian/copyright) and, for a native package, changelog.gz. The date
# honours SOURCE_DATE_EPOCH.
string(TIMESTAMP RELCHECK_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${PROJECT_SOURCE_DIR}/cmake/debian/changelog.in
  ${PROJECT_BINARY_DIR}/debian/changelog @ONLY)
set(CPACK_RELCHECK_DEBIAN_COPYRIGHT ${PROJECT_SOURCE_DIR}/cmake/debian/copyright)
set(CPACK_RELCHECK_DEBIAN_CHANGELOG ${PROJECT_BINARY_DIR}/debian/changelog)
include(CPack)
