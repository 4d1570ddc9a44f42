# Cross build for 64-bit Windows with MinGW-w64 on Linux:
#   cmake -S . -B build-win -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64.cmake [-DSGBENCH_NODE_API_DIR=node_modules/node-api-headers]
# The -posix compilers are required: the default -win32 thread model has no std::thread or std::mutex.
# Everything links statically, so the .exe and the .node need no MinGW runtime DLLs next to them.
# With SGBENCH_NODE_API_DIR set, the Node-API addon is built too, against import libraries for
# node.exe generated here from the .def files node-api-headers ships (cmake-js does not cross-build).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(SGBENCH_MINGW_PREFIX x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${SGBENCH_MINGW_PREFIX}-gcc-posix)
set(CMAKE_CXX_COMPILER ${SGBENCH_MINGW_PREFIX}-g++-posix)
set(CMAKE_RC_COMPILER ${SGBENCH_MINGW_PREFIX}-windres)

set(CMAKE_FIND_ROOT_PATH /usr/${SGBENCH_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")

# The toolchain file is read again for every try_compile; the import libraries are made once.
if(SGBENCH_NODE_API_DIR AND NOT CMAKE_JS_LIB AND NOT CMAKE_IN_TRY_COMPILE)
  get_filename_component(SGBENCH_NODE_API_DIR "${SGBENCH_NODE_API_DIR}" ABSOLUTE BASE_DIR "${CMAKE_SOURCE_DIR}")
  set(_implib_dir "${CMAKE_BINARY_DIR}/node-api-implib")
  file(MAKE_DIRECTORY "${_implib_dir}")
  set(_libs "")
  foreach(_def node_api js_native_api)
    execute_process(
      COMMAND ${SGBENCH_MINGW_PREFIX}-dlltool -d "${SGBENCH_NODE_API_DIR}/def/${_def}.def" -l "${_implib_dir}/lib${_def}.a"
      RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "${SGBENCH_MINGW_PREFIX}-dlltool failed on ${_def}.def (${_rc})")
    endif()
    list(APPEND _libs "${_implib_dir}/lib${_def}.a")
  endforeach()
  set(CMAKE_JS_INC "${SGBENCH_NODE_API_DIR}/include" CACHE PATH "Node-API headers" FORCE)
  set(CMAKE_JS_LIB "${_libs}" CACHE STRING "import libraries for node.exe" FORCE)
endif()
