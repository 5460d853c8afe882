//===- Summary.cpp - Parameter accounting of a hyper model ----------------===//

#include "hyper/Driver/Summary.h"
#include "hyper/Dialect/Hyper/IR/HyperOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::hyper;

namespace {

/// Elements of a statically shaped tensor value; 0 for anything else.
int64_t elements(Value v) {
  auto type = v ? dyn_cast<RankedTensorType>(v.getType()) : nullptr;
  return type && type.hasStaticShape() ? type.getNumElements() : 0;
}

int64_t sum(std::initializer_list<Value> values) {
  int64_t n = 0;
  for (Value v : values)
    n += elements(v);
  return n;
}

/// A static size, or nullopt.
std::optional<int64_t> dim(Value v, unsigned d) {
  auto type = cast<RankedTensorType>(v.getType());
  if (d >= type.getRank() || type.isDynamicDim(d))
    return std::nullopt;
  return type.getDimSize(d);
}

std::string location(Operation *op) {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (auto file = dyn_cast<FileLineColLoc>(op->getLoc()))
    os << file.getFilename().getValue() << ":" << file.getLine() << ":"
       << file.getColumn();
  else
    os << op->getLoc();
  return s;
}

/// The recurrent ops share their weight operands; `steps` is T for the
/// sequence ops, 1 for the cells.
template <typename Op>
SummaryRow recurrentRow(Op op, std::optional<int64_t> steps,
                        std::optional<int64_t> batch) {
  RecurrentDims d = op.getDims();
  int64_t g = Op::kNumGates, nx = d.inputSize, nh = d.hiddenSize,
          nhh = d.hyperSize, nz = d.embedSize;
  SummaryRow row;
  row.op = op->getName().getStringRef().str();
  row.where = location(op);
  row.main = sum({op.getMainWX(), op.getMainWH(), op.getMainB()});
  row.hyper =
      sum({op.getHyperWX(), op.getHyperWH(), op.getHyperB(), op.getProjWZx(),
           op.getProjWZh(), op.getProjWZb(), op.getProjBZx(), op.getProjBZh(),
           op.getScaleWDx(), op.getScaleWDh(), op.getScaleWDb()});
  if constexpr (std::is_same_v<Op, LSTMOp> || std::is_same_v<Op, LSTMCellOp>) {
    row.main += sum(
        {op.getMainLnG(), op.getMainLnB(), op.getMainLnCG(), op.getMainLnCB()});
    row.hyper += sum({op.getHyperLnG(), op.getHyperLnB(), op.getHyperLnCG(),
                      op.getHyperLnCB()});
  }
  row.generated = g * nh * (nx + nh);
  if (steps && batch)
    row.macs = *steps * *batch *
               (g * nh * (nx + nh) + g * nhh * (nx + nh + nhh) +
                3 * g * nz * nhh + 3 * g * nh * nz);
  return row;
}

} // namespace

int64_t ParameterSummary::total() const {
  int64_t n = other;
  for (const SummaryRow &r : rows)
    n += r.main + r.hyper + r.embeddings;
  return n;
}

ParameterSummary mlir::hyper::summarizeParameters(func::FuncOp func) {
  ParameterSummary summary;
  // The values hyper ops use, as weights or as data: the arguments among
  // them are not the standard layers' parameters.
  llvm::DenseSet<Value> used;
  llvm::DenseSet<Value> generators;
  auto source = [](Value v) {
    while (auto cast = v ? v.getDefiningOp<tensor::CastOp>() : nullptr)
      v = cast.getSource();
    return v;
  };
  auto generatorRow = [&](Operation *op, Value wIn, Value bIn, Value wOut,
                          Value bOut) {
    for (Value v : {wIn, bIn, wOut, bOut})
      used.insert(source(v));
    if (!generators.insert(source(wIn)).second)
      return;
    SummaryRow row;
    row.op = "generator";
    row.where = location(op);
    row.hyper = sum({wIn, bIn, wOut, bOut});
    summary.rows.push_back(std::move(row));
  };
  func.walk([&](Operation *op) {
    if (!isa<HyperDialect>(op->getDialect()))
      return;
    for (Value v : op->getOperands())
      used.insert(source(v));
    if (auto lstm = dyn_cast<LSTMOp>(op))
      summary.rows.push_back(
          recurrentRow(lstm, dim(lstm.getInput(), 0), dim(lstm.getInput(), 1)));
    else if (auto cell = dyn_cast<LSTMCellOp>(op))
      summary.rows.push_back(
          recurrentRow(cell, int64_t(1), dim(cell.getInput(), 0)));
    else if (auto rnn = dyn_cast<RNNOp>(op))
      summary.rows.push_back(
          recurrentRow(rnn, dim(rnn.getInput(), 0), dim(rnn.getInput(), 1)));
    else if (auto rcell = dyn_cast<RNNCellOp>(op))
      summary.rows.push_back(
          recurrentRow(rcell, int64_t(1), dim(rcell.getInput(), 0)));
    else if (auto conv = dyn_cast<Conv2DOp>(op)) {
      generatorRow(op, conv.getWIn(), conv.getBIn(), conv.getWOut(),
                   conv.getBOut());
      ArrayRef<int64_t> block = conv.getBlock();
      auto out = cast<RankedTensorType>(conv.getOutput().getType());
      auto z = cast<RankedTensorType>(conv.getEmbeddings().getType());
      int64_t in = *dim(conv.getInput(), 1);
      SummaryRow row;
      row.op = "hyper.conv2d";
      row.where = location(op);
      row.main = conv.getBias() ? elements(conv.getBias()) : 0;
      row.embeddings = elements(conv.getEmbeddings());
      row.generated = out.getDimSize(1) * in * block[2] * block[3];
      if (out.hasStaticShape() && z.hasStaticShape()) {
        int64_t hidden = *dim(conv.getWIn(), 0) / block[0];
        int64_t nz = z.getShape().back();
        int64_t kernels = z.getNumElements() / nz; // tiles (x samples)
        row.macs =
            out.getNumElements() * in * block[2] * block[3] +
            kernels * (nz * block[0] * hidden +
                       block[0] * hidden * block[1] * block[2] * block[3]);
      }
      summary.rows.push_back(std::move(row));
    } else if (auto gen = dyn_cast<GenerateKernelOp>(op)) {
      generatorRow(op, gen.getWIn(), gen.getBIn(), gen.getWOut(),
                   gen.getBOut());
      ArrayRef<int64_t> block = gen.getBlock();
      auto z = cast<RankedTensorType>(gen.getEmbeddings().getType());
      SummaryRow row;
      row.op = "hyper.generate_kernel";
      row.where = location(op);
      row.embeddings = elements(gen.getEmbeddings());
      row.generated = elements(gen.getKernel());
      if (z.hasStaticShape()) {
        int64_t hidden = *dim(gen.getWIn(), 0) / block[0];
        int64_t nz = z.getShape().back();
        row.macs = z.getNumElements() / nz *
                   (nz * block[0] * hidden +
                    block[0] * hidden * block[1] * block[2] * block[3]);
      }
      summary.rows.push_back(std::move(row));
    } else if (auto dyn = dyn_cast<DynamicLinearOp>(op)) {
      auto basis = cast<RankedTensorType>(dyn.getBasis().getType());
      int64_t nz = basis.getDimSize(0), nout = basis.getDimSize(1),
              nin = basis.getDimSize(2);
      SummaryRow row;
      row.op = "hyper.dynamic_linear";
      row.where = location(op);
      row.hyper = elements(dyn.getBasis());
      row.generated = nout * nin;
      if (std::optional<int64_t> b = dim(dyn.getInput(), 0))
        row.macs = *b * nz * nout * (nin + 1);
      summary.rows.push_back(std::move(row));
    } else if (auto rsl = dyn_cast<RowScaledLinearOp>(op)) {
      auto w = cast<RankedTensorType>(rsl.getWeight().getType());
      SummaryRow row;
      row.op = "hyper.row_scaled_linear";
      row.where = location(op);
      row.main = elements(rsl.getWeight());
      row.generated = w.getNumElements();
      if (std::optional<int64_t> b = dim(rsl.getInput(), 0))
        row.macs = *b * w.getNumElements();
      summary.rows.push_back(std::move(row));
    }
  });
  for (BlockArgument arg : func.getArguments())
    if (!used.contains(arg))
      summary.other += elements(arg);
  return summary;
}

void mlir::hyper::printParameterSummary(const ParameterSummary &summary,
                                        llvm::raw_ostream &os) {
  auto number = [](std::optional<int64_t> v) -> std::string {
    if (!v)
      return "-";
    std::string digits = std::to_string(*v), s;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i && (digits.size() - i) % 3 == 0)
        s += ',';
      s += digits[i];
    }
    return s;
  };
  std::vector<std::vector<std::string>> lines = {
      {"op", "at", "main weights", "hypernetwork", "embeddings", "generated",
       "multiply-adds"}};
  for (const SummaryRow &r : summary.rows)
    lines.push_back({r.op, r.where, number(r.main), number(r.hyper),
                     number(r.embeddings), number(r.generated),
                     number(r.macs)});
  lines.push_back(
      {"(other parameters)", "", number(summary.other), "", "", "", ""});
  lines.push_back(
      {"total parameters", "", number(summary.total()), "", "", "", ""});
  std::vector<size_t> widths(lines[0].size(), 0);
  for (const auto &line : lines)
    for (auto [i, cell] : llvm::enumerate(line))
      widths[i] = std::max(widths[i], cell.size());
  for (auto [k, line] : llvm::enumerate(lines)) {
    std::string text;
    for (auto [i, cell] : llvm::enumerate(line)) {
      std::string pad(widths[i] - cell.size(), ' ');
      text += (i ? "  " : "") + (i < 2 ? cell + pad : pad + cell);
    }
    os << StringRef(text).rtrim() << "\n";
    if (k == 0) {
      for (auto [i, w] : llvm::enumerate(widths))
        os << (i ? "  " : "") << std::string(w, '-');
      os << "\n";
    }
  }
}
