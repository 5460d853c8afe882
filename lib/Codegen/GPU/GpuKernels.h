//===- GpuKernels.h - Shared pieces of the GPU kernel builders --*- C++ -*-===//
//
// What hyper-gpu-gemm-kernels and hyper-gpu-row-kernels share: buffer
// aliasing queries and the emitter that builds a kernel either as a
// gpu.launch or, for checking schedules on the host, as loops over blocks
// and threads.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_LIB_DIALECT_HYPER_TRANSFORMS_GPUKERNELS_H
#define HYPER_LIB_DIALECT_HYPER_TRANSFORMS_GPUKERNELS_H

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlir::hyper::gpu_kernels {

/// The allocation (or block argument) a buffer is a view of.
Value rootOf(Value v);

/// Whether two allocation roots may be the same memory: distinct
/// allocations and function arguments are not; a loop's iteration argument
/// may be whatever enters or is yielded to it, except a buffer allocated
/// during the iteration.
bool mayAlias(Value x, Value y);

/// Builds one kernel: a grid of blocks of `threadsX` × `threadsY` threads.
/// On the GPU, a gpu.launch whose workgroup buffers are attributions;
/// emulated, host loops over the blocks, with the workgroup buffers on the
/// stack and each thread phase a loop over the threads (a barrier is then
/// the end of the phase).
class KernelEmitter {
public:
  KernelEmitter(OpBuilder &b, Location loc, bool emulate, int64_t threadsX,
                int64_t threadsY)
      : b(b), loc(loc), emulate(emulate), threadsX(threadsX),
        threadsY(threadsY) {}

  /// Emits the grid; `block(bx, by, bz, workgroup)` builds a block's code.
  /// `workgroupTypes` are the shapes of the block's shared buffers (without
  /// memory space). `gridZ` may be null (one).
  void emit(Value gridX, Value gridY, Value gridZ,
            ArrayRef<MemRefType> workgroupTypes,
            function_ref<void(Value, Value, Value, ValueRange)> block);

  /// Runs `body(tx, ty)` for every thread of the block, followed by a
  /// barrier when `sync`.
  void forEachThread(function_ref<void(Value, Value)> body, bool sync);

  bool isEmulated() const { return emulate; }

  /// A statically shaped per-block (or, emulated, per-grid) buffer. On the
  /// GPU an alloca where the builder stands (thread-private registers once
  /// LLVM promotes it); emulated, one alloca at the start of the enclosing
  /// function, reused by every emulated block: the blocks run one after
  /// another and each writes the buffer before reading it, while allocas
  /// in the loops over blocks and time steps would take stack on every
  /// iteration (scf.for is an allocation scope upstream, but its lowering
  /// to LLVM frees nothing) and overflow it after a few dozen steps.
  Value privateBuffer(MemRefType type);

private:
  Value index(int64_t v);

  OpBuilder &b;
  Location loc;
  bool emulate;
  int64_t threadsX, threadsY;
  Block *functionEntry = nullptr; // emulated: where private buffers go
};

} // namespace mlir::hyper::gpu_kernels

#endif // HYPER_LIB_DIALECT_HYPER_TRANSFORMS_GPUKERNELS_H
