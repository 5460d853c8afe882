//===- Npy.h - .npy / .npz arrays for hyper-mlir tools and models -*- C++
//-*-===//
//
// Reading and writing NumPy's .npy files and .npz archives (float32,
// float64, int32, int64; C order; little endian). Plain C++17 with no LLVM or
// MLIR dependency, so compiled models can link it.
//
// Every failure returns an error message that names the file (and archive
// member) and says what was expected and what was found. The readers trust
// nothing in a file: sizes are checked with overflow-safe arithmetic against
// the bytes actually there before anything is allocated, only regular files
// up to kMaxFileBytes are read, an archive's members may not overlap or
// repeat a name, and an error quotes at most a short, escaped prefix of bad
// bytes.
//
//===----------------------------------------------------------------------===//

#ifndef HYPER_RUNTIME_NPY_H
#define HYPER_RUNTIME_NPY_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hyperrt {

/// Element types an array may hold.
enum class DType : uint8_t { F32, F64, I32, I64 };

/// NumPy's name of `dtype` ("float32", ...).
const char *dtypeName(DType dtype);
/// Bytes per element.
size_t dtypeSize(DType dtype);

/// The largest file the readers read and the largest array they (and
/// Array::allocate) create: 64 GiB.
constexpr uint64_t kMaxFileBytes = uint64_t(1) << 36;

/// The bytes of a C-order array of `shape` (each size >= 0), or nullopt when
/// a size is negative or the element count or byte size overflows int64.
std::optional<uint64_t> checkedByteSize(DType dtype,
                                        const std::vector<int64_t> &shape);

/// An n-dimensional C-order array with 64-byte aligned, owned storage.
class Array {
public:
  Array() = default;
  /// A zero-filled array of sizes the caller has validated; throws
  /// std::length_error on a negative or overflowing size and std::bad_alloc
  /// when memory runs out. Prefer allocate for sizes from outside.
  Array(DType dtype, std::vector<int64_t> shape);

  /// A zero-filled array, or nullopt with a message in `error` when a size
  /// is negative, the byte size overflows or exceeds kMaxFileBytes, or the
  /// allocation fails.
  static std::optional<Array> allocate(DType dtype, std::vector<int64_t> shape,
                                       std::string &error);

  DType dtype() const { return dtype_; }
  const std::vector<int64_t> &shape() const { return shape_; }
  int64_t rank() const { return static_cast<int64_t>(shape_.size()); }
  int64_t numElements() const;
  size_t numBytes() const { return numElements() * dtypeSize(dtype_); }

  void *data() { return storage_.get(); }
  const void *data() const { return storage_.get(); }
  template <typename T> T *as() { return static_cast<T *>(data()); }
  template <typename T> const T *as() const {
    return static_cast<const T *>(data());
  }

  /// The shape as NumPy prints it: "(2, 3)", "(4,)", "()".
  std::string shapeString() const;

private:
  struct Free {
    void operator()(void *p) const;
  };
  DType dtype_ = DType::F32;
  std::vector<int64_t> shape_;
  std::unique_ptr<void, Free> storage_;
};

/// A named array of an .npz archive (the member name without ".npy").
using NamedArray = std::pair<std::string, Array>;

/// Parses the bytes of a .npy file; `source` names it in errors.
std::optional<Array> parseNpy(const uint8_t *bytes, size_t size,
                              const std::string &source, std::string &error);

/// Reads a .npy file.
std::optional<Array> readNpy(const std::string &path, std::string &error);

/// Parses the bytes of an .npz archive into its arrays (see readNpz);
/// `source` names it in errors.
std::optional<std::vector<NamedArray>> parseNpz(const uint8_t *bytes,
                                                size_t size,
                                                const std::string &source,
                                                std::string &error);

/// Reads every array of an .npz archive (as written by numpy.savez; members
/// compressed by numpy.savez_compressed are reported as unsupported).
std::optional<std::vector<NamedArray>> readNpz(const std::string &path,
                                               std::string &error);

/// Reads the array `member` (without ".npy") of an .npz archive, decoding
/// only that member.
std::optional<Array> readNpzMember(const std::string &path,
                                   const std::string &member,
                                   std::string &error);

/// Writes `array` as a version 1.0 .npy file; fails (with the reason) when
/// the file cannot be written completely, also when only the final flush
/// fails (a full disk).
bool writeNpy(const std::string &path, const Array &array, std::string &error);

/// Writes `arrays` as an uncompressed .npz archive (numpy.load reads it).
bool writeNpz(const std::string &path, const std::vector<NamedArray> &arrays,
              std::string &error);

} // namespace hyperrt

#endif // HYPER_RUNTIME_NPY_H
