# Windows sources of sgbench_core (included by the top-level CMakeLists.txt on WIN32).
set(SGBENCH_PLATFORM_SOURCES
  native/backends/win/event_server_overlapped.cpp
  native/backends/win/net_winsock.cpp
  native/backends/win/registry_win.cpp
  native/backends/win/win_blocking.cpp
  native/backends/win/win_completion_port.cpp
  native/backends/win/win_overlapped.cpp
  native/backends/win/win_overlapped_callback.cpp
  native/backends/win/win_overlapped_event.cpp
  native/backends/win/win_readiness.cpp
)
set(SGBENCH_PLATFORM_LIBS ws2_32)
