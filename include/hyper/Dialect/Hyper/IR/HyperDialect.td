//===- HyperDialect.td - The hyper dialect ------------------*- tablegen -*-===//
//
// The dialect definition and the base class of every hyper op.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_DIALECT_HYPER_IR_HYPERDIALECT_TD
#define HYPER_DIALECT_HYPER_IR_HYPERDIALECT_TD

include "mlir/IR/OpBase.td"

def Hyper_Dialect : Dialect {
  let name = "hyper";
  let cppNamespace = "::mlir::hyper";
  let summary = "Hypernetworks: layers whose weights another network generates";
  let description = [{
    The `hyper` dialect models the hypernetworks of Ha, Dai & Le (*HyperNetworks*,
    ICLR 2017): a small network generates the weights of a larger one.

    It has two levels of ops.

    * **Model ops** keep the paper's structure so that passes can reason about
      it: `hyper.conv2d` (a convolution whose kernel a static hypernetwork
      generates from a grid of embeddings), `hyper.lstm` / `hyper.rnn` (a
      HyperLSTM / HyperRNN over a whole sequence) and `hyper.lstm_cell` /
      `hyper.rnn_cell` (one step, for streaming generation).
    * **Weight-generation primitives** are what the model ops decompose into:
      `hyper.generate_kernel` (tiled static kernel generation),
      `hyper.row_scaled_linear` (`y = d ⊙ (x·Wᵀ)`, the paper's
      memory-efficient dynamic weights) and `hyper.dynamic_linear`
      (`W(z) = Σ_k z_k W_k`, the general form).

    All ops work on ranked tensors of one floating-point element type
    (`lengths` is `i32`). 2-D weights are stored `[out, in]` and applied as
    `x·Wᵀ + b`; convolutions use NCHW activations and OIHW kernels. Weights
    must have static shapes; batch and sequence sizes may be dynamic. Every op
    infers its result types from its operands, so the custom assembly form
    spells each operand's type next to the operand and no result types.

    Function arguments and results may carry a `hyper.name` string attribute:
    the tensor's name in a weights archive (e.g. `"main.w_h"`), used to bind
    `.npz` weights to a model.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasRegionArgAttrVerify = 1;
  let hasRegionResultAttrVerify = 1;
  let extraClassDeclaration = [{
    /// The discardable attribute that names a function argument or result.
    static constexpr ::llvm::StringLiteral getNameAttrName() {
      return ::llvm::StringLiteral("hyper.name");
    }
  }];
}

/// Base class of every hyper op.
class Hyper_Op<string mnemonic, list<Trait> traits = []>
    : Op<Hyper_Dialect, mnemonic, traits>;

/// Floating-point ranked tensors: activations, embeddings and weights.
def Hyper_FloatTensor : RankedTensorOf<[F16, BF16, F32, F64]>;

/// Sequence lengths (`[B]`, ONNX convention).
def Hyper_LengthsTensor : RankedTensorOf<[I32]>;

#endif // HYPER_DIALECT_HYPER_IR_HYPERDIALECT_TD
