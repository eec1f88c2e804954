# The programs the test suite runs. A missing one fails the configure: a
# test suite that quietly registers fewer tests on a machine without `patch`
# looks green while it checks less (issue 14). scripts/install-deps.sh
# installs every package named here (test/deps checks that it does).
#
# Developers may opt out with -DRELCHECK_ALLOW_MISSING_TEST_TOOLS=ON: the
# configure then only warns, and the tests that need the tool are still
# registered and fail, naming it. Never the default.
option(RELCHECK_ALLOW_MISSING_TEST_TOOLS
  "Configure even when a tool the tests run is missing (its tests then fail)" OFF)

# relcheck_require_program(<var> PACKAGE <debian-package> NAMES <name>...
#                          [HINTS <dir>...])
# Sets <var> (a cache entry, so -D<var>=<path> overrides the search) to the
# program's path. An override that names no executable file is as missing as
# a program that is not found.
function(relcheck_require_program var)
  cmake_parse_arguments(PARSE_ARGV 1 TOOL "" "PACKAGE" "NAMES;HINTS")
  find_program(${var} NAMES ${TOOL_NAMES} HINTS ${TOOL_HINTS}
    DOC "${TOOL_NAMES} (Debian package ${TOOL_PACKAGE}), run by the tests")
  if(${var} AND NOT IS_DIRECTORY "${${var}}" AND EXISTS "${${var}}")
    return()
  endif()
  list(GET TOOL_NAMES 0 name)
  relcheck_missing_test_tool("${name}" "${TOOL_PACKAGE}")
  # Opted out: the tests run the bare name and fail saying it is not found.
  set(${var} "${name}" CACHE FILEPATH "" FORCE)
endfunction()

# relcheck_missing_test_tool(<what> <debian-package>): the one message for
# anything the tests need and do not find.
function(relcheck_missing_test_tool what package)
  set(text "relcheck: the tests need ${what} (Debian package ${package}), "
           "which is not installed: run scripts/install-deps.sh")
  if(RELCHECK_ALLOW_MISSING_TEST_TOOLS)
    message(WARNING ${text} "; RELCHECK_ALLOW_MISSING_TEST_TOOLS is ON, so "
                    "the tests that need it are registered and will fail")
  else()
    message(FATAL_ERROR ${text} " (or configure with "
                        "-DRELCHECK_ALLOW_MISSING_TEST_TOOLS=ON to build anyway)")
  endif()
endfunction()
