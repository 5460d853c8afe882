//===- Progress.h - Progress lines of long tool runs ------------*- C++ -*-===//
//
// A compile that takes more than a second says what it is doing, one line
// per stage on stderr, as users of a 20-second compile want; `--quiet`
// turns it off. As with git's progress, the lines appear only when stderr
// is a terminal (unless `--progress-after` is given), and short runs print
// nothing, so scripts, logs and tests see only results and errors.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_DRIVER_PROGRESS_H
#define HYPER_DRIVER_PROGRESS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace mlir::hyper {

/// `--quiet` and the (hidden) `--progress-after=SECONDS`. A tool defines one
/// static ProgressFlags; its options register when it is constructed.
struct ProgressFlags {
  ProgressFlags();

  llvm::cl::opt<bool> quiet;
  llvm::cl::opt<double> after;
};

/// The stages of one tool run. Once the run has taken `flags.after` seconds,
/// the current stage is announced (`hyper-compile: 1.0 s: LLVM optimization
/// (O3)`), and from then on every stage as it starts; done() then prints the
/// total. A watcher thread waits for the deadline, so a stage that runs for
/// a minute is announced after a second, not at its end.
class Progress {
public:
  Progress(llvm::StringRef tool, const ProgressFlags &flags);
  ~Progress();
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;

  /// The run enters stage `name` (a short phrase: "parsing", "linking").
  void stage(llvm::StringRef name);
  /// The run finished successfully: prints the total time if any stage was
  /// announced.
  void done();

private:
  using Clock = std::chrono::steady_clock;
  void print(llvm::StringRef what);
  void stop();

  std::string tool;
  Clock::time_point start;
  std::mutex mutex;
  std::condition_variable wake;
  std::thread watcher;
  std::string current;
  bool announcing = false, finished = false;
};

} // namespace mlir::hyper

#endif // HYPER_DRIVER_PROGRESS_H
