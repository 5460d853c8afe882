// --print-schedule: a remark per GEMM with the schedule the chosen back end
// gives it. On the CPU, the cache and register tiles of CpuSchedule (and
// again for the tile of its fused epilogue); on CUDA, the kernel
// GpuSchedule picks: 8 rows against weights stored [out, in] take the
// skinny kernel with the row scaling fused.
// RUN: hyper-compile %s --emit=mlir --target-cpu=znver4 --print-schedule \
// RUN:   --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CPU
// RUN: hyper-compile %s --emit=mlir --target-cpu=znver3 --print-schedule \
// RUN:   --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ZEN3
// RUN: hyper-compile %s --emit=mlir --target=cuda --gpu-format=isa \
// RUN:   --print-schedule --mlir-print-op-on-diagnostic=false -o /dev/null \
// RUN:   2>&1 | FileCheck %s --check-prefix=CUDA

// The target first: what the back end knows of the CPU and the numbers of
// the schedule derived from it.
// CPU: remark: CPU target znver4: AVX-512, 16 f32 lanes, 32 vector registers, 1 FMA/cycle (latency 4), L1d 32 KiB, L2 1 MiB, L3 4 MiB a core; schedule vector-width=16 m-tile=8 k-panel=512 prefetch-bytes=16384
// ZEN3: remark: CPU target znver3: AVX2, 8 f32 lanes, 16 vector registers, 2 FMA/cycle (latency 4), L1d 32 KiB, L2 512 KiB, L3 4 MiB a core; schedule vector-width=8 m-tile=6 k-panel=512 prefetch-bytes=16384
// ZEN3: print-schedule.mlir:[[@LINE+7]]:8: remark: GEMM (m, n, k) = (8, 64, 64): cache tiles 8x32 on one thread, K panels 64, register tiles 6x16x1
// CPU: print-schedule.mlir:[[@LINE+6]]:8: remark: GEMM (m, n, k) = (8, 64, 64): cache tiles 8x32 on one thread, K panels 64, register tiles 8x32x1
// CPU: print-schedule.mlir:[[@LINE+5]]:8: remark: GEMM (m, n, k) = (8, 32, 64): cache tiles 8x32 on one thread, K panels 64, register tiles 8x32x1 (cache tiles of its epilogue)
// CUDA: print-schedule.mlir:[[@LINE+4]]:8: remark: GEMM (m, n, k) = (8, 64, 64): skinny, a warp per point, 8 warps per block, rows per warp 8; 1 epilogue ops fused, fill folded
// CUDA-NOT: remark
func.func @gemm(%x: tensor<8x64xf32>, %w: tensor<64x64xf32>, %d: tensor<8x64xf32>)
    -> tensor<8x64xf32> {
  %y = hyper.row_scaled_linear %x, %w, %d
      : tensor<8x64xf32>, tensor<64x64xf32>, tensor<8x64xf32>
  return %y : tensor<8x64xf32>
}
