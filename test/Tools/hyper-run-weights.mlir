// A weight the archive lacks or spells differently stays an argument:
// hyper-run names each named argument --weights left unbound, and the
// archive's names that no argument has.
// RUN: rm -rf %t && mkdir -p %t && cp %data/dynlin_small/w.npy %t/basis.npy
// RUN: not hyper-run %s --weights=%t --input=4x9xf32=1 --input=4x3xf32=1 2>&1 | FileCheck %s --check-prefix=MISSING --implicit-check-not={{.}}
// MISSING: hyper-run: error: @dynamic_linear takes 3 argument(s) after binding --weights, got 2 --input value(s); named arguments not in --weights: #2 'w'; names in --weights that no argument has: 'basis'
// Spelled as the archive spells it, the weight binds and the call runs.
// RUN: cp %t/basis.npy %t/w.npy
// RUN: hyper-run %s --weights=%t --input=4x9xf32=1 --input=4x3xf32=1 | FileCheck %s --check-prefix=BOUND
// BOUND: result[0]: tensor<?x7xf32> -> float32(4, 7)

func.func @dynamic_linear(%x: tensor<?x9xf32>, %z: tensor<?x3xf32>,
                          %w: tensor<3x7x9xf32> {hyper.name = "w"}) -> tensor<?x7xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<?x9xf32>, tensor<?x3xf32>, tensor<3x7x9xf32>
  return %y : tensor<?x7xf32>
}
