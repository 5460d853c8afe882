// A tensor of [T, B, N] with T and B dynamic, flattened to [T*B, N] and
// expanded back (as the PTB model's softmax over all positions of a
// sequence does): expand-strided-metadata crashed on the buffer's
// expand_shape; hyper-expand-shapes-to-casts writes it as a
// reinterpret_cast first. The result is checked against numpy.
// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.arange(60, dtype=np.float32).reshape(3, 4, 5) / 60)"
// RUN: hyper-run %s --input=@%t.x.npy --output=@%t.y.npy
// RUN: %python -c "import numpy as np; x = np.load('%t.x.npy'); np.save('%t.want.npy', np.tanh(x))"
// RUN: %npy_compare %t.y.npy %t.want.npy
// RUN: hyper-compile %s -o %t.o

func.func @tanh_flat(%x: tensor<?x?x5xf32>) -> tensor<?x?x5xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %t = tensor.dim %x, %c0 : tensor<?x?x5xf32>
  %b = tensor.dim %x, %c1 : tensor<?x?x5xf32>
  %flat = tensor.collapse_shape %x [[0, 1], [2]]
      : tensor<?x?x5xf32> into tensor<?x5xf32>
  %n = tensor.dim %flat, %c0 : tensor<?x5xf32>
  %e = tensor.empty(%n) : tensor<?x5xf32>
  %y = linalg.tanh ins(%flat : tensor<?x5xf32>) outs(%e : tensor<?x5xf32>)
      -> tensor<?x5xf32>
  %out = tensor.expand_shape %y [[0, 1], [2]] output_shape [%t, %b, 5]
      : tensor<?x5xf32> into tensor<?x?x5xf32>
  return %out : tensor<?x?x5xf32>
}
