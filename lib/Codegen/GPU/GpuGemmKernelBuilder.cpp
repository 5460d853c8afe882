//===- GpuGemmKernelBuilder.cpp - A GEMM kernel and its epilogue ----------===//
//
// hyper-gpu-gemm-kernels, emission: the kernel for a matched GEMM
// (GpuGemmMatch.h) with the tiled schedule (shared-memory tiles of A and B,
// a register micro-tile of C per thread) or the skinny one (a warp per
// point), the epilogue applied to the registers before anything is stored.
// See the pass description in Passes.td for the schedules.
//
//===----------------------------------------------------------------------===//

#include "GpuGemmMatch.h"
#include "GpuKernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::hyper;
using namespace mlir::hyper::gpu_kernels;

namespace {

/// Emits the kernel for `k`, either as a gpu.launch or, with `emulate`, as
/// host loops over blocks and threads that run the same code with the
/// barriers as program order.
class KernelBuilder {
public:
  /// The kernel replaces the matmul and its epilogue where the last of
  /// them was (the epilogue's outputs may be allocated after the matmul).
  KernelBuilder(GemmKernel &k, GpuTiling t, bool emulate)
      : k(k), t(t),
        b(k.epilogue.empty() ? k.root : k.epilogue.back().getOperation()),
        loc(k.root->getLoc()), emitter(b, loc, emulate, t.tx, t.ty) {}

  /// The tiled schedule (`t`'s blocks and micro-tiles).
  void build();
  /// The skinny schedule for `rows` static rows (see `isSkinny`; `t` gives
  /// the warp size and the warps per block).
  void buildSkinny(int64_t rows);

private:
  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value f32(double v) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value lt(Value x, Value y) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, x, y);
  }
  Value both(Value x, Value y) { return arith::AndIOp::create(b, loc, x, y); }

  void forEachThread(function_ref<void(Value, Value)> body, bool sync) {
    emitter.forEachThread(body, sync);
  }

  /// `load()` when `inBounds`, else 0.
  Value guardedLoad(Value inBounds, function_ref<Value()> load);

  /// The accumulator (i, j) of thread (tx, ty).
  Value accLoad(Value tx, Value ty, int64_t i, int64_t j);
  void accStore(Value v, Value tx, Value ty, int64_t i, int64_t j);
  SmallVector<Value> accIndex(Value tx, Value ty, int64_t i, int64_t j);

  /// C's column of local column `c` in the block's tile.
  Value globalColumn(Value c);
  /// With column groups: the point (within a group) of local column `c`.
  Value pointOf(Value c);
  /// Whether local column `c` lies in C (its point, with column groups).
  Value columnInBounds(Value c);

  /// A(row, k), B(k, col) and where C(row, col) is, for a matmul or, for a
  /// convolution, through the im2col view of image `batch`.
  Value loadA(Value row, Value kg);
  Value loadB(Value kg, Value col);
  SmallVector<Value> cIndex(Value row, Value col);
  /// Where C's initial values are read (without a fill): C, or the source
  /// of the copy into it.
  Value initialC() { return k.initCopy ? k.initCopy.getSource() : k.c; }

  void loadTiles(Value tx, Value ty, Value k0);
  void multiplyTiles(Value tx, Value ty);
  void initAccumulators(Value tx, Value ty);
  void runEpilogue(Value tx, Value ty);
  /// The epilogue at one point of `row`: `columns[q]` is C's column of
  /// group q (G = 1: the point's column), `values[q]` the product there.
  /// Stores what the kernel computes (C when needed, the ops' results).
  void epilogueAt(Value row, ArrayRef<Value> columns, Value point,
                  Value inBounds, ArrayRef<Value> values);
  /// `width` consecutive elements of `buffer` from (row, kk) when `ok`,
  /// else zeros: one vector load when `width` is 4.
  SmallVector<Value> loadRun(Value buffer, Value row, Value kk, Value ok,
                             int64_t width);
  void storeIf(Value inBounds, Value v, Value buffer, ValueRange at);
  /// Applies epilogue op `op` at a point; `valueOf` gives the values the
  /// kernel computed so far at that point (by buffer).
  void applyAtPoint(linalg::GenericOp op, ValueRange point, Value inBounds,
                    llvm::DenseMap<Value, Value> &valueOf,
                    function_ref<Value(Value, int64_t)> groupValue);

  GemmKernel &k;
  GpuTiling t;
  OpBuilder b;
  Location loc;
  KernelEmitter emitter;

  Value m, n, kDim;       // problem sizes
  Value batch;            // the image (convolutions)
  Value np;               // points per row: N / G
  Value rowBase, colBase; // first row of the block; first point (N / G units)
  Value aTile, bTile;     // shared memory: [BK, BM], [BK, BN]
  Value acc;              // registers (emulated: one set per thread)
  bool vectorA = false, vectorB = false;
};

Value KernelBuilder::guardedLoad(Value inBounds, function_ref<Value()> load) {
  auto ifOp = scf::IfOp::create(b, loc, TypeRange{b.getF32Type()}, inBounds,
                                /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(ifOp.thenBlock());
  scf::YieldOp::create(b, loc, load());
  b.setInsertionPointToStart(ifOp.elseBlock());
  scf::YieldOp::create(b, loc, f32(0));
  return ifOp.getResult(0);
}

SmallVector<Value> KernelBuilder::accIndex(Value tx, Value ty, int64_t i,
                                           int64_t j) {
  Value slot = idx(i * t.tn + j);
  if (!emitter.isEmulated())
    return {slot};
  return {ty, tx, slot};
}

Value KernelBuilder::accLoad(Value tx, Value ty, int64_t i, int64_t j) {
  return memref::LoadOp::create(b, loc, acc, accIndex(tx, ty, i, j));
}

void KernelBuilder::accStore(Value v, Value tx, Value ty, int64_t i,
                             int64_t j) {
  memref::StoreOp::create(b, loc, v, acc, accIndex(tx, ty, i, j));
}

Value KernelBuilder::pointOf(Value c) {
  // Local column c holds group c / (BN/G), point c % (BN/G) of the block.
  return add(colBase,
             arith::RemUIOp::create(b, loc, c, idx(t.bn() / k.groups)));
}

Value KernelBuilder::globalColumn(Value c) {
  if (k.groups == 1)
    return add(colBase, c);
  Value g = arith::DivUIOp::create(b, loc, c, idx(t.bn() / k.groups));
  return add(mul(g, np), pointOf(c));
}

Value KernelBuilder::columnInBounds(Value c) {
  // Columns past N / G of a group belong to no point.
  return k.groups == 1 ? lt(globalColumn(c), n) : lt(pointOf(c), np);
}

Value KernelBuilder::loadA(Value row, Value kg) {
  if (!k.conv)
    return memref::LoadOp::create(b, loc, k.a, ValueRange{row, kg});
  // filter[f, c, kh, kw] at k = (c·KH + kh)·KW + kw.
  auto filter = cast<MemRefType>(k.a.getType());
  int64_t kh = filter.getDimSize(2), kw = filter.getDimSize(3);
  Value c = arith::DivUIOp::create(b, loc, kg, idx(kh * kw));
  Value r = arith::RemUIOp::create(b, loc, kg, idx(kh * kw));
  return memref::LoadOp::create(
      b, loc, k.a,
      ValueRange{row, c, arith::DivUIOp::create(b, loc, r, idx(kw)),
                 arith::RemUIOp::create(b, loc, r, idx(kw))});
}

Value KernelBuilder::loadB(Value kg, Value col) {
  if (!k.conv)
    return k.transposedB
               ? memref::LoadOp::create(b, loc, k.b, ValueRange{col, kg})
               : memref::LoadOp::create(b, loc, k.b, ValueRange{kg, col});
  // input[n, c, oh·s_h + kh·d_h, ow·s_w + kw·d_w], k = (c·KH + kh)·KW + kw,
  // col = oh·OW + ow.
  auto filter = cast<MemRefType>(k.a.getType());
  auto output = cast<MemRefType>(k.c.getType());
  int64_t kh = filter.getDimSize(2), kw = filter.getDimSize(3),
          ow = output.getDimSize(3);
  SmallVector<int64_t> strides(k.conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(k.conv.getDilations().getValues<int64_t>());
  Value c = arith::DivUIOp::create(b, loc, kg, idx(kh * kw));
  Value r = arith::RemUIOp::create(b, loc, kg, idx(kh * kw));
  Value ky = arith::DivUIOp::create(b, loc, r, idx(kw));
  Value kx = arith::RemUIOp::create(b, loc, r, idx(kw));
  Value oy = arith::DivUIOp::create(b, loc, col, idx(ow));
  Value ox = arith::RemUIOp::create(b, loc, col, idx(ow));
  Value y = add(mul(oy, idx(strides[0])), mul(ky, idx(dilations[0])));
  Value x = add(mul(ox, idx(strides[1])), mul(kx, idx(dilations[1])));
  return memref::LoadOp::create(b, loc, k.b, ValueRange{batch, c, y, x});
}

SmallVector<Value> KernelBuilder::cIndex(Value row, Value col) {
  if (!k.conv)
    return {row, col};
  int64_t ow = cast<MemRefType>(k.c.getType()).getDimSize(3);
  return {batch, row, arith::DivUIOp::create(b, loc, col, idx(ow)),
          arith::RemUIOp::create(b, loc, col, idx(ow))};
}

void KernelBuilder::loadTiles(Value tx, Value ty, Value k0) {
  Value tid = add(mul(ty, idx(t.tx)), tx);
  // Element e of `total` for each of this thread's shares (e = tid + r·T),
  // the last round guarded when T does not divide `total`.
  auto forEachShare = [&](int64_t total, function_ref<void(Value)> one) {
    for (int64_t r = 0, rounds = llvm::divideCeilSigned(total, t.threads());
         r < rounds; ++r) {
      Value e = add(tid, idx(r * t.threads()));
      if (total % t.threads() == 0) {
        one(e);
        continue;
      }
      auto ifOp = scf::IfOp::create(b, loc, lt(e, idx(total)), false);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(ifOp.thenBlock());
      one(e);
    }
  };
  // Scalar loads of rows × inner elements, element e = (outer, inner) with
  // inner fastest (coalesced along memory's contiguous dimension).
  auto scalarLoads = [&](int64_t rows, int64_t inner,
                         function_ref<void(Value, Value)> one) {
    forEachShare(rows * inner, [&](Value e) {
      one(arith::DivUIOp::create(b, loc, e, idx(inner)),
          arith::RemUIOp::create(b, loc, e, idx(inner)));
    });
  };
  // Vector loads of four consecutive k: rows of A (and of B stored [N, K])
  // start 16-byte aligned when K % 4 == 0 and the buffer is not a view.
  auto vectorLoads = [&](int64_t rows, Value source,
                         function_ref<Value(Value)> rowOf, Value rowLimit,
                         Value tile) {
    int64_t quads = t.bk / 4;
    forEachShare(rows * quads, [&](Value e) {
      Value row = arith::DivUIOp::create(b, loc, e, idx(quads));
      Value q = arith::RemUIOp::create(b, loc, e, idx(quads));
      Value kk = mul(q, idx(4));
      Value globalRow = rowOf(row);
      Value kg = add(k0, kk);
      Value ok = both(lt(globalRow, rowLimit), lt(kg, kDim));
      for (auto [l, lane] :
           llvm::enumerate(loadRun(source, globalRow, kg, ok, 4)))
        memref::StoreOp::create(b, loc, lane, tile,
                                ValueRange{add(kk, idx(l)), row});
    });
  };

  // A: [M, K] → aTile[kk][i].
  auto aRow = [&](Value i) { return add(rowBase, i); };
  if (vectorA) {
    vectorLoads(t.bm(), k.a, aRow, m, aTile);
  } else {
    scalarLoads(t.bm(), t.bk, [&](Value i, Value kk) {
      Value row = aRow(i), kg = add(k0, kk);
      Value v = guardedLoad(both(lt(row, m), lt(kg, kDim)),
                            [&] { return loadA(row, kg); });
      memref::StoreOp::create(b, loc, v, aTile, ValueRange{kk, i});
    });
  }

  // B → bTile[kk][c], c a local column (mapped through the groups).
  if (k.transposedB) {
    if (vectorB) {
      vectorLoads(
          t.bn(), k.b, [&](Value c) { return globalColumn(c); }, n, bTile);
      return;
    }
    scalarLoads(t.bn(), t.bk, [&](Value c, Value kk) {
      Value col = globalColumn(c), kg = add(k0, kk);
      Value v = guardedLoad(both(columnInBounds(c), lt(kg, kDim)),
                            [&] { return loadB(kg, col); });
      memref::StoreOp::create(b, loc, v, bTile, ValueRange{kk, c});
    });
    return;
  }
  scalarLoads(t.bk, t.bn(), [&](Value kk, Value c) {
    Value col = globalColumn(c), kg = add(k0, kk);
    Value v = guardedLoad(both(columnInBounds(c), lt(kg, kDim)),
                          [&] { return loadB(kg, col); });
    memref::StoreOp::create(b, loc, v, bTile, ValueRange{kk, c});
  });
}

void KernelBuilder::multiplyTiles(Value tx, Value ty) {
  // Registers across the BK steps: one load of each accumulator per tile.
  SmallVector<Value> sums;
  for (int64_t i = 0; i < t.tm; ++i)
    for (int64_t j = 0; j < t.tn; ++j)
      sums.push_back(accLoad(tx, ty, i, j));
  auto loop = scf::ForOp::create(
      b, loc, idx(0), idx(t.bk), idx(1), sums,
      [&](OpBuilder &, Location, Value kk, ValueRange iter) {
        SmallVector<Value> as, bs, next;
        for (int64_t i = 0; i < t.tm; ++i)
          as.push_back(memref::LoadOp::create(
              b, loc, aTile, ValueRange{kk, add(ty, idx(t.ty * i))}));
        for (int64_t j = 0; j < t.tn; ++j)
          bs.push_back(memref::LoadOp::create(
              b, loc, bTile, ValueRange{kk, add(tx, idx(t.tx * j))}));
        for (int64_t i = 0; i < t.tm; ++i)
          for (int64_t j = 0; j < t.tn; ++j)
            next.push_back(
                math::FmaOp::create(b, loc, as[i], bs[j], iter[i * t.tn + j]));
        scf::YieldOp::create(b, loc, next);
      });
  for (int64_t i = 0; i < t.tm; ++i)
    for (int64_t j = 0; j < t.tn; ++j)
      accStore(loop.getResult(i * t.tn + j), tx, ty, i, j);
}

void KernelBuilder::initAccumulators(Value tx, Value ty) {
  Value fillValue;
  if (k.fill)
    fillValue = k.fill.getInputs()[0];
  for (int64_t i = 0; i < t.tm; ++i) {
    Value row = add(rowBase, add(ty, idx(t.ty * i)));
    for (int64_t j = 0; j < t.tn; ++j) {
      Value v = fillValue;
      if (!v) {
        Value c = add(tx, idx(t.tx * j));
        Value col = globalColumn(c);
        v = guardedLoad(both(lt(row, m), columnInBounds(c)), [&] {
          return memref::LoadOp::create(b, loc, initialC(), cIndex(row, col));
        });
      }
      accStore(v, tx, ty, i, j);
    }
  }
}

void KernelBuilder::applyAtPoint(
    linalg::GenericOp op, ValueRange point, Value inBounds,
    llvm::DenseMap<Value, Value> &valueOf,
    function_ref<Value(Value, int64_t)> groupValue) {
  IRMapping mapping;
  Block &body = op.getRegion().front();
  auto loadAt = [&](Value buffer, AffineMap map) -> Value {
    SmallVector<Value> indices;
    for (AffineExpr e : map.getResults()) {
      if (auto d = dyn_cast<AffineDimExpr>(e))
        indices.push_back(point[d.getPosition()]);
      else
        indices.push_back(idx(cast<AffineConstantExpr>(e).getValue()));
    }
    Type type = cast<MemRefType>(buffer.getType()).getElementType();
    if (!type.isF32())
      return memref::LoadOp::create(b, loc, buffer, indices);
    return guardedLoad(inBounds, [&] {
      return memref::LoadOp::create(b, loc, buffer, indices);
    });
  };
  for (OpOperand *input : op.getDpsInputOperands()) {
    Value arg = body.getArgument(input->getOperandNumber());
    Value v = input->get();
    AffineMap map = op.getMatchingIndexingMap(input);
    if (!isa<MemRefType>(v.getType())) {
      mapping.map(arg, v);
      continue;
    }
    auto fused = k.fused.find(v);
    if (fused == k.fused.end())
      mapping.map(arg, loadAt(v, map));
    else if (fused->second.viewOf)
      mapping.map(arg, groupValue(fused->second.viewOf, *groupOf(map)));
    else
      mapping.map(arg, valueOf.lookup(v));
  }
  for (OpOperand &out : op.getDpsInitsMutable()) {
    Value arg = body.getArgument(out.getOperandNumber());
    if (!arg.use_empty())
      mapping.map(arg, loadAt(out.get(), op.getMatchingIndexingMap(&out)));
  }
  for (Operation &inner : body.without_terminator())
    b.clone(inner, mapping);
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  for (auto [out, yielded] : llvm::zip(op.getOutputs(), yield.getValues()))
    valueOf[out] = mapping.lookupOrDefault(yielded);
}

void KernelBuilder::storeIf(Value inBounds, Value v, Value buffer,
                            ValueRange at) {
  auto ifOp = scf::IfOp::create(b, loc, inBounds, false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(ifOp.thenBlock());
  memref::StoreOp::create(b, loc, v, buffer, at);
}

void KernelBuilder::epilogueAt(Value row, ArrayRef<Value> columns, Value point,
                               Value inBounds, ArrayRef<Value> values) {
  int64_t g = k.groups;
  SmallVector<llvm::DenseMap<Value, Value>> columnValues(g);
  for (int64_t q = 0; q < g; ++q)
    columnValues[q][k.c] = values[q];
  // Per-column ops on each group's element, then per-point ops.
  for (linalg::GenericOp op : k.epilogue) {
    if (spaceOf(k, op) != Space::Columns)
      continue;
    for (int64_t q = 0; q < g; ++q)
      applyAtPoint(op, ValueRange{row, columns[q]}, inBounds, columnValues[q],
                   {});
  }
  if (k.storeC)
    for (int64_t q = 0; q < g; ++q)
      storeIf(inBounds, columnValues[q][k.c], k.c, cIndex(row, columns[q]));
  for (linalg::GenericOp op : k.epilogue) {
    if (spaceOf(k, op) != Space::Columns)
      continue;
    for (int64_t q = 0; q < g; ++q)
      for (Value out : op.getOutputs())
        storeIf(inBounds, columnValues[q][out], out,
                ValueRange{row, columns[q]});
  }
  if (g == 1)
    return;
  llvm::DenseMap<Value, Value> pointValues;
  for (linalg::GenericOp op : k.epilogue) {
    if (spaceOf(k, op) != Space::Groups)
      continue;
    applyAtPoint(op, ValueRange{row, point}, inBounds, pointValues,
                 [&](Value viewed, int64_t q) {
                   return columnValues[q].lookup(viewed);
                 });
    for (Value out : op.getOutputs())
      storeIf(inBounds, pointValues[out], out, ValueRange{row, point});
  }
}

void KernelBuilder::runEpilogue(Value tx, Value ty) {
  int64_t g = k.groups, pointsPerThread = t.tn / g;
  for (int64_t i = 0; i < t.tm; ++i) {
    Value row = add(rowBase, add(ty, idx(t.ty * i)));
    for (int64_t p = 0; p < pointsPerThread; ++p) {
      // Thread columns j = q·pointsPerThread + p, q < G, hold group q of one
      // point (with G = 1: the point itself).
      SmallVector<Value> columns, values;
      Value inBounds;
      for (int64_t q = 0; q < g; ++q) {
        int64_t j = q * pointsPerThread + p;
        Value c = add(tx, idx(t.tx * j));
        columns.push_back(globalColumn(c));
        if (!inBounds)
          inBounds = both(lt(row, m), columnInBounds(c));
        values.push_back(accLoad(tx, ty, i, j));
      }
      Value point = g == 1 ? Value() : pointOf(add(tx, idx(t.tx * p)));
      epilogueAt(row, columns, point, inBounds, values);
    }
  }
}

/// Whether `v` is a whole buffer (not a view), so that its rows start
/// where the allocation's alignment puts them.
bool isWholeBuffer(Value v) {
  auto type = cast<MemRefType>(v.getType());
  if (!type.getLayout().isIdentity())
    return false;
  if (isa<BlockArgument>(v))
    return true;
  return isa_and_nonnull<memref::AllocOp, memref::GetGlobalOp>(
      v.getDefiningOp());
}

void KernelBuilder::build() {
  Value gridZ;
  if (k.conv) {
    auto filter = cast<MemRefType>(k.a.getType());
    auto output = cast<MemRefType>(k.c.getType());
    m = idx(filter.getDimSize(0));
    kDim =
        idx(filter.getDimSize(1) * filter.getDimSize(2) * filter.getDimSize(3));
    n = idx(output.getDimSize(2) * output.getDimSize(3));
    gridZ = memref::DimOp::create(b, loc, k.c, 0);
  } else {
    m = memref::DimOp::create(b, loc, k.a, 0);
    kDim = memref::DimOp::create(b, loc, k.a, 1);
    n = memref::DimOp::create(b, loc, k.c, 1);
    int64_t staticK = cast<MemRefType>(k.a.getType()).getDimSize(1);
    bool kQuads = !ShapedType::isDynamic(staticK) && staticK % 4 == 0;
    vectorA = kQuads && isWholeBuffer(k.a);
    vectorB = kQuads && k.transposedB && isWholeBuffer(k.b) && k.groups == 1;
  }
  np = k.groups == 1
           ? n
           : arith::DivUIOp::create(b, loc, n, idx(k.groups)).getResult();

  int64_t bnPoints = t.bn() / k.groups;
  auto ceilDiv = [&](Value x, int64_t d) {
    return arith::DivUIOp::create(b, loc, add(x, idx(d - 1)), idx(d))
        .getResult();
  };
  Value gridX = ceilDiv(np, bnPoints), gridY = ceilDiv(m, t.bm());

  auto aTileType = MemRefType::get({t.bk, t.bm()}, b.getF32Type());
  auto bTileType = MemRefType::get({t.bk, t.bn()}, b.getF32Type());
  auto accType =
      emitter.isEmulated()
          ? MemRefType::get({t.ty, t.tx, t.tm * t.tn}, b.getF32Type())
          : MemRefType::get({t.tm * t.tn}, b.getF32Type());

  emitter.emit(
      gridX, gridY, gridZ, {aTileType, bTileType},
      [&](Value bx, Value by, Value bz, ValueRange shared) {
        batch = bz;
        rowBase = mul(by, idx(t.bm()));
        colBase = mul(bx, idx(bnPoints));
        aTile = shared[0];
        bTile = shared[1];
        // Accumulators: registers once LLVM promotes the (constant-indexed)
        // private array.
        acc = emitter.privateBuffer(accType);
        forEachThread([&](Value tx, Value ty) { initAccumulators(tx, ty); },
                      /*sync=*/false);
        scf::ForOp::create(
            b, loc, idx(0), kDim, idx(t.bk), ValueRange{},
            [&](OpBuilder &, Location, Value k0, ValueRange) {
              forEachThread([&](Value tx, Value ty) { loadTiles(tx, ty, k0); },
                            /*sync=*/true);
              forEachThread([&](Value tx, Value ty) { multiplyTiles(tx, ty); },
                            /*sync=*/true);
              scf::YieldOp::create(b, loc);
            });
        forEachThread([&](Value tx, Value ty) { runEpilogue(tx, ty); },
                      /*sync=*/false);
      });
}

SmallVector<Value> KernelBuilder::loadRun(Value buffer, Value row, Value kk,
                                          Value ok, int64_t width) {
  if (width == 1)
    return {guardedLoad(ok, [&] {
      return memref::LoadOp::create(b, loc, buffer, ValueRange{row, kk});
    })};
  auto vecType = VectorType::get({width}, b.getF32Type());
  auto ifOp = scf::IfOp::create(b, loc, TypeRange{vecType}, ok, true);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(ifOp.thenBlock());
    auto load =
        vector::LoadOp::create(b, loc, vecType, buffer, ValueRange{row, kk});
    // The host emulation's arguments have malloc's alignment only.
    if (!emitter.isEmulated())
      load.setAlignment(16);
    scf::YieldOp::create(b, loc, load.getResult());
    b.setInsertionPointToStart(ifOp.elseBlock());
    scf::YieldOp::create(
        b, loc,
        arith::ConstantOp::create(b, loc, DenseElementsAttr::get(vecType, 0.0f))
            .getResult());
  }
  SmallVector<Value> lanes;
  for (int64_t l = 0; l < width; ++l)
    lanes.push_back(vector::ExtractOp::create(b, loc, ifOp.getResult(0),
                                              ArrayRef<int64_t>{l}));
  return lanes;
}

void KernelBuilder::buildSkinny(int64_t rows) {
  int64_t g = k.groups, r = GpuSchedule::skinnyRowsPerWarp(rows, g),
          slots = r * g;
  m = idx(rows);
  kDim = memref::DimOp::create(b, loc, k.a, 1);
  n = memref::DimOp::create(b, loc, k.c, 1);
  np = g == 1 ? n : arith::DivUIOp::create(b, loc, n, idx(g)).getResult();
  // A lane reads `width` consecutive k (4 where every row of A and B starts
  // 16-byte aligned), `unroll` such runs per iteration so that several loads
  // are in flight.
  int64_t staticK = cast<MemRefType>(k.a.getType()).getDimSize(1);
  bool quads = !ShapedType::isDynamic(staticK) && staticK % 4 == 0 &&
               isWholeBuffer(k.a) && isWholeBuffer(k.b);
  int64_t width = quads ? 4 : 1, unroll = quads ? 2 : 4;
  int64_t warps = t.ty;
  Value gridX =
      arith::DivUIOp::create(b, loc, add(np, idx(warps - 1)), idx(warps));
  // partials[warp][lane][slot], a row padded by one word: lanes writing one
  // slot, and lanes reading one lane's slots, hit 32 different banks.
  auto partialsType = MemRefType::get({warps, GpuSchedule::warpSize, slots + 1},
                                      b.getF32Type());
  auto totalsType = MemRefType::get({warps, slots}, b.getF32Type());
  Value fillValue = k.fill ? k.fill.getInputs()[0] : Value();

  Value gridY = idx(llvm::divideCeil(rows, r));
  emitter.emit(
      gridX, gridY, Value(), {partialsType, totalsType},
      [&](Value bx, Value by, Value, ValueRange shared) {
        rowBase = mul(by, idx(r));
        Value partials = shared[0], totals = shared[1];
        auto pointOfWarp = [&](Value warp) {
          return add(mul(bx, idx(warps)), warp);
        };
        // C's column of group q at `point`: q · N/G + point.
        auto columnOf = [&](Value q, Value point) {
          return add(mul(q, np), point);
        };
        auto columnsOf = [&](Value point) {
          SmallVector<Value> columns;
          for (int64_t q = 0; q < g; ++q)
            columns.push_back(q == 0 ? point : columnOf(idx(q), point));
          return columns;
        };
        // Each lane's partial sums of every (row, group) over its share of K.
        forEachThread(
            [&](Value lane, Value warp) {
              Value point = pointOfWarp(warp);
              Value live = lt(point, np);
              SmallVector<Value> columns = columnsOf(point);
              SmallVector<Value> zeros(slots, f32(0));
              auto loop = scf::ForOp::create(
                  b, loc, mul(lane, idx(width)), kDim,
                  idx(GpuSchedule::warpSize * width * unroll), zeros,
                  [&](OpBuilder &, Location, Value k0, ValueRange iter) {
                    SmallVector<Value> sums(iter.begin(), iter.end());
                    for (int64_t u = 0; u < unroll; ++u) {
                      Value kk =
                          add(k0, idx(u * GpuSchedule::warpSize * width));
                      Value ok = both(live, lt(kk, kDim));
                      SmallVector<SmallVector<Value>> as, bs;
                      for (int64_t i = 0; i < r; ++i) {
                        // The last row block may be partial.
                        Value row = add(rowBase, idx(i));
                        Value rowOk = rows % r == 0 ? ok : both(ok, lt(row, m));
                        as.push_back(loadRun(k.a, row, kk, rowOk, width));
                      }
                      for (int64_t q = 0; q < g; ++q)
                        bs.push_back(loadRun(k.b, columns[q], kk, ok, width));
                      for (int64_t i = 0; i < r; ++i)
                        for (int64_t q = 0; q < g; ++q)
                          for (int64_t l = 0; l < width; ++l)
                            sums[i * g + q] = math::FmaOp::create(
                                b, loc, as[i][l], bs[q][l], sums[i * g + q]);
                    }
                    scf::YieldOp::create(b, loc, sums);
                  });
              for (int64_t s = 0; s < slots; ++s)
                memref::StoreOp::create(b, loc, loop.getResult(s), partials,
                                        ValueRange{warp, lane, idx(s)});
            },
            /*sync=*/true);
        // Lane s adds up slot s (row s / G, group s % G) over the 32 lanes,
        // onto C's initial value.
        forEachThread(
            [&](Value lane, Value warp) {
              Value point = pointOfWarp(warp);
              Value row =
                  add(rowBase, arith::DivUIOp::create(b, loc, lane, idx(g)));
              Value q = arith::RemUIOp::create(b, loc, lane, idx(g));
              Value inBounds =
                  both(both(lt(lane, idx(slots)), lt(row, m)), lt(point, np));
              auto ifOp = scf::IfOp::create(b, loc, inBounds, false);
              OpBuilder::InsertionGuard guard(b);
              b.setInsertionPointToStart(ifOp.thenBlock());
              Value init = fillValue;
              if (!init)
                init = memref::LoadOp::create(b, loc, initialC(),
                                              cIndex(row, columnOf(q, point)));
              auto sum = scf::ForOp::create(
                  b, loc, idx(0), idx(GpuSchedule::warpSize), idx(1),
                  ValueRange{init},
                  [&](OpBuilder &, Location, Value l, ValueRange acc) {
                    Value part = memref::LoadOp::create(
                        b, loc, partials, ValueRange{warp, l, lane});
                    scf::YieldOp::create(
                        b, loc,
                        arith::AddFOp::create(b, loc, acc[0], part)
                            .getResult());
                  });
              memref::StoreOp::create(b, loc, sum.getResult(0), totals,
                                      ValueRange{warp, lane});
            },
            /*sync=*/true);
        // Lane i runs the epilogue of the block's row i.
        forEachThread(
            [&](Value lane, Value warp) {
              Value point = pointOfWarp(warp);
              Value row = add(rowBase, lane);
              Value inBounds =
                  both(both(lt(lane, idx(r)), lt(row, m)), lt(point, np));
              auto ifOp = scf::IfOp::create(b, loc, inBounds, false);
              OpBuilder::InsertionGuard guard(b);
              b.setInsertionPointToStart(ifOp.thenBlock());
              SmallVector<Value> columns = columnsOf(point), values;
              Value yes = arith::ConstantIntOp::create(b, loc, 1, 1);
              for (int64_t q = 0; q < g; ++q)
                values.push_back(memref::LoadOp::create(
                    b, loc, totals,
                    ValueRange{warp, add(mul(lane, idx(g)), idx(q))}));
              epilogueAt(row, columns, g == 1 ? Value() : point, yes, values);
            },
            /*sync=*/false);
      });
}

} // namespace

void gpu_kernels::buildTiledGemmKernel(GemmKernel &k, GpuTiling t,
                                       bool emulate) {
  KernelBuilder(k, t, emulate).build();
}

void gpu_kernels::buildSkinnyGemmKernel(GemmKernel &k, GpuTiling t,
                                        int64_t rows, bool emulate) {
  KernelBuilder(k, t, emulate).buildSkinny(rows);
}
