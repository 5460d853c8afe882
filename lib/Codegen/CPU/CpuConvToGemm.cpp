//===- CpuConvToGemm.cpp - hyper-cpu-conv-to-gemm
//---------------------------===//
//
// hyper-cpu-conv-to-gemm: a convolution on an already padded input becomes,
// per image, an im2col gather and a GEMM (on packed pixel blocks where the
// output width allows).
//
//===----------------------------------------------------------------------===//

#include "hyper/Codegen/CPU/CpuSchedule.h"
#include "hyper/Codegen/CPU/Markers.h"
#include "hyper/Codegen/CPU/Passes.h"
#include "hyper/Codegen/CPU/Transforms.h"
#include "hyper/Codegen/Common/ConstantLayouts.h"
#include "hyper/Codegen/Common/Debug.h"
#include "hyper/Codegen/Common/LinalgQueries.h"
#include "hyper/Codegen/Common/TilingUtils.h"
#include "hyper/Dialect/Hyper/Transforms/Transforms.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"

#define DEBUG_TYPE "hyper-cpu-conv-to-gemm"

namespace mlir::hyper {
#define GEN_PASS_DEF_HYPERCPUCONVTOGEMMPASS
#include "hyper/Codegen/CPU/Passes.h.inc"
} // namespace mlir::hyper

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::markers;

FailureOr<Value> mlir::hyper::rewriteConvAsGemm(RewriterBase &rewriter,
                                                linalg::Conv2DNchwFchwOp conv,
                                                const CpuSchedule &schedule) {
  Value input = conv.getInputs()[0], filter = conv.getInputs()[1],
        init = conv.getOutputs()[0];
  auto inType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto outType = cast<RankedTensorType>(init.getType());
  if (!filterType.hasStaticShape() ||
      ShapedType::isDynamicShape(inType.getShape().drop_front()) ||
      ShapedType::isDynamicShape(outType.getShape().drop_front()))
    return skipped(DEBUG_TYPE, conv,
                   "needs static channel, spatial and filter sizes");
  const int64_t c = inType.getDimSize(1), f = filterType.getDimSize(0),
                kh = filterType.getDimSize(2), kw = filterType.getDimSize(3),
                oh = outType.getDimSize(2), ow = outType.getDimSize(3);
  SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());
  Location loc = conv.getLoc();
  MLIRContext *ctx = rewriter.getContext();
  Type elementType = outType.getElementType();
  rewriter.setInsertionPoint(conv);
  // An input padded with a constant along the image dimensions only: each
  // image is padded where its columns are gathered (on the threads with the
  // images; a few hundred KB that stay in cache) instead of the whole batch
  // being copied into a padded buffer first, serially.
  Value padSource, padValue;
  SmallVector<OpFoldResult> padLow, padHigh;
  if (auto pad = input.getDefiningOp<tensor::PadOp>())
    if (pad->hasOneUse() && pad.getConstantPaddingValue() &&
        !ShapedType::isDynamicShape(
            pad.getSourceType().getShape().drop_front()) &&
        pad.getLow().empty() && pad.getHigh().empty() && // static pads
        llvm::all_of(ArrayRef(pad.getStaticLow()).take_front(2),
                     [](int64_t v) { return v == 0; }) &&
        llvm::all_of(ArrayRef(pad.getStaticHigh()).take_front(2),
                     [](int64_t v) { return v == 0; })) {
      padSource = pad.getSource();
      padValue = pad.getConstantPaddingValue();
      padLow = llvm::to_vector(ArrayRef(pad.getMixedLowPad()).drop_front());
      padHigh = llvm::to_vector(ArrayRef(pad.getMixedHighPad()).drop_front());
    }
  // An output filled with a constant (a bias-free convolution's zeros):
  // each image fills its own slice where its GEMM accumulates (on the
  // threads when they share the images) instead of the whole output being
  // filled first, serially, and copied once more for the threaded branch.
  Value fillValue;
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    if (fill.getOutputs()[0].getDefiningOp<tensor::EmptyOp>() &&
        matchPattern(fill.getInputs()[0], m_Constant())) {
      fillValue = fill.getInputs()[0];
      init = fill.getOutputs()[0];
    }

  Value filterFlat = tensor::CollapseShapeOp::create(
      rewriter, loc, filter, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  Value batch =
      tensor::DimOp::create(rewriter, loc, padSource ? padSource : input, 0);
  // One image: im2col, GEMM, and the product written into image n of
  // `into` (by `write`, which differs between a loop and a forall).
  auto imageBody = [&](OpBuilder &b, Location l, Value n, Value into,
                       bool serial,
                       function_ref<void(Value, SmallVector<OpFoldResult> &,
                                         SmallVector<OpFoldResult> &,
                                         SmallVector<OpFoldResult> &)>
                           write) {
    SmallVector<Value, 1> iter = {into};
    auto image = [&](Value t, RankedTensorType type) {
      SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
      offsets[0] = n;
      SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1)};
      for (int64_t d : type.getShape().drop_front())
        sizes.push_back(b.getIndexAttr(d));
      SmallVector<OpFoldResult> ones(type.getRank(), b.getIndexAttr(1));
      auto sliceType = RankedTensorType::get(type.getShape().drop_front(),
                                             type.getElementType());
      return tensor::ExtractSliceOp::create(b, l, sliceType, t, offsets, sizes,
                                            ones)
          .getResult();
    };
    Value x; // [C, H, W]
    if (padSource)
      x = tensor::PadOp::create(
          b, l,
          RankedTensorType::get(inType.getShape().drop_front(),
                                inType.getElementType()),
          image(padSource, cast<RankedTensorType>(padSource.getType())), padLow,
          padHigh, padValue);
    else
      x = image(input, inType);
    // cols5[c, kh, kw, oh, ow] = x[c, oh·s_h + kh·r_h, ow·s_w + kw·r_w],
    // written as a generic that reads x with tensor.extract at computed
    // indices: the vectorizer turns the reads along ow into contiguous
    // vector loads where s_w = 1 (and gathers otherwise), which it
    // cannot do for an input with a non-permutation indexing map.
    // The columns in blocks of `ni` output pixels (a register tile's
    // width), packed [NB, C·KH·KW, ni]: the GEMM's micro-kernel then reads
    // each K step's columns from one contiguous line instead of a row of
    // OH·OW floats (4 KiB apart at 32×32: a page per K step). Needs ni to
    // divide OW; else the plain [C·KH·KW, OH·OW] columns.
    int64_t ni = schedule.convColumnBlock(ow);
    bool packed = ni > 0;
    int64_t nblocks = packed ? oh * ow / ni : 0;
    auto colsType =
        packed ? RankedTensorType::get({nblocks, c, kh, kw, ni}, elementType)
               : RankedTensorType::get({c, kh, kw, oh, ow}, elementType);
    Value cols5 =
        tensor::EmptyOp::create(b, l, colsType.getShape(), elementType);
    cols5 =
        linalg::GenericOp::create(
            b, l, TypeRange{colsType}, ValueRange{}, ValueRange{cols5},
            ArrayRef<AffineMap>{b.getMultiDimIdentityMap(5)},
            SmallVector<utils::IteratorType>(5, utils::IteratorType::parallel),
            [&](OpBuilder &nb, Location nl, ValueRange) {
              auto index = [&](int64_t d) {
                return linalg::IndexOp::create(nb, nl, d).getResult();
              };
              auto cst = [&](int64_t v) {
                return arith::ConstantIndexOp::create(nb, nl, v).getResult();
              };
              auto at = [&](Value o, int64_t s, Value k, int64_t r) {
                Value a = arith::MulIOp::create(nb, nl, o, cst(s));
                Value bb = arith::MulIOp::create(nb, nl, k, cst(r));
                return arith::AddIOp::create(nb, nl, a, bb).getResult();
              };
              Value ci, ky, kx, oy, ox;
              if (packed) {
                // Block nb holds pixels nb·ni + [0, ni) of one row.
                Value first = arith::MulIOp::create(nb, nl, index(0), cst(ni));
                ci = index(1);
                ky = index(2);
                kx = index(3);
                oy = arith::DivUIOp::create(nb, nl, first, cst(ow));
                ox = arith::AddIOp::create(
                    nb, nl, arith::RemUIOp::create(nb, nl, first, cst(ow)),
                    index(4));
              } else {
                ci = index(0);
                ky = index(1);
                kx = index(2);
                oy = index(3);
                ox = index(4);
              }
              Value v = tensor::ExtractOp::create(
                  nb, nl, x,
                  ValueRange{ci, at(oy, strides[0], ky, dilations[0]),
                             at(ox, strides[1], kx, dilations[1])});
              linalg::YieldOp::create(nb, nl, v);
            })
            .getResult(0);
    cols5.getDefiningOp()->setAttr(kIm2col, b.getUnitAttr());
    // (The slice of the output, filled: a fill of a fresh tensor would be
    // hoisted out of the image loop and copied into every image.)
    Value outImage = image(iter[0], outType);
    if (fillValue)
      outImage = linalg::FillOp::create(b, l, fillValue, outImage).getResult(0);
    Value out = tensor::CollapseShapeOp::create(
        b, l, outImage,
        ArrayRef<ReassociationIndices>{{0}, {1, 2}}); // [F, OH·OW]
    Value product;
    if (packed) {
      // out[F, NB, ni] += filter[F, K] · cols[NB, K, ni].
      Value cols = tensor::CollapseShapeOp::create(
          b, l, cols5, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}, {4}});
      Value out3 = tensor::ExpandShapeOp::create(
          b, l, RankedTensorType::get({f, nblocks, ni}, elementType), out,
          ArrayRef<ReassociationIndices>{{0}, {1, 2}});
      AffineExpr df, dn, di, dk;
      bindDims(ctx, df, dn, di, dk);
      auto gemm = linalg::GenericOp::create(
          b, l, TypeRange{out3.getType()}, ValueRange{filterFlat, cols},
          ValueRange{out3},
          ArrayRef<AffineMap>{AffineMap::get(4, 0, {df, dk}, ctx),
                              AffineMap::get(4, 0, {dn, dk, di}, ctx),
                              AffineMap::get(4, 0, {df, dn, di}, ctx)},
          ArrayRef<utils::IteratorType>{
              utils::IteratorType::parallel, utils::IteratorType::parallel,
              utils::IteratorType::parallel, utils::IteratorType::reduction},
          [](OpBuilder &nb, Location nl, ValueRange args) {
            Value p = arith::MulFOp::create(nb, nl, args[0], args[1]);
            linalg::YieldOp::create(
                nb, nl, arith::AddFOp::create(nb, nl, args[2], p).getResult());
          });
      gemm->setAttr(kPackedGemm, b.getUnitAttr());
      product = tensor::CollapseShapeOp::create(
          b, l, gemm.getResult(0), ArrayRef<ReassociationIndices>{{0}, {1, 2}});
    } else {
      Value cols = tensor::CollapseShapeOp::create(
          b, l, cols5, ArrayRef<ReassociationIndices>{{0, 1, 2}, {3, 4}});
      product = linalg::MatmulOp::create(b, l, TypeRange{out.getType()},
                                         ValueRange{filterFlat, cols},
                                         ValueRange{out})
                    .getResult(0);
    }
    Value product3 = tensor::ExpandShapeOp::create(
        b, l, RankedTensorType::get({f, oh, ow}, elementType), product,
        ArrayRef<ReassociationIndices>{{0}, {1, 2}});
    SmallVector<OpFoldResult> offsets(4, b.getIndexAttr(0));
    offsets[0] = n;
    SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(f),
                                       b.getIndexAttr(oh), b.getIndexAttr(ow)};
    SmallVector<OpFoldResult> ones(4, b.getIndexAttr(1));
    if (serial) {
      Operation *gemmOp = product.getDefiningOp();
      if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(gemmOp))
        gemmOp = collapse.getSrc().getDefiningOp();
      gemmOp->setAttr(kSerial, b.getUnitAttr());
      cols5.getDefiningOp()->setAttr(kSerial, b.getUnitAttr());
    }
    write(product3, offsets, sizes, ones);
  };
  auto imageLoop = [&](OpBuilder &b, Location l) {
    return scf::ForOp::create(
               b, l, zero, batch, one, ValueRange{init},
               [&](OpBuilder &nb, Location nl, Value n, ValueRange iter) {
                 imageBody(nb, nl, n, iter[0], /*serial=*/false,
                           [&](Value v, SmallVector<OpFoldResult> &offsets,
                               SmallVector<OpFoldResult> &sizes,
                               SmallVector<OpFoldResult> &ones) {
                             Value updated = tensor::InsertSliceOp::create(
                                 nb, nl, v, iter[0], offsets, sizes, ones);
                             scf::YieldOp::create(nb, nl, updated);
                           });
               })
        .getResult(0);
  };
  // With threads and more than one image, the images go to the threads,
  // each with its own GEMMs; one image keeps the threads inside its GEMMs.
  Value result;
  if (!schedule.parallel) {
    result = imageLoop(rewriter, loc);
  } else {
    Value several = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::ugt, batch, one);
    auto dispatch = scf::IfOp::create(
        rewriter, loc, several,
        [&](OpBuilder &b, Location l) {
          auto images = scf::ForallOp::create(
              b, l, ArrayRef<OpFoldResult>{batch}, ValueRange{init},
              std::nullopt, [&](OpBuilder &nb, Location nl, ValueRange args) {
                imageBody(nb, nl, args[0], args[1], /*serial=*/true,
                          [&](Value v, SmallVector<OpFoldResult> &offsets,
                              SmallVector<OpFoldResult> &sizes,
                              SmallVector<OpFoldResult> &ones) {
                            auto inParallel = scf::InParallelOp::create(nb, nl);
                            OpBuilder::InsertionGuard guard(nb);
                            nb.setInsertionPointToStart(
                                &inParallel.getRegion().front());
                            tensor::ParallelInsertSliceOp::create(
                                nb, nl, v, args[1], offsets, sizes, ones);
                          });
              });
          scf::YieldOp::create(b, l, images.getResult(0));
        },
        [&](OpBuilder &b, Location l) {
          scf::YieldOp::create(b, l, imageLoop(b, l));
        });
    result = dispatch.getResult(0);
  }
  rewriter.replaceOp(conv, result);
  return result;
}

namespace {

struct HyperCpuConvToGemmPass
    : hyper::impl::HyperCpuConvToGemmPassBase<HyperCpuConvToGemmPass> {
  using HyperCpuConvToGemmPassBase::HyperCpuConvToGemmPassBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    CpuSchedule schedule = CpuSchedule::get(vectorWidth, mTile, kPanel, prefetchBytes, parallel);
    SmallVector<linalg::Conv2DNchwFchwOp> convs;
    func.walk([&](linalg::Conv2DNchwFchwOp op) {
      if (op.hasPureTensorSemantics())
        convs.push_back(op);
    });
    for (linalg::Conv2DNchwFchwOp conv : convs) {
      Location loc = conv.getLoc();
      int64_t ow =
          cast<ShapedType>(conv.getOutputs()[0].getType()).getDimSize(3);
      if (failed(rewriteConvAsGemm(rewriter, conv, schedule)) || !printSchedule)
        continue;
      int64_t ni = schedule.convColumnBlock(ow);
      InFlightDiagnostic remark = emitRemark(loc);
      if (ni)
        remark << "convolution: im2col columns packed in blocks of " << ni
               << " pixels";
      else
        remark << "convolution: im2col columns unpacked (output width " << ow
               << " is no multiple of " << schedule.vectorWidth << " lanes)";
      if (schedule.parallel)
        remark << "; several images on the threads, one image threads its "
                  "GEMM";
    }
  }
};

} // namespace
