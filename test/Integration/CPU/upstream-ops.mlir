// The non-hyper parts of models lower through the same pipeline: an
// embedding lookup (tosa.gather), softmax (linalg.softmax), ReLU
// (tosa.clamp) and a pooled reduction, checked on values worked out by hand.
//
// RUN: hyper-run %s --function=embed --input=1x5x3xf32=0,1,2,10,11,12,20,21,22,30,31,32,40,41,42 \
// RUN:   --input=1x4xi32=4,0,2,2 | FileCheck %s --check-prefix=EMBED
// EMBED: result[0]: tensor<1x4x3xf32> -> float32(1, 4, 3)
// EMBED-NEXT: [40, 41, 42, 0, 1, 2, 20, 21, ...]  min 0  max 42  mean 21
//
// softmax([0, ln 3]) = [1/4, 3/4]; softmax([1, 1]) = [1/2, 1/2].
// RUN: hyper-run %s --function=softmax --input=2x2xf32=0,1.0986122887,1,1 | FileCheck %s --check-prefix=SOFTMAX
// SOFTMAX: [0.25, 0.75, 0.5, 0.5]
//
// mean(relu([-1, 2, -3, 6])) = (0 + 2 + 0 + 6) / 4 = 2.
// RUN: hyper-run %s --function=relu_mean --input=1x1x2x2xf32=-1,2,-3,6 | FileCheck %s --check-prefix=POOL
// POOL: result[0]: tensor<1x1xf32> -> float32(1, 1)
// POOL-NEXT: [2]

func.func @embed(%table: tensor<1x5x3xf32>, %ids: tensor<1x4xi32>) -> tensor<1x4x3xf32> {
  %g = tosa.gather %table, %ids : (tensor<1x5x3xf32>, tensor<1x4xi32>) -> tensor<1x4x3xf32>
  return %g : tensor<1x4x3xf32>
}

func.func @softmax(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %e = tensor.empty() : tensor<2x2xf32>
  %p = linalg.softmax dimension(1) ins(%x : tensor<2x2xf32>) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %p : tensor<2x2xf32>
}

func.func @relu_mean(%x: tensor<1x1x2x2xf32>) -> tensor<1x1xf32> {
  %r = tosa.clamp %x {max_val = 3.40282347E+38 : f32, min_val = 0.000000e+00 : f32}
      : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x1xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x1xf32>) -> tensor<1x1xf32>
  %s = linalg.reduce ins(%r : tensor<1x1x2x2xf32>) outs(%acc : tensor<1x1xf32>) dimensions = [2, 3]
      (%in: f32, %a: f32) {
        %t = arith.addf %in, %a : f32
        linalg.yield %t : f32
      }
  %quarter = arith.constant dense<0.25> : tensor<1x1xf32>
  %m = arith.mulf %s, %quarter : tensor<1x1xf32>
  return %m : tensor<1x1xf32>
}
