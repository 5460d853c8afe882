// RUN: hyper-opt %s -hyper-cpu-gemv-row-dots -split-input-file \
// RUN:   --hyper-debug-only=hyper-cpu-gemv-row-dots 2>%t.debug | FileCheck %s
// RUN: FileCheck %s --check-prefix=DEBUG < %t.debug
// RUN: hyper-opt %s '-hyper-cpu-gemv-row-dots=print-schedule=true' \
// RUN:   -split-input-file 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK

// The stage alone: one row against [64, 32] weights as 8 blocks of 8 rows,
// each row a 16-lane accumulator over K, lanes added at the end, and the
// block's sums written into a new result (the zero init is not read).

// CHECK-LABEL: func.func @gemv
// CHECK:         linalg.fill
// CHECK:         %[[RESULT:.*]] = tensor.empty() : tensor<1x64xf32>
// CHECK:         scf.for %{{.*}} = %{{.*}} to %c8 step %{{.*}} iter_args(%{{.*}} = %[[RESULT]])
// CHECK:           scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK-COUNT-8:     math.fma {{.*}} : vector<16xf32>
// CHECK-COUNT-8:   vector.reduction <add>
// CHECK:           vector.from_elements {{.*}} : vector<8xf32>
// CHECK-NOT:     linalg.matmul
// REMARK: remark: GEMV of one row: dot products along the weights' rows in blocks of 8 rows on one thread
func.func @gemv(%x: tensor<1x32xf32>, %w: tensor<64x32xf32>) -> tensor<1x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x64xf32>
  %y0 = linalg.fill ins(%zero : f32) outs(%e : tensor<1x64xf32>) -> tensor<1x64xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<1x32xf32>, tensor<64x32xf32>) outs(%y0 : tensor<1x64xf32>) -> tensor<1x64xf32>
  return %y : tensor<1x64xf32>
}

// -----

// K = 7 divides into no vector of at least 4 lanes and the weights are an
// argument: left a GEMM, and the debug output says why.
// CHECK-LABEL: func.func @gemv_odd_k
// CHECK:         linalg.matmul
// DEBUG: [hyper-cpu-gemv-row-dots] {{.*}}: linalg.matmul: K = 7 divides into no vector width and the weights are not a constant
func.func @gemv_odd_k(%x: tensor<1x7xf32>, %w: tensor<64x7xf32>, %y0: tensor<1x64xf32>) -> tensor<1x64xf32> {
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<1x7xf32>, tensor<64x7xf32>) outs(%y0 : tensor<1x64xf32>) -> tensor<1x64xf32>
  return %y : tensor<1x64xf32>
}
