// RUN: hyper-opt %s -split-input-file \
// RUN:   -hyper-gpu-gemm-kernels=print-schedule=true -verify-diagnostics \
// RUN:   -o /dev/null
// RUN: hyper-opt %s -split-input-file -hyper-gpu-gemm-kernels \
// RUN:   --hyper-debug-only=hyper-gpu-gemm-kernels -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WHY

// What hyper-gpu-gemm-kernels tells a user: with print-schedule, a remark
// per GEMM names the schedule GpuSchedule chose and what the kernel
// absorbed; under --hyper-debug-only, why an op is left alone or where an
// epilogue stops.

#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(i, j) -> (i, j)>

// Many rows: the tiled schedule, the fill folded, tanh fused, C a temporary
// that is never stored.
func.func @tiled(%x: memref<64x32xf32>, %w: memref<128x32xf32>) -> memref<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %c = memref.alloc() : memref<64x128xf32>
  %out = memref.alloc() : memref<64x128xf32>
  linalg.fill ins(%zero : f32) outs(%c : memref<64x128xf32>)
  // expected-remark @below {{GEMM (m, n, k) = (64, 128, 32): tiled, block 64x64 of 16x16 threads, 4x4 per thread, K step 16; 1 epilogue ops fused, fill folded, C not stored}}
  linalg.matmul indexing_maps = [#mk, #nk, #mn]
    ins(%x, %w : memref<64x32xf32>, memref<128x32xf32>)
    outs(%c : memref<64x128xf32>)
  linalg.generic {indexing_maps = [#id, #id],
                  iterator_types = ["parallel", "parallel"]}
    ins(%c : memref<64x128xf32>) outs(%out : memref<64x128xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  }
  // WHY: [hyper-gpu-gemm-kernels] {{.*}}: memref.dealloc: the epilogue of the GEMM at {{.*}}.mlir":26:3) ends here: writes memory
  memref.dealloc %c : memref<64x128xf32>
  return %out : memref<64x128xf32>
}

// -----

#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>

// A batch-1 step against weights stored [N, K]: the skinny schedule.
func.func @skinny(%h: memref<1x1000xf32>, %w: memref<512x1000xf32>, %c: memref<1x512xf32>) {
  // expected-remark @below {{GEMM (m, n, k) = (1, 512, 1000): skinny, a warp per point, 8 warps per block, rows per warp 1; 0 epilogue ops fused}}
  linalg.matmul indexing_maps = [#mk, #nk, #mn]
    ins(%h, %w : memref<1x1000xf32>, memref<512x1000xf32>)
    outs(%c : memref<1x512xf32>)
  return
}

// -----

#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(i, j) -> (i, j)>

// An epilogue that writes a function argument (memory the caller may read
// through another argument) is not fused.
func.func @epilogue_into_argument(%a: memref<64x64xf32>, %b: memref<64x64xf32>, %c: memref<64x64xf32>, %out: memref<64x64xf32>) {
  // expected-remark @below {{GEMM (m, n, k) = (64, 64, 64): tiled, block 64x64 of 16x16 threads, 4x4 per thread, K step 16; 0 epilogue ops fused}}
  linalg.matmul indexing_maps = [#mk, #nk, #mn]
    ins(%a, %b : memref<64x64xf32>, memref<64x64xf32>)
    outs(%c : memref<64x64xf32>)
  // WHY: [hyper-gpu-gemm-kernels] {{.*}}: linalg.generic: the epilogue of the GEMM at {{.*}} ends here: an output is not a fresh allocation
  linalg.generic {indexing_maps = [#id, #id],
                  iterator_types = ["parallel", "parallel"]}
    ins(%c : memref<64x64xf32>) outs(%out : memref<64x64xf32>) {
  ^bb0(%v: f32, %o: f32):
    %t = math.tanh %v : f32
    linalg.yield %t : f32
  }
  return
}

// -----

// f64: left alone, and said why.
func.func @f64(%a: memref<8x8xf64>, %b: memref<8x8xf64>, %c: memref<8x8xf64>) {
  // WHY: [hyper-gpu-gemm-kernels] {{.*}}: linalg.matmul: operands are not f32 memrefs of rank 2
  linalg.matmul ins(%a, %b : memref<8x8xf64>, memref<8x8xf64>)
    outs(%c : memref<8x8xf64>)
  return
}

// -----

// A convolution with a dynamic channel count: left alone.
func.func @dynamic_channels(%x: memref<1x?x8x8xf32>, %f: memref<4x4x3x3xf32>, %y: memref<1x4x6x6xf32>) {
  // WHY: [hyper-gpu-gemm-kernels] {{.*}}: linalg.conv_2d_nchw_fchw: filter, channels or image sizes are dynamic (only the batch may be)
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>,
                            strides = dense<1> : tensor<2xi64>}
    ins(%x, %f : memref<1x?x8x8xf32>, memref<4x4x3x3xf32>)
    outs(%y : memref<1x4x6x6xf32>)
  return
}

// -----

// A convolution: an implicit GEMM per image.
func.func @conv(%x: memref<?x16x10x10xf32>, %f: memref<32x16x3x3xf32>, %y: memref<?x32x8x8xf32>) {
  // expected-remark @below {{convolution as an implicit GEMM per image (m, k) = (32, 144): tiled, block 32x64 of 8x16 threads, 4x4 per thread, K step 16; 0 epilogue ops fused}}
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>,
                            strides = dense<1> : tensor<2xi64>}
    ins(%x, %f : memref<?x16x10x10xf32>, memref<32x16x3x3xf32>)
    outs(%y : memref<?x32x8x8xf32>)
  return
}
