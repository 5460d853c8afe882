// Runs the ahead-of-time compiled @twice of aliased-results.mlir, which
// returns one value twice: the second result has no owner, releasing both
// hands the block back once (two fresh blocks of its size differ), and the
// values are x + x.
#include "aot_util.h"

#include "hyper/Runtime/Allocator.h"

int main() {
  const float x[] = {1, 2, 3, 4};
  hyper_result a, b;
  if (hyper_aliased_twice(x, 4, &a, &b))
    return 1;
  const float *va = static_cast<const float *>(a.data);
  const float *vb = static_cast<const float *>(b.data);
  std::printf("a = [%g, %g, %g, %g]\n", va[0], va[1], va[2], va[3]);
  std::printf("b = [%g, %g, %g, %g]\n", vb[0], vb[1], vb[2], vb[3]);
  std::printf("b owner: %s\n", b.owner ? "set" : "none");
  hyper_aliased_release(&b);
  hyper_aliased_release(&a);
  void *p = _mlir_memref_to_llvm_alloc(16), *q = _mlir_memref_to_llvm_alloc(16);
  std::printf("fresh blocks %s\n", p != q ? "differ" : "ALIAS");
  _mlir_memref_to_llvm_free(p);
  _mlir_memref_to_llvm_free(q);
  return 0;
}
