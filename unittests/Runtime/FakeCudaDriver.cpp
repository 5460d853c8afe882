//===- FakeCudaDriver.cpp - A CUDA driver that finds no device ------------===//
//
// Stands in for libcuda.so.1 in the runtime tests: the driver of a machine
// without an NVIDIA GPU. Exports only what the runtime resolves first.
//
//===----------------------------------------------------------------------===//

namespace {
constexpr int kErrorNoDevice = 100; // CUDA_ERROR_NO_DEVICE
} // namespace

extern "C" {

int cuInit(unsigned) { return kErrorNoDevice; }

int cuGetErrorName(int error, const char **name) {
  *name = error == kErrorNoDevice ? "CUDA_ERROR_NO_DEVICE" : nullptr;
  return *name ? 0 : 1;
}

int cuGetErrorString(int error, const char **text) {
  *text = error == kErrorNoDevice ? "no CUDA-capable device is detected"
                                  : nullptr;
  return *text ? 0 : 1;
}

} // extern "C"
