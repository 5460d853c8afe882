// The entry point's parameters are named after the arguments' hyper.names
// as C identifiers, kept apart from the entry point's own locals (hyper_*)
// and from each other's size parameters (NAME_count, NAME_dI); unnamed ones
// are argI/resultI. The HyperLSTM's weights are named hyper.*: compiled
// unbound, they become arg_hyper_* (this once made hyper-compile loop).
// RUN: hyper-compile %s --name=names -o %t.o --header %t.h
// RUN: FileCheck %s --input-file=%t.h
// RUN: %aot_cc -fsyntax-only -include %t.h -x c /dev/null
// CHECK:      int hyper_names_f(const float *arg_hyper_w_x,
// CHECK-NEXT:     int64_t arg_hyper_w_x_count,
// CHECK-NEXT:     const float *arg_hyper_b,
// CHECK-NEXT:     int64_t arg_hyper_b_count,
// CHECK-NEXT:     const float *v,
// CHECK-NEXT:     int64_t v_count,
// CHECK-NEXT:     int64_t v_d0,
// CHECK-NEXT:     const float *v_count_,
// CHECK-NEXT:     int64_t v_count__count,
// CHECK-NEXT:     const float *w_1,
// CHECK-NEXT:     int64_t w_1_count,
// CHECK-NEXT:     const float *arg5,
// CHECK-NEXT:     int64_t arg5_count,
// CHECK-NEXT:     hyper_result *arg_hyper_y,
// CHECK-NEXT:     hyper_result *result1);

func.func @f(%a: tensor<4x3xf32> {hyper.name = "hyper.w_x"},
             %b: tensor<4xf32> {hyper.name = "hyper_b"},
             %c: tensor<?xf32> {hyper.name = "v"},
             %d: tensor<2xf32> {hyper.name = "v_count"},
             %e: tensor<2xf32> {hyper.name = "w-1"},
             %g: tensor<2xf32>)
    -> (tensor<4x3xf32> {hyper.name = "hyper.y"}, tensor<4xf32>) {
  return %a, %b : tensor<4x3xf32>, tensor<4xf32>
}
