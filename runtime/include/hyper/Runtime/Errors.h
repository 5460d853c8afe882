//===- Errors.h - The error state of compiled entry points ------*- C++ -*-===//
//
// The entry points hyper-compile's headers declare return 0 on success and
// 1 on bad input (a NULL pointer, a negative or overflowing size, sizes that
// must agree and do not), leaving the reason for hyper_last_error() on the
// calling thread; nothing is run then.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_RUNTIME_ERRORS_H
#define HYPER_RUNTIME_ERRORS_H

extern "C" {

/// The message of the last failed call on this thread, "" when there was
/// none. Valid until the thread's next failing call.
const char *hyper_last_error(void);

/// Records a printf-style message for hyper_last_error() and returns 1.
int hyper_fail(const char *format, ...) __attribute__((format(printf, 1, 2)));

} // extern "C"

#endif // HYPER_RUNTIME_ERRORS_H
