//===- Progress.cpp - Progress lines of long tool runs --------------------===//

#include "hyper/Driver/Progress.h"
#include "hyper/Driver/Driver.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace mlir::hyper;
namespace cl = llvm::cl;

ProgressFlags::ProgressFlags()
    : quiet("quiet", cl::cat(toolOptions()),
            cl::desc("Print no progress lines (a run longer than a second "
                     "prints one per stage when stderr is a terminal); errors "
                     "and warnings still print"),
            cl::init(false)),
      after("progress-after", cl::Hidden,
            cl::desc("Seconds after which the stages of a run are announced "
                     "(default 1), also when stderr is not a terminal"),
            cl::init(1.0)) {}

Progress::Progress(llvm::StringRef tool, const ProgressFlags &flags)
    : tool(tool.str()), start(Clock::now()) {
  // As git does: on by default when stderr is a terminal, so that logs and
  // test outputs stay free of timing-dependent lines; --progress-after
  // turns it on anywhere.
  if (flags.quiet ||
      (!flags.after.getNumOccurrences() && !llvm::errs().is_displayed()))
    return;
  auto deadline =
      start +
      std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(std::max(0.0, flags.after.getValue())));
  watcher = std::thread([this, deadline] {
    std::unique_lock<std::mutex> lock(mutex);
    if (wake.wait_until(lock, deadline, [this] { return finished; }))
      return;
    announcing = true;
    if (!current.empty())
      print(current);
  });
}

Progress::~Progress() { stop(); }

void Progress::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex);
    finished = true;
  }
  wake.notify_all();
  if (watcher.joinable())
    watcher.join();
}

void Progress::stage(llvm::StringRef name) {
  std::lock_guard<std::mutex> lock(mutex);
  current = name.str();
  if (announcing)
    print(current);
}

void Progress::done() {
  stop();
  // The watcher has finished: `announcing` is no longer written.
  if (announcing)
    print("done");
}

void Progress::print(llvm::StringRef what) {
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  llvm::errs() << tool << ": " << llvm::format("%.1f", seconds)
               << " s: " << what << "\n";
}
