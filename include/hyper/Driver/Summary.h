//===- Summary.h - Parameter accounting of a hyper model --------*- C++ -*-===//
//
// What `hyper-compile --summary` prints, and what `hyper_mlir.summary` does
// for a PyTorch module: per hypernetwork op, the main network's weights, the
// hypernetwork's parameters and embeddings, the weights it generates (for a
// dynamic hypernetwork, the per-sample, per-step main weights it stands for
// and never materialises) and the multiply-adds of one call; the standard
// layers' parameters in one row; the total.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_DRIVER_SUMMARY_H
#define HYPER_DRIVER_SUMMARY_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <optional>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mlir::hyper {

struct SummaryRow {
  std::string op;    ///< "hyper.lstm", "generator", ...
  std::string where; ///< "model.mlir:12:8"
  int64_t main = 0, hyper = 0, embeddings = 0;
  std::optional<int64_t> generated, macs; ///< none: not applicable/unknown
};

struct ParameterSummary {
  std::vector<SummaryRow> rows;
  /// Parameters of the standard layers: the function's statically shaped
  /// arguments that no hyper op uses, as a weight or as data.
  int64_t other = 0;
  int64_t total() const;
};

/// Counts `func`'s parameters from the operand types of its hyper ops. A
/// generator shared by several ops is one row. Multiply-adds need static
/// batch and sequence sizes (otherwise unknown) and count the GEMM-like
/// terms only, as the Python summary does.
ParameterSummary summarizeParameters(func::FuncOp func);

/// The summary as a table (as `hyper_mlir.Summary` prints it).
void printParameterSummary(const ParameterSummary &summary,
                           llvm::raw_ostream &os);

} // namespace mlir::hyper

#endif // HYPER_DRIVER_SUMMARY_H
