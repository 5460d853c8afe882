// The host side of a GPU-compiled HyperLSTM (5 steps, batch 2) against the
// logging stand-in for the driver (kernels do not run; the results are
// meaningless): the whole call runs on one pooled stream, the runtime's
// kept blocks serve every allocation once the first steps have made them
// (none after the first 30 launches), nothing goes back to the driver
// before exit, and each step looks its kernels up once (cached).
//
// RUN: env HYPER_CUDA_DRIVER=%recording_cuda_driver hyper-run \
// RUN:   %hyper_src_root/test/Integration/CPU/lstm_small.mlir --function=lstm \
// RUN:   --target=cuda --gpu-format=isa --weights=%hyper_src_root/test/data/lstm_small \
// RUN:   --input=@%hyper_src_root/test/data/lstm_small/x.npy 2>&1 \
// RUN:   | awk '/cuLaunchKernel/ { launches++ } \
// RUN:          /cuMemAlloc/ { if (launches > 30) late++ } \
// RUN:          /cuStreamCreate/ { streams++ } \
// RUN:          /cuMemFree/ { frees++ } \
// RUN:          /cuModuleGetFunction/ { lookups++ } \
// RUN:          END { print "launches", launches; print "late allocations", late + 0; \
// RUN:                print "streams", streams; print "frees", frees + 0; \
// RUN:                print "lookups below launches", (lookups < launches) }' \
// RUN:   | FileCheck %s

// CHECK: launches {{[4-9][0-9]}}
// CHECK-NEXT: late allocations 0
// CHECK-NEXT: streams 1
// CHECK-NEXT: frees 0
// CHECK-NEXT: lookups below launches 1
