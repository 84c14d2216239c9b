# Finds a Python 3 interpreter that can run the generator (it needs Jinja2 and PyYAML),
# defines hwbind_generate() for generating bindings at build time, and, in hwbind's own
# build, the `regenerate` target, which rewrites the committed bindings and single header from spec/.
#
# Included from hwbind's CMakeLists.txt and from the installed hwbindConfig.cmake, which sets
# HWBIND_GENERATOR_DIR to the installed generator.
#
# Set HWBIND_PYTHON to choose the interpreter. Otherwise the candidates are tried in order:
# /usr/bin/python3 first, because a pyenv or virtualenv `python3` earlier on PATH often
# lacks Jinja2 (Debian's python3-jinja2 installs it for the system interpreter only).

if(NOT HWBIND_GENERATOR_DIR)
    set(HWBIND_GENERATOR_DIR "${CMAKE_CURRENT_LIST_DIR}/../generator")
endif()
get_filename_component(HWBIND_GENERATOR_DIR "${HWBIND_GENERATOR_DIR}" ABSOLUTE)

set(HWBIND_PYTHON "" CACHE FILEPATH "Python 3 interpreter with jinja2 and yaml, for the generator")

function(_hwbind_python_works interpreter result_var)
    execute_process(
        COMMAND "${interpreter}" -c "import jinja2, yaml"
        RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(rc EQUAL 0)
        set(${result_var} TRUE PARENT_SCOPE)
    else()
        set(${result_var} FALSE PARENT_SCOPE)
    endif()
endfunction()

if(HWBIND_PYTHON)
    # An interpreter the user chose must work; falling back to another would hide the mistake.
    _hwbind_python_works("${HWBIND_PYTHON}" _ok)
    if(NOT _ok)
        message(FATAL_ERROR "hwbind: HWBIND_PYTHON=${HWBIND_PYTHON} cannot `import jinja2, yaml`, "
                            "which the generator needs. On Debian: apt-get install python3-jinja2 "
                            "python3-yaml and use /usr/bin/python3.")
    endif()
    set(HWBIND_GENERATOR_PYTHON "${HWBIND_PYTHON}" CACHE INTERNAL "generator interpreter")
endif()

if(NOT HWBIND_GENERATOR_PYTHON)
    set(_candidates /usr/bin/python3)
    find_program(_hwbind_path_python NAMES python3 python NO_CACHE)
    if(_hwbind_path_python)
        list(APPEND _candidates "${_hwbind_path_python}")
    endif()
    foreach(candidate IN LISTS _candidates)
        if(EXISTS "${candidate}")
            _hwbind_python_works("${candidate}" _ok)
            if(_ok)
                set(HWBIND_GENERATOR_PYTHON "${candidate}" CACHE INTERNAL "generator interpreter")
                break()
            endif()
        endif()
    endforeach()
endif()

if(HWBIND_GENERATOR_PYTHON)
    message(STATUS "hwbind: generator interpreter: ${HWBIND_GENERATOR_PYTHON}")
else()
    set(_hwbind_no_python_message
        "hwbind: no Python 3 interpreter that can `import jinja2, yaml` was found "
        "(tried /usr/bin/python3 and python3 on PATH). "
        "On Debian: apt-get install python3-jinja2 python3-yaml, "
        "or pass -DHWBIND_PYTHON=/path/to/python3.")
    string(CONCAT _hwbind_no_python_message ${_hwbind_no_python_message})
    if(HWBIND_BUILD_TESTS)
        message(FATAL_ERROR "${_hwbind_no_python_message} The tests run the generator.")
    elseif(NOT HWBIND_MAIN_PROJECT)
        # A consumer that only uses the committed bindings needs no generator.
        message(STATUS "${_hwbind_no_python_message} hwbind_generate() is not available.")
    else()
        message(WARNING "${_hwbind_no_python_message} The `regenerate` target is not available; "
                        "the committed bindings are used as they are.")
    endif()
endif()

# hwbind_generate(OUT_DIR <dir> SPECS <spec.yaml>... [INCLUDE_PREFIX <prefix>] [TARGET <name>])
# Runs the generator on SPECS into OUT_DIR at build time, re-running when a spec, a template
# or the generator changes. INCLUDE_PREFIX is how the generated headers include each other
# (OUT_DIR must end with it); TARGET names a custom target that depends on the output.
function(hwbind_generate)
    cmake_parse_arguments(ARG "" "OUT_DIR;TARGET;INCLUDE_PREFIX" "SPECS" ${ARGN})
    if(NOT ARG_INCLUDE_PREFIX)
        set(ARG_INCLUDE_PREFIX hwbind/services)
    endif()
    if(NOT HWBIND_GENERATOR_PYTHON)
        message(FATAL_ERROR "hwbind_generate() needs a Python 3 with jinja2 and yaml; see above")
    endif()
    file(GLOB _generator_sources CONFIGURE_DEPENDS
        "${HWBIND_GENERATOR_DIR}/hwbind_gen/*.py"
        "${HWBIND_GENERATOR_DIR}/templates/*.j2")
    set(_stamp "${ARG_OUT_DIR}/.stamp")
    add_custom_command(
        OUTPUT "${_stamp}"
        COMMAND "${HWBIND_GENERATOR_PYTHON}" "${HWBIND_GENERATOR_DIR}/generate.py"
                --out "${ARG_OUT_DIR}" --include-prefix "${ARG_INCLUDE_PREFIX}" ${ARG_SPECS}
        COMMAND "${CMAKE_COMMAND}" -E touch "${_stamp}"
        DEPENDS ${ARG_SPECS} ${_generator_sources} "${HWBIND_GENERATOR_DIR}/generate.py"
        COMMENT "hwbind: generating bindings into ${ARG_OUT_DIR}"
        VERBATIM)
    if(ARG_TARGET)
        add_custom_target(${ARG_TARGET} DEPENDS "${_stamp}")
    endif()
endfunction()

if(HWBIND_GENERATOR_PYTHON AND HWBIND_MAIN_PROJECT AND NOT TARGET regenerate)
    # Relative paths, so that each generated header names its spec as spec/<name>.yaml.
    file(GLOB HWBIND_SPECS RELATIVE "${PROJECT_SOURCE_DIR}" CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/spec/*.yaml")
    # The single header holds the bindings too, so it is remade with them.
    add_custom_target(regenerate
        COMMAND "${HWBIND_GENERATOR_PYTHON}" generator/generate.py --out include/hwbind/services
                --clean ${HWBIND_SPECS}
        COMMAND "${HWBIND_GENERATOR_PYTHON}" tools/amalgamate.py
        WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
        COMMENT "hwbind: regenerating include/hwbind/services and single_include/ from spec/"
        VERBATIM)
endif()
