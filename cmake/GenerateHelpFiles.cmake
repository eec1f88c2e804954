# cmake -DRELCHECK=<relcheck> -DVERSION=<x.y.z> -DMAN=<relcheck.1>
#       -DBASH=<relcheck> -DZSH=<_relcheck> -P GenerateHelpFiles.cmake
#
# Writes the man page relcheck(1) and the bash and zsh completions from the
# built relcheck's own --help (and `relcheck graph --help`), so they list
# exactly the options the binary has: one source, never copied by hand
# (test/install checks the installed files against the installed binary).
#
# --help's option lines are llvm::cl's "  <spec>   - <description>", where
# <spec> is "--name", "--name=<value>", "--name[=<value>]" or "-x <value>";
# a <value> of the form <a|b|c> lists the choices.

function(relcheck_help_of out)
  execute_process(COMMAND ${RELCHECK} ${ARGN} --help
    OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${RELCHECK} ${ARGN} --help failed (${rc})")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# relcheck_options(<help-text> <prefix>): <prefix>_NAMES (option names in
# --help's order) and, per name N, <prefix>_SPEC_N (the whole spec),
# <prefix>_VALUE_N ("" for a flag, else the value's description without
# <>), <prefix>_SEP_N ("=", "[=" or " ") and <prefix>_DESC_N.
function(relcheck_options text prefix)
  string(REPLACE ";" "\\;" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(names "")
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^  (-[-A-Za-z0-9]+)((=|\\[=| )<([^>]*)>\\]?)? +- (.*)$")
      continue()
    endif()
    set(name "${CMAKE_MATCH_1}")
    set(sep "${CMAKE_MATCH_3}")
    set(value "${CMAKE_MATCH_4}")
    set(desc "${CMAKE_MATCH_5}")
    string(REGEX REPLACE " +- .*$" "" spec "${line}")
    string(STRIP "${spec}" spec)
    list(APPEND names "${name}")
    set(${prefix}_SPEC_${name} "${spec}" PARENT_SCOPE)
    set(${prefix}_VALUE_${name} "${value}" PARENT_SCOPE)
    set(${prefix}_SEP_${name} "${sep}" PARENT_SCOPE)
    set(${prefix}_DESC_${name} "${desc}" PARENT_SCOPE)
  endforeach()
  set(${prefix}_NAMES "${names}" PARENT_SCOPE)
endfunction()

# roff: backslashes, hyphens (so options stay copy-pasteable), and a
# leading dot or quote.
function(relcheck_roff out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

relcheck_help_of(main_help)
relcheck_help_of(graph_help graph)
relcheck_options("${main_help}" MAIN)
relcheck_options("${graph_help}" GRAPH)
list(LENGTH MAIN_NAMES count)
if(count LESS 20)
  message(FATAL_ERROR "only ${count} options parsed from ${RELCHECK} --help")
endif()

# --- relcheck.1 ---------------------------------------------------------------
string(REGEX MATCH "OVERVIEW: [^\n]*" summary "${main_help}")
string(REGEX REPLACE "^OVERVIEW: " "" summary "${summary}")
string(REGEX MATCH "OVERVIEW: .*\nUSAGE:" overview "${main_help}")
string(REGEX REPLACE "^OVERVIEW: [^\n]*\n+" "" overview "${overview}")
string(REGEX REPLACE "\n+USAGE:$" "" overview "${overview}")
string(REGEX MATCH "\nUSAGE: relcheck ([^\n]*)" usage "${main_help}")
set(usage "${CMAKE_MATCH_1}")
string(REGEX MATCH "^USAGE: relcheck graph ([^\n]*)" graph_usage "${graph_help}")
set(graph_usage "${CMAKE_MATCH_1}")

relcheck_roff(summary "${summary}")
relcheck_roff(overview "${overview}")
relcheck_roff(usage "${usage}")
relcheck_roff(graph_usage "${graph_usage}")
set(man ".\\\" Generated from `relcheck --help` by cmake/GenerateHelpFiles.cmake: do not edit.\n")
string(APPEND man ".TH RELCHECK 1 \"\" \"relcheck ${VERSION}\" \"User Commands\"\n")
# No hyphenation, no justification: option names stay whole.
string(APPEND man ".nh\n.ad l\n")
string(APPEND man ".SH NAME\nrelcheck \\- check C++ ORM model declarations as SQLAlchemy configures them\n")
string(APPEND man ".SH SYNOPSIS\n.B relcheck\n${usage}\n.br\n.B relcheck graph\n${graph_usage}\n")
string(APPEND man ".br\n.B relcheck merge\n<facts\\-file>... [options]\n.br\n.B relcheck lsp\n[\\-p <build\\-dir>]\n")
string(APPEND man ".SH DESCRIPTION\n${summary}\n.PP\n.nf\n${overview}\n.fi\n")
string(APPEND man ".SH OPTIONS\n")
foreach(name IN LISTS MAIN_NAMES)
  relcheck_roff(spec "${MAIN_SPEC_${name}}")
  relcheck_roff(desc "${MAIN_DESC_${name}}")
  string(APPEND man ".TP\n.B ${spec}\n${desc}\n")
endforeach()
string(APPEND man ".SH FILES\n.TP\n.I .relcheck.yaml\nThe configuration, looked up from each file's directory upwards.\n")
string(APPEND man ".TP\n.I <prefix>/share/doc/relcheck\nThe documentation: the command line (cli.md), the rules (rules/), the configuration (config.md).\n")
string(APPEND man ".SH SEE ALSO\n.BR clang\\-tidy (1)\n")
file(WRITE "${MAN}" "${man}")

# --- bash ---------------------------------------------------------------------
# COMP_WORDBREAKS holds '=' by default, so "--format=js" arrives as the
# words "--format", "=", "js"; no dependency on the bash-completion package.
function(relcheck_bash_cases prefix out)
  set(dirs "")
  set(files "")
  set(choices "")
  set(plain "")
  foreach(name IN LISTS ${prefix}_NAMES)
    set(value "${${prefix}_VALUE_${name}}")
    set(sep "${${prefix}_SEP_${name}}")
    if(sep STREQUAL "=" OR sep STREQUAL " ")
      list(APPEND plain "${name}${sep}")
    else()
      list(APPEND plain "${name}")
    endif()
    if(value MATCHES "\\|")
      string(REPLACE "|" " " words "${value}")
      string(APPEND choices "    ${name}) COMPREPLY=($(compgen -W '${words}' -- \"$cur\")) ;;\n")
    elseif(value MATCHES "dir")
      list(APPEND dirs "${name}")
    elseif(value MATCHES "file")
      list(APPEND files "${name}")
    endif()
  endforeach()
  string(REPLACE ";" "|" dirs "${dirs}")
  string(REPLACE ";" "|" files "${files}")
  string(REPLACE ";" " " plain "${plain}")
  string(REGEX REPLACE "  +" " " plain "${plain}")
  string(STRIP "${plain}" plain)
  set(cases "")
  if(dirs)
    string(APPEND cases "    ${dirs}) COMPREPLY=($(compgen -d -- \"$cur\")) ;;\n")
  endif()
  if(files)
    string(APPEND cases "    ${files}) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n")
  endif()
  set(${out}_CASES "${cases}${choices}" PARENT_SCOPE)
  set(${out}_WORDS "${plain}" PARENT_SCOPE)
endfunction()

relcheck_bash_cases(MAIN bash_main)
relcheck_bash_cases(GRAPH bash_graph)
string(REGEX MATCH "--format=([a-z|]+)" unused "${graph_help}")
string(REPLACE "|" " " graph_formats "${CMAKE_MATCH_1}")
string(APPEND bash_graph_CASES "    --format) COMPREPLY=($(compgen -W '${graph_formats}' -- \"$cur\")) ;;\n")
set(bash_graph_WORDS "--format= ${bash_graph_WORDS}")

file(WRITE "${BASH}" "# bash completion for relcheck(1).
# Generated from `relcheck --help` by cmake/GenerateHelpFiles.cmake: do not edit.
_relcheck() {
  local cur=\"\${COMP_WORDS[COMP_CWORD]}\" prev=\"\${COMP_WORDS[COMP_CWORD-1]}\"
  local sub=\"\" option=\"\" i
  COMPREPLY=()
  ((COMP_CWORD > 1)) && case \"\${COMP_WORDS[1]}\" in graph|merge|lsp) sub=\"\${COMP_WORDS[1]}\" ;; esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    # After \"--\": compiler arguments and files.
    [[ \"\${COMP_WORDS[i]}\" == -- ]] && { COMPREPLY=($(compgen -f -- \"$cur\")); return; }
  done
  if [[ \"$cur\" == = ]]; then
    option=\"$prev\" cur=\"\"
  elif [[ \"$prev\" == = ]] && ((COMP_CWORD > 1)); then
    option=\"\${COMP_WORDS[COMP_CWORD-2]}\"
  elif [[ \"$prev\" == -* ]]; then
    option=\"$prev\"
  fi
  if [[ -n \"$option\" ]]; then
    if [[ \"$sub\" == graph ]]; then
      case \"$option\" in
${bash_graph_CASES}      esac
    else
      case \"$option\" in
${bash_main_CASES}      esac
    fi
    ((\${#COMPREPLY[@]})) && return
  fi
  if [[ \"$cur\" == -* ]]; then
    local words='${bash_main_WORDS}'
    [[ \"$sub\" == graph ]] && words='${bash_graph_WORDS}'
    [[ \"$sub\" == lsp ]] && words='-p --extra-arg= --cache-dir= --no-cache --help'
    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))
    [[ \"\${COMPREPLY[0]}\" == *= ]] && compopt -o nospace 2>/dev/null
    return
  fi
  ((COMP_CWORD == 1)) && COMPREPLY=($(compgen -W 'graph merge lsp' -- \"$cur\"))
  COMPREPLY+=($(compgen -f -- \"$cur\"))
}
complete -o filenames -F _relcheck relcheck
")

# --- zsh ----------------------------------------------------------------------
function(relcheck_zsh_specs prefix out)
  set(specs "")
  foreach(name IN LISTS ${prefix}_NAMES)
    set(value "${${prefix}_VALUE_${name}}")
    set(sep "${${prefix}_SEP_${name}}")
    # The first clause of the description, escaped for _arguments and for
    # single quotes.
    string(REGEX REPLACE "(; | \\(|\\. ).*$" "" desc "${${prefix}_DESC_${name}}")
    string(REGEX REPLACE "([][:\\\\])" "\\\\\\1" desc "${desc}")
    string(REPLACE "'" "'\\''" desc "${desc}")
    if(value STREQUAL "")
      set(action "")
    elseif(value MATCHES "\\|")
      string(REPLACE "|" " " words "${value}")
      set(action ":${value}:(${words})")
    elseif(value MATCHES "dir")
      set(action ":${value}:_files -/")
    elseif(value MATCHES "file")
      set(action ":${value}:_files")
    else()
      set(action ":${value}: ")
    endif()
    if(sep STREQUAL "=")
      set(form "${name}=")
    elseif(sep STREQUAL "[=")
      set(form "${name}=-")
    elseif(sep STREQUAL " ")
      set(form "${name}+")
    else()
      set(form "${name}")
    endif()
    string(APPEND specs "    '${form}[${desc}]${action}' \\\n")
  endforeach()
  set(${out} "${specs}" PARENT_SCOPE)
endfunction()

relcheck_zsh_specs(MAIN zsh_main)
relcheck_zsh_specs(GRAPH zsh_graph)
string(REPLACE " " "|" graph_format_value "${graph_formats}")
file(WRITE "${ZSH}" "#compdef relcheck
# zsh completion for relcheck(1).
# Generated from `relcheck --help` by cmake/GenerateHelpFiles.cmake: do not edit.
_relcheck() {
  if (( CURRENT > 2 )) && [[ \$words[2] == graph ]]; then
    _arguments -s -S \\
    '--format=[Output format]:${graph_format_value}:(${graph_formats})' \\
${zsh_graph}    '*:source:_files'
    return
  fi
  if (( CURRENT > 2 )) && [[ \$words[2] == lsp ]]; then
    _arguments -s '-p+[Build directory]:build-dir:_files -/' '--no-cache[No fact cache]' '--help'
    return
  fi
  _arguments -s -S \\
${zsh_main}    '1:: :(graph merge lsp)' \\
    '*:source:_files'
}
_relcheck \"\$@\"
")
