//===- CpuSchedule.cpp - Every decision of the CPU back end ---------------===//

#include "hyper/Codegen/CPU/CpuSchedule.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::hyper;

SmallVector<int64_t> mlir::hyper::clampToRanges(SmallVector<int64_t> sizes,
                                                ArrayRef<int64_t> ranges) {
  for (auto [size, range] : llvm::zip_equal(sizes, ranges))
    if (!ShapedType::isDynamic(range) && range < size)
      size = range;
  return sizes;
}

CpuSchedule CpuSchedule::get(int64_t vectorWidth, int64_t mTile, int64_t kPanel,
                             int64_t prefetchBytes, bool parallel) {
  CpuSchedule s = forTarget(CpuTarget::generic(vectorWidth), parallel);
  s.vectorWidth = vectorWidth;
  if (mTile > 0)
    s.mTile = mTile;
  if (kPanel > 0)
    s.kPanel = kPanel;
  if (prefetchBytes > 0)
    s.prefetchBytes = prefetchBytes;
  return s;
}

CpuSchedule CpuSchedule::forTarget(const CpuTarget &target, bool parallel) {
  CpuSchedule s;
  s.parallel = parallel;
  s.vectorWidth = target.lanes();
  // The register tile: mTile rows of two accumulator vectors, the two B
  // vectors of the k step and the broadcast of A.
  constexpr int64_t bVectors = 2, maxRows = 8;
  s.mTile = std::clamp<int64_t>(
      (target.vectorRegisters - bVectors - 1) / bVectors, 1, maxRows);
  // A cache tile's A [cacheRows, kPanel] and B [kPanel, cacheColumns]
  // panels within half the L2, the other half for C and the next panel.
  constexpr int64_t minPanel = 64, f32Bytes = 4;
  while (s.kPanel > minPanel &&
         (s.cacheRows + s.cacheColumns) * s.kPanel * f32Bytes >
             target.l2Bytes / 2)
    s.kPanel /= 2;
  s.prefetchBytes =
      std::min<int64_t>(s.prefetchBytes, std::max<int64_t>(target.l1dBytes / 2,
                                                           s.cacheLineBytes));
  return s;
}

void CpuSchedule::printOptions(llvm::raw_ostream &os) const {
  os << "vector-width=" << vectorWidth << " m-tile=" << mTile
     << " k-panel=" << kPanel << " prefetch-bytes=" << prefetchBytes;
}

int64_t CpuSchedule::minLanes() const {
  return std::max<int64_t>(vectorWidth / 4, 1);
}

SmallVector<int64_t, 3> CpuSchedule::laneWidths() const {
  SmallVector<int64_t, 3> widths;
  for (int64_t lanes = vectorWidth; lanes >= minLanes(); lanes /= 2)
    widths.push_back(lanes);
  return widths;
}

std::optional<int64_t> CpuSchedule::gemvLanes(int64_t k) const {
  for (int64_t lanes : laneWidths())
    if (k % lanes == 0)
      return lanes;
  return std::nullopt;
}

int64_t CpuSchedule::rowBlock(int64_t n) const {
  int64_t rows = std::max<int64_t>(gemvRows, 1);
  while (n % rows != 0)
    rows /= 2;
  return rows;
}

bool CpuSchedule::gemvOnThreads(int64_t elements) const {
  return parallel && elements >= parallelGemvElements;
}

bool CpuSchedule::gemmWorthThreads(ArrayRef<int64_t> ranges) const {
  int64_t macs = 1;
  for (int64_t range : ranges) {
    if (ShapedType::isDynamic(range))
      return true;
    // Past int64, certainly worth it.
    if (__builtin_mul_overflow(macs, range, &macs))
      return true;
  }
  return macs >= parallelGemmMacs;
}

SmallVector<int64_t, 3> CpuSchedule::gemmRegisterTile() const {
  return {mTile, 2 * vectorWidth, 1};
}

GemmSchedule CpuSchedule::gemm(ArrayRef<int64_t> ranges, bool serial) const {
  GemmSchedule g;
  SmallVector<int64_t> cache =
      clampToRanges({cacheRows, cacheColumns, 0}, ranges);
  g.cacheTile = {cache[0], cache[1]};
  g.onThreads = parallel && !serial && gemmWorthThreads(ranges);
  g.kPanel = clampToRanges({0, 0, kPanel}, ranges)[2];
  SmallVector<int64_t, 3> reg = gemmRegisterTile();
  g.registerTile = SmallVector<int64_t, 3>(
      clampToRanges(SmallVector<int64_t>(reg.begin(), reg.end()), ranges));
  return g;
}

int64_t CpuSchedule::convColumnBlock(int64_t ow) const {
  if (vectorWidth <= 0)
    return 0;
  return ow % (2 * vectorWidth) == 0 ? 2 * vectorWidth
         : ow % vectorWidth == 0     ? vectorWidth
                                     : 0;
}

ConvGemmSchedule CpuSchedule::convGemm(ArrayRef<int64_t> ranges,
                                       bool serial) const {
  ConvGemmSchedule c;
  c.onThreads = parallel && !serial;
  int64_t ni = ranges[2];
  int64_t blocks = std::max<int64_t>(1, convCachePixels / ni);
  if (c.onThreads && !ShapedType::isDynamic(ranges[0]) &&
      !ShapedType::isDynamic(ranges[1]))
    while (blocks > 1 && llvm::divideCeil(ranges[0], convCacheFilters) *
                                 llvm::divideCeil(ranges[1], blocks) <
                             static_cast<uint64_t>(convMinTiles))
      blocks /= 2;
  auto clamp = [&](SmallVector<int64_t> sizes) {
    return SmallVector<int64_t, 4>(clampToRanges(sizes, ranges));
  };
  c.cacheTile = clamp({convCacheFilters, blocks, 0, 0});
  c.panel = clamp({0, 0, 0, convPanel});
  c.registerTile = clamp({mTile, 1, 0, 1});
  return c;
}

bool CpuSchedule::laneSumsOnThreads(ArrayRef<int64_t> ranges) const {
  return parallel &&
         (llvm::any_of(ranges, ShapedType::isDynamic) ||
          ShapedType::getNumElements(ranges) >= parallelSumElements);
}

bool CpuSchedule::elementwiseOnThreads(ArrayRef<int64_t> ranges,
                                       bool serial) const {
  int64_t staticElements = 1;
  for (int64_t r : ranges)
    if (!ShapedType::isDynamic(r))
      staticElements *= r;
  return parallel && staticElements >= parallelElements && ranges.size() >= 2 &&
         !serial;
}

SmallVector<int64_t>
CpuSchedule::elementwiseTile(ArrayRef<int64_t> ranges) const {
  SmallVector<int64_t> sizes(ranges.size(), 1);
  if (!ranges.empty())
    sizes.back() = ShapedType::isDynamic(ranges.back())
                       ? vectorWidth
                       : std::min<int64_t>(vectorWidth, ranges.back());
  return sizes;
}

SmallVector<int64_t>
CpuSchedule::elementwiseThreadTile(ArrayRef<int64_t> ranges) const {
  // One parallel iteration per outer point (an image's channel, a gather's
  // channel and filter row): coarse enough for the fork.
  SmallVector<int64_t> outer(ranges.size(), 0);
  if (!ranges.empty())
    outer[0] = 1;
  if (ranges.size() >= 3)
    outer[1] = 1;
  return outer;
}

static void printList(llvm::raw_ostream &os, ArrayRef<int64_t> sizes) {
  llvm::interleave(
      sizes, os,
      [&](int64_t s) {
        if (ShapedType::isDynamic(s))
          os << "?";
        else
          os << s;
      },
      "x");
}

void GemmSchedule::print(llvm::raw_ostream &os) const {
  os << "cache tiles ";
  printList(os, cacheTile);
  os << (onThreads ? " on the threads" : " on one thread") << ", K panels ";
  if (kPanel)
    os << kPanel;
  else
    os << "whole";
  os << ", register tiles ";
  printList(os, registerTile);
}

void ConvGemmSchedule::print(llvm::raw_ostream &os) const {
  os << "cache tiles of " << cacheTile[0] << " filters x " << cacheTile[1]
     << " pixel blocks" << (onThreads ? " on the threads" : " on one thread")
     << ", K panels " << panel[3] << ", register tiles of " << registerTile[0]
     << " filters x one pixel block";
}
