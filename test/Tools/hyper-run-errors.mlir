// Bad input to hyper-run gets one clear error line and exit code 1.
// RUN: rm -rf %t && %python %S/../tools/make_bad_inputs.py %t
// RUN: cp %data/dynlin_small/w.npy %t/w.npy

// RUN: not hyper-run %s --input=@%t/x_shape.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: hyper-run: error: input #0: expected tensor<?x9xf32>, got float32 array of shape (4, 8)

// RUN: not hyper-run %s --input=@%t/x_rank.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=RANK
// RANK: hyper-run: error: input #0: expected tensor<?x9xf32>, got float32 array of shape (36,)

// RUN: not hyper-run %s --input=@%t/x_f64.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: hyper-run: error: input #0: expected tensor<?x9xf32>, got float64 array of shape (4, 9)

// RUN: not hyper-run %s --input=@%t/x_int16.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=INT16
// INT16: hyper-run: error: input #0: {{.*}}x_int16.npy: unsupported dtype '<i2' (expected float32, float64, int32 or int64)

// RUN: not hyper-run %s --input=@%t/x_fortran.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=FORTRAN
// FORTRAN: hyper-run: error: input #0: {{.*}}x_fortran.npy: Fortran-order arrays are not supported

// RUN: not hyper-run %s --input=@%t/x_bigendian.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=ENDIAN
// ENDIAN: hyper-run: error: input #0: {{.*}}x_bigendian.npy: big-endian dtype '>f4' is not supported

// RUN: not hyper-run %s --input=@%t/x_truncated.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=TRUNC
// TRUNC: hyper-run: error: input #0: {{.*}}x_truncated.npy: truncated data: shape (4, 9) of float32 needs 144 bytes, the file has 134

// RUN: not hyper-run %s --input=@%t/x_trailing.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=TRAIL
// TRAIL: hyper-run: error: input #0: {{.*}}x_trailing.npy: trailing data: shape (4, 9) of float32 needs 144 bytes, the file has 148

// RUN: not hyper-run %s --input=@%t/garbage.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=GARBAGE
// GARBAGE: hyper-run: error: input #0: {{.*}}garbage.npy: not a .npy file (missing the \x93NUMPY magic)

// RUN: not hyper-run %s --input=@%t/missing.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: hyper-run: error: input #0: {{.*}}missing.npy: cannot open file

// RUN: not hyper-run %s --target-cpu=not-a-cpu 2>&1 | FileCheck %s --check-prefix=CPU --implicit-check-not={{.}}
// CPU: hyper-run: error: unknown --target-cpu 'not-a-cpu' for x86_64{{.*}} (an LLVM CPU name such as znver4, skylake-avx512, x86-64-v3, or host)

// RUN: not hyper-run %s --target-features=+nonsense 2>&1 | FileCheck %s --check-prefix=FEATURE --implicit-check-not={{.}}
// FEATURE: hyper-run: error: unknown --target-features entry '+nonsense' (expected +NAME or -NAME with an LLVM feature name such as avx512f, avx2, fma)

// hyper-run runs the code it compiles: a CPU with an ISA this one lacks (no
// AMD CPU has AVX512-FP16) is refused before anything runs.
// RUN: not hyper-run %s --target-cpu=sapphirerapids 2>&1 | FileCheck %s --check-prefix=ISA --implicit-check-not={{.}}
// ISA: hyper-run: error: code for --target-cpu=sapphirerapids uses {{.*}}avx512fp16{{.*}}, which this CPU lacks; compile it with hyper-compile to run elsewhere

// RUN: not hyper-run %s --input=@%t/x.npy --input=@%t/z.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: hyper-run: error: @dynamic_linear takes 3 argument(s), got 2 --input value(s)

// RUN: not hyper-run %s --input=@%t/x.npy --input=@%t/z.npy --input=@%t/w.npy --output=@%t/a.npy --output=@%t/b.npy 2>&1 | FileCheck %s --check-prefix=OUTPUTS
// OUTPUTS: hyper-run: error: @dynamic_linear has 1 result(s), got 2 --output file(s)

// RUN: not hyper-run %s --input=@%t/inputs.npz:q --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=MEMBER
// MEMBER: hyper-run: error: input #0: {{.*}}inputs.npz: no array named 'q'

// RUN: not hyper-run %s --input=@%t/compressed.npz:x --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=COMPRESSED
// COMPRESSED: hyper-run: error: input #0: {{.*}}compressed.npz: member 'x.npy' is compressed (numpy.savez_compressed); save the archive with numpy.savez

// RUN: not hyper-run %s --input=4x9xf16=0 --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=LITERAL
// LITERAL: hyper-run: error: input #0: unsupported element type 'f16' in literal '4x9xf16=0' (expected f32, f64, i32 or i64)

// RUN: not hyper-run %s --input=2x9xf32=1,2,3 --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=COUNTVALUES
// COUNTVALUES: hyper-run: error: input #0: literal '2x9xf32=1,2,3' has 3 values for 18 elements

// RUN: not hyper-run %s --function=nope --input=@%t/x.npy 2>&1 | FileCheck %s --check-prefix=NOFUNC
// NOFUNC: error: no function @nope in the module

// Good inputs from an .npz member and a splatted literal run.
// RUN: hyper-run %s --input=@%t/inputs.npz:x --input=4x3xf32=1 --input=@%t/w.npy | FileCheck %s --check-prefix=OK
// OK: result[0]: tensor<?x7xf32> -> float32(4, 7)
// OK-NEXT: [0, 0, 0, 0, 0, 0, 0, 0, ...]  min 0  max 0  mean 0

func.func @dynamic_linear(%x: tensor<?x9xf32>, %z: tensor<?x3xf32>,
                          %w: tensor<3x7x9xf32>) -> tensor<?x7xf32> {
  %y = hyper.dynamic_linear %x, %z, %w
      : tensor<?x9xf32>, tensor<?x3xf32>, tensor<3x7x9xf32>
  return %y : tensor<?x7xf32>
}
