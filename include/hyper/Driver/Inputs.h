//===- Inputs.h - Values of the tools' --input flags ------------*- C++ -*-===//
//
// hyper-run's argument values, IREE's iree-run-module convention: a .npy
// file, a member of an .npz archive, or a literal typed on the command line.
// Sizes and values are range-checked: bad text is an error, never a crash,
// a wrapped size or a truncated value (fuzz/fuzz_inputs.cpp fuzzes both).
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_DRIVER_INPUTS_H
#define HYPER_DRIVER_INPUTS_H

#include "hyper/Runtime/Npy.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::hyper {

/// Parses `[DxDx...x]TYPE=v,v,...` (TYPE f32, f64, i32 or i64; values
/// separated by commas or spaces; one value fills the whole shape; at most
/// 64 MiB). Values the type cannot hold are errors.
std::optional<hyperrt::Array> parseLiteral(llvm::StringRef text,
                                           std::string &error);

/// One --input value: `@file.npy`, `@archive.npz:member` or a literal.
std::optional<hyperrt::Array> loadInput(llvm::StringRef spec,
                                        std::string &error);

} // namespace mlir::hyper

#endif // HYPER_DRIVER_INPUTS_H
