//===- HyperAttrs.td - hyper dialect attributes -------------*- tablegen -*-===//

#ifndef HYPER_DIALECT_HYPER_IR_HYPERATTRS_TD
#define HYPER_DIALECT_HYPER_IR_HYPERATTRS_TD

include "hyper/Dialect/Hyper/IR/HyperDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Hyper_ZSource : I32EnumAttr<"ZSource",
    "hyper hidden state that the weight embeddings are projected from", [
      I32EnumAttrCase<"Current", 0, "current">,
      I32EnumAttrCase<"Previous", 1, "previous">
    ]> {
  let cppNamespace = "::mlir::hyper";
  let genSpecializedAttr = 0;
}

def Hyper_ZSourceAttr : EnumAttr<Hyper_Dialect, Hyper_ZSource, "z_source"> {
  let summary = "which hyper state feeds the embeddings";
  let description = [{
    `current` (the default, as in every public implementation) projects the
    embeddings `z` from the hyper cell's new hidden state ĥ'; `previous` (the
    paper's text) projects them from ĥ, the state before the step.
  }];
  let assemblyFormat = "`<` $value `>`";
}

#endif // HYPER_DIALECT_HYPER_IR_HYPERATTRS_TD
