// RUN: hyper-opt %s -hyper-approximate-math | FileCheck %s

// tanh and exp, scalar and vector, become polynomials in arith and math.fma;
// other math ops are left alone.
// CHECK-LABEL: func.func @f
//   CHECK-NOT:   math.tanh
//   CHECK-NOT:   math.exp
//       CHECK:   math.fma {{.*}} : f32
//       CHECK:   math.fma {{.*}} : vector<16xf32>
//       CHECK:   math.sqrt
//       CHECK:   return
func.func @f(%x: f32, %v: vector<16xf32>, %s: f32) -> (f32, vector<16xf32>, f32) {
  %a = math.tanh %x : f32
  %b = math.exp %v : vector<16xf32>
  %c = math.sqrt %s : f32
  return %a, %b, %c : f32, vector<16xf32>, f32
}
