//===- ConstantLayouts.h - Constants re-laid out at compile time -*- C++
//-*-===//
//
// Bound weights are constants; the back ends store them in the order their
// kernels read them: transposed, in row blocks for the batch-1 GEMV, in
// column blocks for the GEMM's register tiles, padded to whole tiles. Each
// function takes and returns DenseElementsAttr (or a Value when the input
// may not be a constant).
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_CODEGEN_COMMON_CONSTANTLAYOUTS_H
#define HYPER_CODEGEN_COMMON_CONSTANTLAYOUTS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"

#include <optional>

namespace mlir::hyper {

/// The constant `w` is, when it is one or a static slice (unit strides) of
/// one: the weights the time loops read in parts (a gate block's input and
/// recurrent columns).
std::optional<DenseElementsAttr> constantValue(Value w);

/// `w` transposed: a constant when `w` is one (its bytes reordered), else a
/// linalg.transpose.
Value transposed(RewriterBase &rewriter, Location loc, Value w);

/// Constant [N, K] weights as the row-dots GEMV streams them: block `b`
/// of `rows` rows is row `b` of the result, [N/rows, ⌈K/lanes⌉·rows·lanes],
/// holding for each step `c` along K the rows' `lanes` elements from
/// c·lanes (element ((c·rows + i)·lanes + j) is W[b·rows + i, c·lanes + j]),
/// K padded with zeros. A block of rows is then one contiguous stream
/// instead of `rows` streams 4·K bytes apart, and K need not divide into
/// full vectors. On the 2-core AVX-512 machine a 4000×1000 GEMV ran 8-10 %
/// faster this way (8-row blocks, 16 lanes) than on the rows in place with
/// 8-lane vectors (all that 1000 divides into). Two dimensions, not four:
/// LLVM makes a constant of every innermost row, and a quarter of a
/// million of them had added half a second to a compile.
DenseElementsAttr packRowBlocks(DenseElementsAttr w, int64_t rows,
                                int64_t lanes);

/// A constant [K, N] B operand's columns in blocks of `nt`: [⌈N/nt⌉, K·nt]
/// (block `b` holds B[k, b·nt + j] at k·nt + j), the last block padded with
/// zeros, so that a register tile's row of B for one k is `nt` contiguous
/// elements and successive k are adjacent. Two dimensions rather than
/// [⌈N/nt⌉, K, nt]: LLVM makes a constant of every innermost row (see
/// packRowBlocks).
DenseElementsAttr packColumns(DenseElementsAttr b, int64_t nt);

/// A constant [K, N] with zero columns appended up to a multiple of `nt`.
DenseElementsAttr padColumns(DenseElementsAttr b, int64_t nt);

/// A GEMM operand that is a unit-stride slice, through any chain of 2-D
/// slices, of a non-splat constant: the constant and the slices' offsets.
struct ConstantSlice {
  Value root;
  DenseElementsAttr attr;
  SmallVector<OpFoldResult> rows, cols;
};

/// `b` as a ConstantSlice whose column offsets are multiples of `nt` by
/// construction (see isMultipleOf), if it is one.
std::optional<ConstantSlice> alignedConstantSlice(Value b, int64_t nt);

} // namespace mlir::hyper

#endif // HYPER_CODEGEN_COMMON_CONSTANTLAYOUTS_H
