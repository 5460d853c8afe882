//===- Errors.cpp - The error state of compiled entry points ----*- C++ -*-===//

#include "hyper/Runtime/Errors.h"

#include <cstdarg>
#include <cstdio>

namespace {
thread_local char lastError[512];
} // namespace

extern "C" const char *hyper_last_error(void) { return lastError; }

extern "C" int hyper_fail(const char *format, ...) {
  va_list args;
  va_start(args, format);
  std::vsnprintf(lastError, sizeof(lastError), format, args);
  va_end(args);
  return 1;
}
