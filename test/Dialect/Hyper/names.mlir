// `hyper.name` names function arguments and results after their tensors in a
// weights archive.
// RUN: hyper-opt %s | hyper-opt | FileCheck %s

// CHECK-LABEL: func.func @named
//  CHECK-SAME:   %{{.*}}: tensor<4xf32> {hyper.name = "main.b"}
//  CHECK-SAME:   -> (tensor<4xf32> {hyper.name = "y"})
func.func @named(%b: tensor<4xf32> {hyper.name = "main.b"})
    -> (tensor<4xf32> {hyper.name = "y"}) {
  return %b : tensor<4xf32>
}
