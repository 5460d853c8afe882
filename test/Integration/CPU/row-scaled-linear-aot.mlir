// hyper.row_scaled_linear ahead of time, on values worked out by hand:
// x·Wᵀ = [1, 2, 3], times d = [2, 3, 4].
//
// RUN: hyper-compile %s --name=row_scaled -o %t.o --header %t.h
// RUN: %aot_cxx -include %t.h %S/Inputs/aot_row_scaled.cpp %t.o %runtime_lib -lm -o %t.aot
// RUN: %t.aot | FileCheck %s
// CHECK: y = [2, 6, 12]

func.func @row_scaled(%x: tensor<?x2xf32> {hyper.name = "x"},
                      %w: tensor<3x2xf32> {hyper.name = "w"},
                      %d: tensor<?x3xf32> {hyper.name = "d"}) -> tensor<?x3xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<?x2xf32>, tensor<3x2xf32>, tensor<?x3xf32>
  return %y : tensor<?x3xf32>
}
