// A small hyper-CNN classifier in NCHW: a hyper convolution whose 7×7
// kernel a generator makes from one embedding (the paper's MNIST layer,
// SPEC §1), then the standard layers real models put around it, in upstream
// dialects: ReLU, 2×2 max pooling with stride 2, global average pooling and
// a 16 → 10 linear layer.
//
//   x [N, 16, 14, 14] → hyper.conv2d (SAME) → ReLU → max pool → [N, 16, 7, 7]
//     → mean over H, W → [N, 16] → logits = · fc.wᵀ + fc.b → [N, 10]
//
// Bound with --weights, the kernel is generated at compile time (the
// generator and the embedding fold away) and only the convolution runs. The
// generator's names are those of test/data/conv_mnist; the archive also
// needs fc.w [10, 16] and fc.b [10]:
//
//   hyper-run examples/ops/hypercnn_pool.mlir --weights=weights.npz \
//     --input=@test/data/conv_mnist/x.npy --output=@logits.npy

func.func @classify(%x: tensor<?x16x14x14xf32>,
    %z: tensor<1x1x4xf32> {hyper.name = "z"},
    %w_in: tensor<64x4xf32> {hyper.name = "w_in"},
    %b_in: tensor<64xf32> {hyper.name = "b_in"},
    %w_out: tensor<784x4xf32> {hyper.name = "w_out"},
    %b_out: tensor<784xf32> {hyper.name = "b_out"},
    %fc_w: tensor<10x16xf32> {hyper.name = "fc.w"},
    %fc_b: tensor<10xf32> {hyper.name = "fc.b"})
    -> (tensor<?x10xf32> {hyper.name = "logits"}) {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x16x14x14xf32>
  %zero = arith.constant 0.0 : f32
  %lowest = arith.constant -3.40282347e+38 : f32

  %conv = hyper.conv2d %x, %z : tensor<?x16x14x14xf32>, tensor<1x1x4xf32>
      generator(%w_in, %b_in, %w_out, %b_out : tensor<64x4xf32>, tensor<64xf32>,
                tensor<784x4xf32>, tensor<784xf32>)
      block [16, 16, 7, 7] padding [3, 3, 3, 3]

  %e0 = tensor.empty(%n) : tensor<?x16x14x14xf32>
  %relu = linalg.map ins(%conv : tensor<?x16x14x14xf32>)
                     outs(%e0 : tensor<?x16x14x14xf32>)
      (%v: f32, %unused: f32) {
        %m = arith.maximumf %v, %zero : f32
        linalg.yield %m : f32
      }

  %e1 = tensor.empty(%n) : tensor<?x16x7x7xf32>
  %pool_init = linalg.fill ins(%lowest : f32) outs(%e1 : tensor<?x16x7x7xf32>)
      -> tensor<?x16x7x7xf32>
  %window = tensor.empty() : tensor<2x2xf32>
  %pool = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>,
                                   strides = dense<2> : tensor<2xi64>}
      ins(%relu, %window : tensor<?x16x14x14xf32>, tensor<2x2xf32>)
      outs(%pool_init : tensor<?x16x7x7xf32>) -> tensor<?x16x7x7xf32>

  %e2 = tensor.empty(%n) : tensor<?x16xf32>
  %sum_init = linalg.fill ins(%zero : f32) outs(%e2 : tensor<?x16xf32>)
      -> tensor<?x16xf32>
  %sum = linalg.reduce ins(%pool : tensor<?x16x7x7xf32>)
                       outs(%sum_init : tensor<?x16xf32>) dimensions = [2, 3]
      (%v: f32, %acc: f32) {
        %s = arith.addf %v, %acc : f32
        linalg.yield %s : f32
      }
  %inv_area = arith.constant 0.0204081628 : f32 // 1 / 49
  %mean = linalg.map ins(%sum : tensor<?x16xf32>) outs(%e2 : tensor<?x16xf32>)
      (%v: f32, %unused: f32) {
        %m = arith.mulf %v, %inv_area : f32
        linalg.yield %m : f32
      }

  %e3 = tensor.empty(%n) : tensor<?x10xf32>
  %bias = linalg.broadcast ins(%fc_b : tensor<10xf32>)
                           outs(%e3 : tensor<?x10xf32>) dimensions = [0]
  %logits = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                           affine_map<(m, n, k) -> (n, k)>,
                                           affine_map<(m, n, k) -> (m, n)>]
      ins(%mean, %fc_w : tensor<?x16xf32>, tensor<10x16xf32>)
      outs(%bias : tensor<?x10xf32>) -> tensor<?x10xf32>
  return %logits : tensor<?x10xf32>
}
