# hyper_add_model(<name> MLIR <model.mlir>
#                 [WEIGHTS <weights.npz>] [MODEL_NAME <c-name>]
#                 [FUNCTION <fn>] [TARGET cpu|cuda] [TARGET_CPU <cpu>]
#                 [TARGET_FEATURES <+f,-g>] [PARALLEL]
#                 [OPTIONS <hyper-compile flag>...])
#
# Compiles a model ahead of time with hyper-compile and adds a static
# library target <name> holding it. Linking <name> gives the include
# directory of its header, <MODEL_NAME>.h (the entry points
# hyper_<MODEL_NAME>_<function>), and the runtime it needs:
#
#   hyper_add_model(char_model MLIR model.mlir WEIGHTS weights.npz)
#   add_executable(app main.c)
#   target_link_libraries(app PRIVATE char_model)   # #include "char_model.h"
#
# MODEL_NAME defaults to <name>. TARGET_CPU defaults to hyper-compile's
# (the build machine, `host`); name an LLVM CPU (x86-64-v3, znver4, ...)
# when the program runs elsewhere. The model's metadata JSON is written
# beside the header (<MODEL_NAME>.json).
function(hyper_add_model name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "PARALLEL"
    "MLIR;WEIGHTS;MODEL_NAME;FUNCTION;TARGET;TARGET_CPU;TARGET_FEATURES"
    "OPTIONS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "hyper_add_model(${name}): unknown arguments "
                        "${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_MLIR)
    message(FATAL_ERROR "hyper_add_model(${name}): MLIR <model.mlir> is required")
  endif()
  if(NOT ARG_MODEL_NAME)
    set(ARG_MODEL_NAME ${name})
  endif()
  if(NOT ARG_TARGET)
    set(ARG_TARGET cpu)
  endif()
  if(NOT ARG_TARGET MATCHES "^(cpu|cuda)$")
    message(FATAL_ERROR "hyper_add_model(${name}): TARGET is cpu or cuda, "
                        "not '${ARG_TARGET}'")
  endif()
  get_filename_component(mlir "${ARG_MLIR}" ABSOLUTE)
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/${name}.hyper")
  set(object "${dir}/${ARG_MODEL_NAME}${CMAKE_C_OUTPUT_EXTENSION}")
  if(NOT CMAKE_C_OUTPUT_EXTENSION)
    set(object "${dir}/${ARG_MODEL_NAME}.o")
  endif()
  set(header "${dir}/${ARG_MODEL_NAME}.h")
  set(metadata "${dir}/${ARG_MODEL_NAME}.json")

  set(args "${mlir}" -o "${object}" "--header=${header}"
           "--metadata=${metadata}" "--name=${ARG_MODEL_NAME}"
           "--target=${ARG_TARGET}" --quiet)
  set(depends "${mlir}")
  if(ARG_WEIGHTS)
    get_filename_component(weights "${ARG_WEIGHTS}" ABSOLUTE)
    list(APPEND args "--weights=${weights}")
    list(APPEND depends "${weights}")
  endif()
  foreach(flag function target-cpu target-features)
    string(TOUPPER "${flag}" key)
    string(REPLACE "-" "_" key "${key}")
    if(ARG_${key})
      list(APPEND args "--${flag}=${ARG_${key}}")
    endif()
  endforeach()
  if(ARG_PARALLEL)
    list(APPEND args --parallel)
  endif()
  list(APPEND args ${ARG_OPTIONS})

  add_custom_command(
    OUTPUT "${object}" "${header}" "${metadata}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
    COMMAND HyperMLIR::hyper-compile ${args}
    DEPENDS ${depends} HyperMLIR::hyper-compile
    COMMENT "hyper-compile ${ARG_MLIR} (${name})"
    VERBATIM)
  set_source_files_properties("${object}" PROPERTIES
    EXTERNAL_OBJECT TRUE GENERATED TRUE)
  add_library(${name} STATIC "${object}" "${header}")
  set_target_properties(${name} PROPERTIES LINKER_LANGUAGE C)
  target_include_directories(${name} INTERFACE "${dir}")
  target_link_libraries(${name} PUBLIC HyperMLIR::Runtime)
  if(ARG_TARGET STREQUAL "cuda")
    target_link_libraries(${name} PUBLIC HyperMLIR::CudaRuntime)
  endif()
  if(ARG_PARALLEL)
    target_link_libraries(${name} PUBLIC "${HyperMLIR_OPENMP_LIBRARY}")
  endif()
endfunction()
