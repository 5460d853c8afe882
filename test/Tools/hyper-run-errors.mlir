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
// AMD CPU has AVX512-FP16; some Intel ones do, and skip this) is refused
// before anything runs.
// RUN: %if host-without-avx512fp16 %{ not hyper-run %s --target-cpu=sapphirerapids 2>&1 | FileCheck %s --check-prefix=ISA --implicit-check-not={{.}} %}
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
// NOFUNC: hyper-run: error: no function @nope in the module

// Files that claim more than they hold are refused before anything of the
// claimed size is allocated; bad bytes are quoted by a short prefix only.
// RUN: not hyper-run %s --input=@%t/huge_shape.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=HUGE --implicit-check-not={{.}}
// HUGE: hyper-run: error: input #0: {{.*}}huge_shape.npy: truncated data: shape (1099511627776,) of float32 needs 4398046511104 bytes, the file has 0
// RUN: not hyper-run %s --input=@%t/wrap_shape.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=WRAP --implicit-check-not={{.}}
// WRAP: hyper-run: error: input #0: {{.*}}wrap_shape.npy: shape (1099511627776, 4194304) of float32 overflows int64
// RUN: not hyper-run %s --input=@%t/long_dim.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=LONGDIM --implicit-check-not={{.}}
// LONGDIM: hyper-run: error: input #0: {{.*}}long_dim.npy: malformed shape '(99999999999999999999999,)'
// RUN: not hyper-run %s --input=@%t/junk_header.npy --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=JUNK --implicit-check-not={{.}}
// JUNK: hyper-run: error: input #0: {{.*}}junk_header.npy: malformed header (expected 'descr', 'fortran_order' and 'shape'): {{'A{80}\.\.\.'$}}
// RUN: not hyper-run %s --input=@%t/zip64_size.npz:x --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=ZIP64 --implicit-check-not={{.}}
// ZIP64: hyper-run: error: input #0: {{.*}}zip64_size.npz: member 'x.npy' is truncated
// RUN: not hyper-run %s --input=@%t/bad_extra.npz:x --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=EXTRA --implicit-check-not={{.}}
// EXTRA: hyper-run: error: input #0: {{.*}}bad_extra.npz: corrupt extra field of member 'x.npy'
// RUN: not hyper-run %s --input=@%t/member_past_end.npz:x --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=PASTEND --implicit-check-not={{.}}
// PASTEND: hyper-run: error: input #0: {{.*}}member_past_end.npz: member 'x.npy' is truncated
// RUN: not hyper-run %s --input=@%t/overlap.npz:x --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=OVERLAP --implicit-check-not={{.}}
// OVERLAP: hyper-run: error: input #0: {{.*}}overlap.npz: members 'x' and 'y' overlap
// RUN: not hyper-run %s --input=@%t/duplicate.npz:x --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=DUPLICATE --implicit-check-not={{.}}
// DUPLICATE: hyper-run: error: input #0: {{.*}}duplicate.npz: member 'x' appears twice
// RUN: not hyper-run %s --input=@%t/many_entries.npz:x --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=ENTRIES --implicit-check-not={{.}}
// ENTRIES: hyper-run: error: input #0: {{.*}}many_entries.npz: corrupt central directory (65535 entries at offset 0 do not fit the archive)
// RUN: not hyper-run %s --weights=%t/huge_member.npz 2>&1 | FileCheck %s --check-prefix=WEIGHTS
// WEIGHTS: error: {{.*}}huge_member.npz:w: truncated data: shape (1099511627776,) of float32 needs 4398046511104 bytes
// RUN: not hyper-compile %s --weights=%t/huge_member.npz -o %t/never.o 2>&1 | FileCheck %s --check-prefix=WEIGHTS
//
// Only regular files are read.
// RUN: not hyper-run %s --input=@%t --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=DIR --implicit-check-not={{.}}
// DIR: hyper-run: error: input #0: {{.*}}: not a regular file
// RUN: not hyper-run %s --input=@/dev/zero --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=DEVZERO --implicit-check-not={{.}}
// DEVZERO: hyper-run: error: input #0: /dev/zero: not a regular file
//
// Literals are range-checked: sizes, then every value against its type.
// RUN: not hyper-run %s --input=4611686018427387904x9xf32=1 --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=LITWRAP --implicit-check-not={{.}}
// LITWRAP: hyper-run: error: input #0: literal '4611686018427387904x9xf32=1': an array of shape (4611686018427387904, 9) of float32 has a negative size or overflows int64
// RUN: not hyper-run %s --input=1099511627776x9xf32=1 --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=LITBIG --implicit-check-not={{.}}
// LITBIG: hyper-run: error: input #0: literal '1099511627776x9xf32=1' needs 39582418599936 bytes, more than a literal's limit of 64 MiB (pass a .npy file)
// RUN: not hyper-run %s --input=4x9xf32=1e39 --input=@%t/z.npy --input=@%t/w.npy 2>&1 | FileCheck %s --check-prefix=F32BIG --implicit-check-not={{.}}
// F32BIG: hyper-run: error: input #0: value '1e39' in literal does not fit f32
//
// A write that fails, also only at the final flush, is an error.
// RUN: not hyper-run %s --input=@%t/x.npy --input=@%t/z.npy --input=@%t/w.npy --output=@/dev/full 2>&1 | FileCheck %s --check-prefix=FULL
// FULL: hyper-run: error: /dev/full: write error: No space left on device

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

