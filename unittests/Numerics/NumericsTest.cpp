//===- NumericsTest.cpp - Compiled hyper ops against a naive reference ----===//
//
// Each case writes a small model in the hyper dialect with awkward shapes
// (sizes that are not multiples of the vector width, B = 1, T = 1, dynamic
// batch and sequence length, strides, asymmetric padding, dilation,
// per-sample kernels, lengths, initial states), compiles it with the CPU
// pipeline and the JIT, runs it on seeded random data, and compares every
// result with the naive float64 loops of Reference.cpp within the project's
// tolerance |got − want| ≤ 1e-4 + 1e-4·|want|.
//
//===----------------------------------------------------------------------===//

#include "Reference.h"

#include "hyper/Driver/Driver.h"
#include "hyper/Driver/Jit.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <cstring>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

using namespace mlir;
using reference::Vec;
namespace rt = hyperrt;

namespace {

constexpr int64_t kDyn = -1;

/// Seeded uniform values in [-scale, scale] (a portable LCG).
class Random {
public:
  explicit Random(uint64_t seed) : state(seed) {}
  Vec values(size_t n, double scale = 0.5) {
    Vec v(n);
    for (double &x : v) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      x = scale * (2.0 * ((state >> 11) * (1.0 / 9007199254740992.0)) - 1.0);
    }
    return v;
  }

private:
  uint64_t state;
};

size_t product(const std::vector<int64_t> &shape) {
  size_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// "tensor<2x?x3xf32>" (kDyn prints as ?).
std::string tensorType(const std::vector<int64_t> &shape,
                       const std::string &element = "f32") {
  std::string s = "tensor<";
  for (int64_t d : shape)
    s += (d == kDyn ? std::string("?") : std::to_string(d)) + "x";
  return s + element + ">";
}

rt::Array toArray(const Vec &v, const std::vector<int64_t> &shape) {
  rt::Array a(rt::DType::F32, shape);
  for (size_t i = 0; i < v.size(); ++i)
    a.as<float>()[i] = static_cast<float>(v[i]);
  return a;
}

/// Values rounded to f32, as the compiled code sees them.
Vec roundToFloat(Vec v) {
  for (double &x : v)
    x = static_cast<float>(x);
  return v;
}

/// Compares `got` with `want` elementwise within the project's tolerance.
void expectClose(const rt::Array &got, const Vec &want,
                 const std::vector<int64_t> &shape, const std::string &what) {
  ASSERT_EQ(got.shape(), shape) << what;
  ASSERT_EQ(static_cast<size_t>(got.numElements()), want.size()) << what;
  double worst = 0;
  size_t failures = 0, first = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    double err = std::abs(got.as<float>()[i] - want[i]);
    worst = std::max(worst, err);
    if (err > 1e-4 + 1e-4 * std::abs(want[i]) && failures++ == 0)
      first = i;
  }
  EXPECT_EQ(failures, 0u) << what << ": " << failures << " of " << want.size()
                          << " values off, first at " << first << " (got "
                          << got.as<float>()[first] << ", want " << want[first]
                          << "); max |diff| " << worst;
}

/// Where a test's functions run: the CPU pipeline, or the GPU pipeline's
/// kernel schedule emulated on the host (GPU execution needs a device; the
/// emulator checks the schedule's tiling, guards and fused epilogues).
enum class Target { CPU, CPUThreads, GPUEmulator };

std::string targetName(const ::testing::TestParamInfo<Target> &info) {
  switch (info.param) {
  case Target::CPU:
    return "CPU";
  case Target::CPUThreads:
    return "CPUThreads";
  case Target::GPUEmulator:
    return "GPUEmulator";
  }
  return "";
}

hyper::TargetInfo targetInfo(Target t) {
  switch (t) {
  case Target::CPU:
    return hyper::TargetInfo::forCpu();
  case Target::CPUThreads:
    return hyper::TargetInfo::forCpu(/*threads=*/true);
  case Target::GPUEmulator:
    return hyper::TargetInfo::gpuEmulator();
  }
  return {};
}

class NumericsTest : public ::testing::TestWithParam<Target> {
public:
  /// Compiles function `name` of `source` and calls it.
  std::vector<rt::Array> run(const std::string &source, const std::string &name,
                             std::vector<rt::Array> args) {
    OwningOpRef<ModuleOp> module =
        parseSourceString<ModuleOp>(source, &tool.getContext());
    EXPECT_TRUE(module) << source;
    if (!module)
      return {};
    auto func = module->lookupSymbol<func::FuncOp>(name);
    std::string error;
    std::unique_ptr<hyper::JitFunction> jit = hyper::JitFunction::compile(
        *module, func, error, targetInfo(GetParam()));
    EXPECT_TRUE(jit) << error;
    if (!jit)
      return {};
    std::optional<std::vector<rt::Array>> results = jit->call(args, error);
    EXPECT_TRUE(results) << error;
    return results ? std::move(*results) : std::vector<rt::Array>{};
  }

  hyper::ToolContext tool;
};

//===----------------------------------------------------------------------===//
// HyperLSTM and HyperRNN
//===----------------------------------------------------------------------===//

const char *const kWeightNames[] = {
    "hyper.w_x",  "hyper.w_h", "hyper.b",   "proj.w_zx",  "proj.w_zh",
    "proj.w_zb",  "proj.b_zx", "proj.b_zh", "scale.w_dx", "scale.w_dh",
    "scale.w_db", "main.w_x",  "main.w_h",  "main.b"};
const char *const kLayerNormNames[] = {
    "hyper.ln_g", "hyper.ln_b", "hyper.ln_c_g", "hyper.ln_c_b",
    "main.ln_g",  "main.ln_b",  "main.ln_c_g",  "main.ln_c_b"};

/// A recurrent test case: the model, its data and the reference results.
struct RecurrentCase {
  reference::Recurrent r;
  int steps = 1, batch = 1; // actual sizes
  bool dynamicSteps = false, dynamicBatch = false;
  bool sequence = true, init = false;
  // Weights as constants in the function (what --weights does) instead of
  // arguments: the CPU schedule then packs them at compile time.
  bool bound = false;
  std::vector<int> lengths;

  reference::Weights weights;
  std::map<std::string, std::vector<int64_t>> shapes;

  std::string opName() const {
    return std::string(r.gates == 4 ? "lstm" : "rnn") +
           (sequence ? "" : "_cell");
  }
  std::vector<std::string> stateNames() const {
    return r.gates == 4 ? std::vector<std::string>{"h", "c", "hh", "hc"}
                        : std::vector<std::string>{"h", "hh"};
  }
  int64_t stateSize(const std::string &s) const {
    return s == "hh" || s == "hc" ? r.nhh : r.nh;
  }

  /// The model: one function taking x, [states], weights, [layer norm],
  /// [init], [lengths] and returning the op's results.
  std::string source() const {
    int64_t b = dynamicBatch ? kDyn : batch, t = dynamicSteps ? kDyn : steps;
    std::vector<int64_t> xShape = sequence ? std::vector<int64_t>{t, b, r.nx}
                                           : std::vector<int64_t>{b, r.nx};
    std::ostringstream sig, op, results, ret;
    sig << "func.func @f(%x: " << tensorType(xShape);
    auto group = [&](const std::string &keyword,
                     const std::vector<std::string> &names,
                     const std::vector<std::string> &types) {
      op << "\n      " << keyword << "(";
      for (size_t i = 0; i < names.size(); ++i)
        op << (i ? ", " : "") << names[i];
      op << " : ";
      for (size_t i = 0; i < types.size(); ++i)
        op << (i ? ", " : "") << types[i];
      op << ")";
    };
    auto addArgs = [&](const std::vector<std::string> &names,
                       const std::vector<std::string> &types) {
      for (size_t i = 0; i < names.size(); ++i)
        sig << ", " << names[i] << ": " << types[i];
    };
    std::vector<std::string> stateArgs, stateTypes;
    for (const std::string &s : stateNames()) {
      stateArgs.push_back("%s_" + s);
      stateTypes.push_back(tensorType({b, stateSize(s)}));
    }
    op << "hyper." << opName() << " %x : " << tensorType(xShape);
    if (!sequence) {
      addArgs(stateArgs, stateTypes);
      group("state", stateArgs, stateTypes);
    }
    std::vector<std::string> names, types;
    for (const char *n : kWeightNames) {
      std::string id = n;
      std::replace(id.begin(), id.end(), '.', '_');
      names.push_back("%" + id);
      types.push_back(tensorType(shapes.at(n)));
    }
    // Bound weights: `%name = arith.constant dense<"0x…">` (exact f32 bytes).
    std::ostringstream constants;
    auto bind = [&](const std::vector<std::string> &ids,
                    const std::vector<std::string> &tys,
                    const char *const *keys) {
      for (size_t i = 0; i < ids.size(); ++i) {
        constants << "  " << ids[i] << " = arith.constant dense<\"0x";
        for (double v : weights.at(keys[i])) {
          float f = static_cast<float>(v);
          unsigned char bytes[sizeof(float)];
          std::memcpy(bytes, &f, sizeof(float));
          for (unsigned char byte : bytes) {
            char hex[3];
            std::snprintf(hex, sizeof(hex), "%02X", byte);
            constants << hex;
          }
        }
        constants << "\"> : " << tys[i] << "\n";
      }
    };
    if (bound)
      bind(names, types, kWeightNames);
    else
      addArgs(names, types);
    auto slice = [](const std::vector<std::string> &v, size_t a, size_t e) {
      return std::vector<std::string>(v.begin() + a, v.begin() + e);
    };
    group("hyper", slice(names, 0, 3), slice(types, 0, 3));
    group("proj", slice(names, 3, 8), slice(types, 3, 8));
    group("scale", slice(names, 8, 11), slice(types, 8, 11));
    group("main", slice(names, 11, 14), slice(types, 11, 14));
    if (r.layerNorm) {
      std::vector<std::string> ln, lnTypes;
      for (const char *n : kLayerNormNames) {
        std::string id = n;
        std::replace(id.begin(), id.end(), '.', '_');
        ln.push_back("%" + id);
        lnTypes.push_back(tensorType(shapes.at(n)));
      }
      if (bound)
        bind(ln, lnTypes, kLayerNormNames);
      else
        addArgs(ln, lnTypes);
      group("layer_norm", ln, lnTypes);
    }
    if (sequence && init) {
      addArgs(stateArgs, stateTypes);
      group("init", stateArgs, stateTypes);
    }
    if (sequence && !lengths.empty()) {
      std::vector<std::string> l = {"%lengths"}, lt = {tensorType({b}, "i32")};
      addArgs(l, lt);
      group("lengths", l, lt);
    }
    auto real = [](double v) {
      char buffer[32];
      std::snprintf(buffer, sizeof(buffer), "%.9e", v);
      return std::string(buffer);
    };
    if (r.gates == 4)
      op << " {forget_bias = " << real(r.forgetBias)
         << " : f32, epsilon = " << real(r.epsilon) << " : f32"
         << (r.zFromPrevious ? ", z_source = #hyper.z_source<previous>" : "")
         << "}";
    // Results.
    std::vector<std::string> resultTypes;
    if (sequence)
      resultTypes.push_back(tensorType({t, b, r.nh}));
    for (const std::string &s : stateNames())
      resultTypes.push_back(tensorType({b, stateSize(s)}));
    sig << ") -> (";
    for (size_t i = 0; i < resultTypes.size(); ++i)
      sig << (i ? ", " : "") << resultTypes[i];
    sig << ") {\n"
        << constants.str() << "  %r:" << resultTypes.size() << " = " << op.str()
        << "\n  return ";
    for (size_t i = 0; i < resultTypes.size(); ++i)
      sig << (i ? ", " : "") << "%r#" << i;
    sig << " : ";
    for (size_t i = 0; i < resultTypes.size(); ++i)
      sig << (i ? ", " : "") << resultTypes[i];
    sig << "\n}\n";
    return sig.str();
  }
};

class RecurrentTest : public NumericsTest {
protected:
  void check(RecurrentCase c, uint64_t seed) {
    Random random(seed);
    c.shapes = reference::weightShapes(c.r);
    for (auto &[name, shape] : c.shapes) {
      Vec v = random.values(product(shape), 0.5);
      // Gains near 1 keep layer norm well conditioned.
      if (name.find("ln_") != std::string::npos && name.back() == 'g')
        for (double &x : v)
          x += 1.0;
      c.weights[name] = roundToFloat(v);
    }
    std::vector<int64_t> xShape =
        c.sequence ? std::vector<int64_t>{c.steps, c.batch, c.r.nx}
                   : std::vector<int64_t>{c.batch, c.r.nx};
    Vec x = roundToFloat(random.values(product(xShape), 1.0));
    reference::State init;
    init.h = roundToFloat(random.values(c.batch * c.r.nh));
    init.hh = roundToFloat(random.values(c.batch * c.r.nhh));
    if (c.r.gates == 4) {
      init.c = roundToFloat(random.values(c.batch * c.r.nh));
      init.hc = roundToFloat(random.values(c.batch * c.r.nhh));
    }
    if (c.sequence && !c.init) {
      for (Vec *v : {&init.h, &init.c, &init.hh, &init.hc})
        std::fill(v->begin(), v->end(), 0.0);
    }

    // Arguments in the model's order.
    std::vector<rt::Array> args;
    args.push_back(toArray(x, xShape));
    auto pushStates = [&] {
      for (const std::string &s : c.stateNames()) {
        const Vec &v = s == "h"    ? init.h
                       : s == "c"  ? init.c
                       : s == "hh" ? init.hh
                                   : init.hc;
        args.push_back(toArray(v, {c.batch, c.stateSize(s)}));
      }
    };
    if (!c.sequence)
      pushStates();
    if (!c.bound) {
      for (const char *n : kWeightNames)
        args.push_back(toArray(c.weights[n], c.shapes[n]));
      if (c.r.layerNorm)
        for (const char *n : kLayerNormNames)
          args.push_back(toArray(c.weights[n], c.shapes[n]));
    }
    if (c.sequence && c.init)
      pushStates();
    if (c.sequence && !c.lengths.empty()) {
      rt::Array l(rt::DType::I32, {c.batch});
      for (int b = 0; b < c.batch; ++b)
        l.as<int32_t>()[b] = c.lengths[b];
      args.push_back(std::move(l));
    }

    std::vector<rt::Array> got = run(c.source(), "f", std::move(args));
    ASSERT_FALSE(got.empty());

    reference::State last;
    Vec y;
    if (c.sequence)
      y = reference::sequence(c.r, c.weights, x, c.steps, c.batch, init,
                              c.lengths, last);
    else
      last = reference::step(c.r, c.weights, x, c.batch, init);
    size_t at = 0;
    if (c.sequence)
      expectClose(got[at++], y, {c.steps, c.batch, c.r.nh}, "y");
    for (const std::string &s : c.stateNames()) {
      const Vec &v = s == "h"    ? last.h
                     : s == "c"  ? last.c
                     : s == "hh" ? last.hh
                                 : last.hc;
      expectClose(got[at++], v, {c.batch, c.stateSize(s)}, "final " + s);
    }
  }
};

TEST_P(RecurrentTest, LSTMSingleStepSequenceWithBatchOne) {
  RecurrentCase c;
  c.r = {4, /*nx=*/3, /*nh=*/5, /*nhh=*/3, /*nz=*/2};
  c.steps = 1;
  c.batch = 1;
  check(c, 1);
}

TEST_P(RecurrentTest, LSTMLayerNormInitialStatesPreviousZ) {
  RecurrentCase c;
  c.r = {4,
         7,
         33,
         6,
         3,
         /*layerNorm=*/true,
         /*forgetBias=*/0.5,
         /*epsilon=*/1e-5,
         /*zFromPrevious=*/true};
  c.steps = 4;
  c.batch = 3;
  c.init = true;
  check(c, 2);
}

TEST_P(RecurrentTest, LSTMLengthsWithDynamicSizes) {
  RecurrentCase c;
  c.r = {4, 5, 17, 4, 3};
  c.steps = 5;
  c.batch = 4;
  c.dynamicSteps = c.dynamicBatch = true;
  c.init = true;
  c.lengths = {5, 1, 0, 3};
  check(c, 3);
}

// Sizes that cross the GPU schedule's tiles: 4·N_h = 160 gate columns over
// several blocks with a partial last one, K = 36 and 40 (three 16-deep K
// tiles, the last partial; multiples of 4 take the vector loads), B = 19
// rows over a partial row block, T·B = 57 rows for the input GEMM.
TEST_P(RecurrentTest, LSTMAcrossKernelTiles) {
  RecurrentCase c;
  c.r = {4, /*nx=*/36, /*nh=*/40, /*nhh=*/20, /*nz=*/4};
  c.steps = 3;
  c.batch = 19;
  c.init = true;
  check(c, 7);
}

// Bound weights (constants, as with --weights) wider than a register tile:
// the CPU schedule packs them at compile time in blocks of 32 columns —
// 4·N_h = 148 gate columns (four blocks and a partial one of 20), the hyper
// cell's 4·N̂ = 84 (two and 20) — with the batch's 19 rows over two full
// register tiles and a partial one; the dynamic-batch variant takes its
// last rows one by one.
TEST_P(RecurrentTest, LSTMBoundWeightsPackedAcrossTiles) {
  RecurrentCase c;
  c.r = {4, /*nx=*/36, /*nh=*/37, /*nhh=*/21, /*nz=*/4};
  c.steps = 3;
  c.batch = 19;
  c.init = true;
  c.bound = true;
  check(c, 11);
}

TEST_P(RecurrentTest, LSTMBoundWeightsDynamicBatchLayerNorm) {
  RecurrentCase c;
  c.r = {4, /*nx=*/36, /*nh=*/37, /*nhh=*/21, /*nz=*/4, /*layerNorm=*/true};
  c.steps = 3;
  c.batch = 11;
  c.dynamicBatch = c.dynamicSteps = true;
  c.bound = true;
  check(c, 12);
}

// Batch one with a main GEMV worth the threads (4·N_h·N_h = 64 K weights):
// with threads, the hyper cell, z projections and row scales run on the
// master thread inside the GEMV's parallel region (they do not feed it).
TEST_P(RecurrentTest, LSTMBatchOneHyperCellBesideTheMainGemv) {
  RecurrentCase c;
  c.r = {4, /*nx=*/16, /*nh=*/128, /*nhh=*/16, /*nz=*/4};
  c.steps = 3;
  c.batch = 1;
  c.init = true;
  check(c, 15);
}

TEST_P(RecurrentTest, LSTMBatchOneHyperCellBesideTheMainGemvBound) {
  RecurrentCase c;
  c.r = {4, /*nx=*/16, /*nh=*/128, /*nhh=*/16, /*nz=*/4,
         /*layerNorm=*/true};
  c.steps = 3;
  c.batch = 1;
  c.bound = true;
  check(c, 16);
}

// Bound weights at batch one: the CPU's GEMVs read them packed in row
// blocks, with K = N_h = 20, N̂ = 12 and the input's 7 columns all short of
// a multiple of 16 lanes (a zero-padded last step along K; N̂ = 12 only
// that step); the dynamic-batch variant's single row takes the same
// packed weights while its GEMM branch keeps its own.
TEST_P(RecurrentTest, LSTMBoundWeightsBatchOnePackedRowBlocks) {
  RecurrentCase c;
  c.r = {4, /*nx=*/7, /*nh=*/20, /*nhh=*/12, /*nz=*/3};
  c.steps = 3;
  c.batch = 1;
  c.init = true;
  c.bound = true;
  check(c, 13);
}

TEST_P(RecurrentTest, LSTMBoundWeightsDynamicBatchOfOnePackedRowBlocks) {
  RecurrentCase c;
  c.r = {4, /*nx=*/7, /*nh=*/20, /*nhh=*/12, /*nz=*/3, /*layerNorm=*/true};
  c.steps = 2;
  c.batch = 1;
  c.dynamicBatch = true;
  c.bound = true;
  check(c, 14);
}

// Batch one with sizes the CPU's GEMV path takes (K a multiple of the
// vector lanes, 4·N_h a multiple of the row block): each step's GEMVs are
// dot products along the weights' rows.
TEST_P(RecurrentTest, LSTMBatchOneRowDots) {
  RecurrentCase c;
  c.r = {4, /*nx=*/16, /*nh=*/24, /*nhh=*/8, /*nz=*/4};
  c.steps = 3;
  c.batch = 1;
  c.init = true;
  check(c, 8);
}

// A dynamic batch with sizes the GEMV path takes: one row at run time runs
// the dot products, more the GEMM (the same compiled function for both).
TEST_P(RecurrentTest, LSTMDynamicBatchOfOneRowDots) {
  RecurrentCase c;
  c.r = {4, /*nx=*/16, /*nh=*/24, /*nhh=*/8, /*nz=*/4, /*layerNorm=*/true};
  c.steps = 2;
  c.batch = 1;
  c.dynamicBatch = c.dynamicSteps = true;
  c.init = true;
  check(c, 10);
}

TEST_P(RecurrentTest, LSTMDynamicBatchOfThreeRowDotSizes) {
  RecurrentCase c;
  c.r = {4, 16, 24, 8, 4};
  c.steps = 2;
  c.batch = 3;
  c.dynamicBatch = true;
  c.init = true;
  check(c, 11);
}

TEST_P(RecurrentTest, LSTMCellBatchOneRowDotsLayerNorm) {
  RecurrentCase c;
  c.r = {4, 32, 40, 16, 4, /*layerNorm=*/true};
  c.sequence = false;
  c.batch = 1;
  check(c, 9);
}

// Layer-norm rows longer than the GPU row kernels' split: the gate
// statistics (4 points a row) share 64 threads a point and the cell's (one
// point) 256, so with N_h = 150 and N̂ = 70 threads sum several strided
// elements each; batch 2 takes the skinny GEMMs in row blocks.
TEST_P(RecurrentTest, LSTMLayerNormRowsLongerThanTheSplit) {
  RecurrentCase c;
  c.r = {4, /*nx=*/8, /*nh=*/150, /*nhh=*/70, /*nz=*/4, /*layerNorm=*/true};
  c.steps = 2;
  c.batch = 2;
  c.init = true;
  check(c, 13);
}

TEST_P(RecurrentTest, LSTMCellWithLayerNorm) {
  RecurrentCase c;
  c.r = {4, 9, 35, 5, 2, /*layerNorm=*/true};
  c.sequence = false;
  c.batch = 3;
  c.dynamicBatch = true;
  check(c, 4);
}

TEST_P(RecurrentTest, RNNLengthsAndInitialStates) {
  RecurrentCase c;
  c.r = {1, 6, 19, 5, 3};
  c.steps = 6;
  c.batch = 3;
  c.dynamicSteps = true;
  c.init = true;
  c.lengths = {2, 6, 4};
  check(c, 5);
}

TEST_P(RecurrentTest, RNNCell) {
  RecurrentCase c;
  c.r = {1, 4, 9, 3, 2};
  c.sequence = false;
  c.batch = 1;
  check(c, 6);
}

//===----------------------------------------------------------------------===//
// hyper-conv
//===----------------------------------------------------------------------===//

struct ConvCase {
  std::vector<int> block; // O_b, I_b, f_h, f_w
  int m, k, nz, d;
  std::vector<int64_t> xShape; // N, k·I_b, H, W
  std::vector<int> strides, padding, dilations;
  bool bias = false, perSample = false, dynamicBatch = false;
};

class ConvTest : public NumericsTest {
protected:
  void check(const ConvCase &c, uint64_t seed) {
    Random random(seed);
    const int ob = c.block[0], ib = c.block[1], fh = c.block[2],
              fw = c.block[3];
    std::vector<int64_t> zShape = {c.m, c.k, c.nz};
    if (c.perSample)
      zShape.insert(zShape.begin(), c.xShape[0]);
    Vec x = roundToFloat(random.values(product(c.xShape), 1.0));
    Vec z = roundToFloat(random.values(product(zShape), 1.0));
    Vec wIn = roundToFloat(random.values(ob * c.d * c.nz));
    Vec bIn = roundToFloat(random.values(ob * c.d));
    Vec wOut = roundToFloat(random.values(ib * fh * fw * c.d));
    Vec bOut = roundToFloat(random.values(ib * fh * fw));
    Vec bias = roundToFloat(random.values(c.m * ob));

    std::vector<int64_t> outShape;
    Vec want = reference::hyperConv(x, c.xShape, z, c.m, c.k, c.nz, c.perSample,
                                    wIn, bIn, wOut, bOut, c.d, c.block,
                                    c.strides, c.padding, c.dilations,
                                    c.bias ? &bias : nullptr, outShape);

    auto list = [](const std::vector<int> &v) {
      std::string s;
      for (size_t i = 0; i < v.size(); ++i)
        s += (i ? ", " : "") + std::to_string(v[i]);
      return "[" + s + "]";
    };
    std::vector<int64_t> xType = c.xShape, outType = outShape;
    if (c.dynamicBatch)
      xType[0] = outType[0] = kDyn;
    std::vector<int64_t> zType = zShape;
    if (c.dynamicBatch && c.perSample)
      zType[0] = kDyn;
    std::string gen =
        tensorType({ob * c.d, c.nz}) + ", " + tensorType({ob * c.d}) + ", " +
        tensorType({ib * fh * fw, c.d}) + ", " + tensorType({ib * fh * fw});
    std::ostringstream src;
    src << "func.func @f(%x: " << tensorType(xType)
        << ", %z: " << tensorType(zType)
        << ", %wi: " << tensorType({ob * c.d, c.nz})
        << ", %bi: " << tensorType({ob * c.d})
        << ", %wo: " << tensorType({ib * fh * fw, c.d})
        << ", %bo: " << tensorType({ib * fh * fw})
        << ", %bias: " << tensorType({c.m * ob}) << ") -> "
        << tensorType(outType) << " {\n"
        << "  %y = hyper.conv2d %x, %z : " << tensorType(xType) << ", "
        << tensorType(zType) << "\n      generator(%wi, %bi, %wo, %bo : " << gen
        << ")\n"
        << (c.bias ? "      bias(%bias : " + tensorType({c.m * ob}) + ")\n"
                   : "")
        << "      block " << list(c.block) << " strides " << list(c.strides)
        << " padding " << list(c.padding) << " dilations " << list(c.dilations)
        << "\n  return %y : " << tensorType(outType) << "\n}\n";

    std::vector<rt::Array> args;
    args.push_back(toArray(x, c.xShape));
    args.push_back(toArray(z, zShape));
    args.push_back(toArray(wIn, {ob * c.d, c.nz}));
    args.push_back(toArray(bIn, {ob * c.d}));
    args.push_back(toArray(wOut, {ib * fh * fw, c.d}));
    args.push_back(toArray(bOut, {ib * fh * fw}));
    args.push_back(toArray(bias, {c.m * ob}));
    std::vector<rt::Array> got = run(src.str(), "f", std::move(args));
    ASSERT_EQ(got.size(), 1u);
    expectClose(got[0], want, outShape, "y");
  }
};

TEST_P(ConvTest, TiledStridedDilatedAsymmetricPaddingWithBias) {
  // Non-square 4x3 blocks, 3x2 taps, a 2x3 grid: 8 out, 9 in channels.
  check({{4, 3, 3, 2},
         2,
         3,
         5,
         3,
         {2, 9, 11, 10},
         {2, 1},
         {1, 0, 2, 1},
         {2, 2},
         /*bias=*/true,
         /*perSample=*/false,
         /*dynamicBatch=*/true},
        11);
}

TEST_P(ConvTest, PerSampleKernels) {
  check({{3, 2, 3, 3},
         1,
         2,
         4,
         2,
         {3, 4, 7, 6},
         {1, 2},
         {1, 1, 1, 1},
         {1, 1},
         /*bias=*/false,
         /*perSample=*/true},
        12);
}

TEST_P(ConvTest, SingleImageValidPadding) {
  check({{5, 2, 1, 3},
         1,
         1,
         3,
         4,
         {1, 2, 5, 9},
         {1, 3},
         {0, 0, 0, 0},
         {1, 1},
         /*bias=*/true},
        13);
}

//===----------------------------------------------------------------------===//
// Dynamic primitives
//===----------------------------------------------------------------------===//

TEST_P(NumericsTest, DynamicLinearBatchOneOddSizes) {
  const int batch = 1, nin = 33, nout = 17, nz = 5;
  Random random(21);
  Vec x = roundToFloat(random.values(batch * nin, 1.0));
  Vec z = roundToFloat(random.values(batch * nz, 1.0));
  Vec w = roundToFloat(random.values(nz * nout * nin));
  std::string src =
      "func.func @f(%x: tensor<?x33xf32>, %z: tensor<?x5xf32>, "
      "%w: tensor<5x17x33xf32>) -> tensor<?x17xf32> {\n"
      "  %y = hyper.dynamic_linear %x, %z, %w : tensor<?x33xf32>, "
      "tensor<?x5xf32>, tensor<5x17x33xf32>\n"
      "  return %y : tensor<?x17xf32>\n}\n";
  std::vector<rt::Array> args;
  args.push_back(toArray(x, {batch, nin}));
  args.push_back(toArray(z, {batch, nz}));
  args.push_back(toArray(w, {nz, nout, nin}));
  std::vector<rt::Array> got = run(src, "f", std::move(args));
  ASSERT_EQ(got.size(), 1u);
  expectClose(got[0], reference::dynamicLinear(x, z, w, batch, nin, nout, nz),
              {batch, nout}, "y");
}

/// y = x Wᵀ ⊙ d, optionally through tanh, against the reference; the batch
/// dimension of the model dynamic when `dynamicBatch`.
void checkRowScaled(NumericsTest &test, int batch, int nin, int nout,
                    uint64_t seed, bool dynamicBatch, bool tanh) {
  Random random(seed);
  Vec x = roundToFloat(random.values(batch * nin, 1.0));
  Vec w = roundToFloat(random.values(nout * nin));
  Vec d = roundToFloat(random.values(batch * nout, 2.0));
  std::string b = dynamicBatch ? "?" : std::to_string(batch);
  std::string xt = "tensor<" + b + "x" + std::to_string(nin) + "xf32>",
              wt = "tensor<" + std::to_string(nout) + "x" +
                   std::to_string(nin) + "xf32>",
              yt = "tensor<" + b + "x" + std::to_string(nout) + "xf32>";
  std::string src = "func.func @f(%x: " + xt + ", %w: " + wt + ", %d: " + yt +
                    ") -> " + yt +
                    " {\n  %y = hyper.row_scaled_linear %x, "
                    "%w, %d : " +
                    xt + ", " + wt + ", " + yt + "\n";
  src += tanh
             ? "  %t = math.tanh %y : " + yt + "\n  return %t : " + yt + "\n}\n"
             : "  return %y : " + yt + "\n}\n";
  std::vector<rt::Array> args;
  args.push_back(toArray(x, {batch, nin}));
  args.push_back(toArray(w, {nout, nin}));
  args.push_back(toArray(d, {batch, nout}));
  std::vector<rt::Array> got = test.run(src, "f", std::move(args));
  ASSERT_EQ(got.size(), 1u);
  Vec want = reference::rowScaledLinear(x, w, d, batch, nin, nout);
  if (tanh)
    for (double &v : want)
      v = std::tanh(v);
  expectClose(got[0], want, {batch, nout}, tanh ? "tanh(y)" : "y");
}

TEST_P(NumericsTest, RowScaledLinearOddSizes) {
  checkRowScaled(*this, /*batch=*/5, /*nin=*/19, /*nout=*/37, 22,
                 /*dynamicBatch=*/false, /*tanh=*/false);
}

// More rows than one block of the GPU schedule (64), a dynamic batch, and
// K = 40 (vector loads, a partial K tile).
TEST_P(NumericsTest, RowScaledLinearAcrossKernelTiles) {
  checkRowScaled(*this, /*batch=*/70, /*nin=*/40, /*nout=*/130, 23,
                 /*dynamicBatch=*/true, /*tanh=*/true);
}

} // namespace

INSTANTIATE_TEST_SUITE_P(Targets, RecurrentTest,
                         ::testing::Values(Target::CPU, Target::CPUThreads,
                                           Target::GPUEmulator),
                         targetName);
INSTANTIATE_TEST_SUITE_P(Targets, ConvTest,
                         ::testing::Values(Target::CPU, Target::CPUThreads,
                                           Target::GPUEmulator),
                         targetName);
INSTANTIATE_TEST_SUITE_P(Targets, NumericsTest,
                         ::testing::Values(Target::CPU, Target::GPUEmulator),
                         targetName);
