//===- Transforms.h - hyper rewrite patterns --------------------*- C++ -*-===//

#ifndef HYPER_DIALECT_HYPER_TRANSFORMS_TRANSFORMS_H
#define HYPER_DIALECT_HYPER_TRANSFORMS_TRANSFORMS_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::hyper {

class Conv2DOp;

/// Replaces `op` by `hyper.generate_kernel` plus a convolution on the
/// zero-padded input, accumulated into the broadcast bias (or zeros): a
/// `linalg.conv_2d_nchw_fchw` for a shared kernel, a `linalg.generic` for
/// per-sample kernels. Returns the replacement value.
Value decomposeConv2D(RewriterBase &rewriter, Conv2DOp op);

/// The pattern that applies decomposeConv2D to every `hyper.conv2d`.
void populateDecomposeConv2DPatterns(RewritePatternSet &patterns);

/// Patterns that decompose the model ops (`hyper.conv2d`, `hyper.lstm`,
/// `hyper.lstm_cell`, `hyper.rnn`, `hyper.rnn_cell`) into the primitives,
/// scf, tensor and linalg.
void populateHyperDecomposePatterns(RewritePatternSet &patterns);

/// Patterns that evaluate static weight generation with constant inputs at
/// compile time.
void populateFoldStaticWeightGenPatterns(RewritePatternSet &patterns);

/// `applyPatternsGreedily` on `op` that says so, with an error on `op`
/// naming `pass`, when the rewrite does not converge: otherwise the pass
/// fails without a diagnostic and a tool reports only that lowering
/// failed.
LogicalResult applyPatternsOrReport(Operation *op,
                                    const FrozenRewritePatternSet &patterns,
                                    StringRef pass,
                                    GreedyRewriteConfig config = {});

} // namespace mlir::hyper

#endif // HYPER_DIALECT_HYPER_TRANSFORMS_TRANSFORMS_H
