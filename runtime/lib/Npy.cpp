//===- Npy.cpp - .npy / .npz arrays -----------------------------*- C++ -*-===//

#include "hyper/Runtime/Npy.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace hyperrt {

const char *dtypeName(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "float32";
  case DType::F64:
    return "float64";
  case DType::I32:
    return "int32";
  case DType::I64:
    return "int64";
  }
  return "?";
}

size_t dtypeSize(DType dtype) {
  return dtype == DType::F32 || dtype == DType::I32 ? 4 : 8;
}

static const char *dtypeDescr(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "<f4";
  case DType::F64:
    return "<f8";
  case DType::I32:
    return "<i4";
  case DType::I64:
    return "<i8";
  }
  return "?";
}

void Array::Free::operator()(void *p) const { std::free(p); }

Array::Array(DType dtype, std::vector<int64_t> shape)
    : dtype_(dtype), shape_(std::move(shape)) {
  // aligned_alloc needs a size that is a multiple of the alignment.
  size_t bytes = (numBytes() + 63) / 64 * 64;
  storage_.reset(std::aligned_alloc(64, bytes == 0 ? 64 : bytes));
  std::memset(storage_.get(), 0, bytes == 0 ? 64 : bytes);
}

int64_t Array::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape_)
    n *= d;
  return n;
}

std::string Array::shapeString() const {
  std::ostringstream os;
  os << '(';
  for (size_t i = 0; i < shape_.size(); ++i)
    os << (i ? ", " : "") << shape_[i];
  if (shape_.size() == 1)
    os << ',';
  os << ')';
  return os.str();
}

//===----------------------------------------------------------------------===//
// .npy
//===----------------------------------------------------------------------===//

namespace {

/// A cursor over the Python dict literal of an .npy header.
class HeaderParser {
public:
  explicit HeaderParser(const std::string &text) : text(text) {}

  /// The value text of `key` (a quoted string, a bool or a tuple), or
  /// nullopt when the key is missing.
  std::optional<std::string> value(const std::string &key) const {
    size_t at = text.find("'" + key + "'");
    if (at == std::string::npos)
      return std::nullopt;
    size_t colon = text.find(':', at);
    if (colon == std::string::npos)
      return std::nullopt;
    size_t start = colon + 1;
    while (start < text.size() && std::isspace(text[start]))
      ++start;
    if (start >= text.size())
      return std::nullopt;
    size_t end;
    if (text[start] == '\'') {
      end = text.find('\'', start + 1);
      if (end == std::string::npos)
        return std::nullopt;
      return text.substr(start + 1, end - start - 1);
    }
    if (text[start] == '(') {
      end = text.find(')', start);
      if (end == std::string::npos)
        return std::nullopt;
      return text.substr(start, end - start + 1);
    }
    end = start;
    while (end < text.size() && std::isalnum(text[end]))
      ++end;
    return text.substr(start, end - start);
  }

private:
  const std::string &text;
};

std::optional<std::vector<int64_t>> parseShape(const std::string &tuple) {
  std::vector<int64_t> shape;
  size_t i = 1; // past '('
  while (i < tuple.size()) {
    while (i < tuple.size() && (std::isspace(tuple[i]) || tuple[i] == ','))
      ++i;
    if (i >= tuple.size() || tuple[i] == ')')
      break;
    if (!std::isdigit(tuple[i]))
      return std::nullopt;
    int64_t v = 0;
    while (i < tuple.size() && std::isdigit(tuple[i])) {
      v = v * 10 + (tuple[i] - '0');
      if (v > (int64_t(1) << 40))
        return std::nullopt;
      ++i;
    }
    shape.push_back(v);
  }
  return shape;
}

uint32_t readLE(const uint8_t *p, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = (v << 8) | p[i];
  return v;
}

uint64_t readLE64(const uint8_t *p) {
  return uint64_t(readLE(p, 4)) | (uint64_t(readLE(p + 4, 4)) << 32);
}

std::optional<std::vector<uint8_t>> readFile(const std::string &path,
                                             std::string &error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open file";
    return std::nullopt;
  }
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = path + ": read error";
    return std::nullopt;
  }
  return bytes;
}

} // namespace

std::optional<Array> parseNpy(const uint8_t *bytes, size_t size,
                              const std::string &source, std::string &error) {
  auto fail = [&](const std::string &message) -> std::optional<Array> {
    error = source + ": " + message;
    return std::nullopt;
  };
  static const uint8_t magic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
  if (size < 10 || std::memcmp(bytes, magic, sizeof(magic)) != 0)
    return fail("not a .npy file (missing the \\x93NUMPY magic)");
  uint8_t major = bytes[6];
  if (major < 1 || major > 3)
    return fail("unsupported .npy format version " + std::to_string(major));
  size_t lenBytes = major == 1 ? 2 : 4;
  if (size < 8 + lenBytes)
    return fail("truncated header");
  size_t headerLen = readLE(bytes + 8, lenBytes);
  size_t dataStart = 8 + lenBytes + headerLen;
  if (dataStart > size)
    return fail("truncated header: it claims " + std::to_string(headerLen) +
                " bytes, the file has " + std::to_string(size - 8 - lenBytes));
  std::string header(reinterpret_cast<const char *>(bytes + 8 + lenBytes),
                     headerLen);
  HeaderParser parser(header);

  std::optional<std::string> descr = parser.value("descr");
  std::optional<std::string> fortran = parser.value("fortran_order");
  std::optional<std::string> shapeText = parser.value("shape");
  if (!descr || !fortran || !shapeText)
    return fail("malformed header (expected 'descr', 'fortran_order' and "
                "'shape'): " + header);
  DType dtype;
  if (*descr == "<f4")
    dtype = DType::F32;
  else if (*descr == "<f8")
    dtype = DType::F64;
  else if (*descr == "<i4")
    dtype = DType::I32;
  else if (*descr == "<i8")
    dtype = DType::I64;
  else if (!descr->empty() && (*descr)[0] == '>')
    return fail("big-endian dtype '" + *descr + "' is not supported");
  else
    return fail("unsupported dtype '" + *descr +
                "' (expected float32, float64, int32 or int64)");
  if (*fortran != "False")
    return fail("Fortran-order arrays are not supported (save a C-order "
                "array, e.g. numpy.ascontiguousarray)");
  std::optional<std::vector<int64_t>> shape = parseShape(*shapeText);
  if (!shape)
    return fail("malformed shape " + *shapeText);

  Array array(dtype, *shape);
  size_t available = size - dataStart;
  if (available < array.numBytes())
    return fail("truncated data: shape " + array.shapeString() + " of " +
                dtypeName(dtype) + " needs " +
                std::to_string(array.numBytes()) + " bytes, the file has " +
                std::to_string(available));
  if (available > array.numBytes())
    return fail("trailing data: shape " + array.shapeString() + " of " +
                dtypeName(dtype) + " needs " +
                std::to_string(array.numBytes()) + " bytes, the file has " +
                std::to_string(available));
  std::memcpy(array.data(), bytes + dataStart, array.numBytes());
  return array;
}

std::optional<Array> readNpy(const std::string &path, std::string &error) {
  std::optional<std::vector<uint8_t>> bytes = readFile(path, error);
  if (!bytes)
    return std::nullopt;
  return parseNpy(bytes->data(), bytes->size(), path, error);
}

bool writeNpy(const std::string &path, const Array &array,
              std::string &error) {
  std::string dict = std::string("{'descr': '") + dtypeDescr(array.dtype()) +
                     "', 'fortran_order': False, 'shape': " +
                     array.shapeString() + ", }";
  // Magic (6) + version (2) + length (2) + dict + padding + '\n' ≡ 0 mod 64.
  size_t total = 10 + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict.push_back('\n');
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    error = path + ": cannot open for writing";
    return false;
  }
  const char prefix[] = {'\x93', 'N', 'U', 'M', 'P', 'Y', 1, 0,
                         static_cast<char>(dict.size() & 0xff),
                         static_cast<char>(dict.size() >> 8)};
  out.write(prefix, sizeof(prefix));
  out.write(dict.data(), dict.size());
  out.write(static_cast<const char *>(array.data()), array.numBytes());
  if (!out) {
    error = path + ": write error";
    return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// .npz (a zip archive of .npy members)
//===----------------------------------------------------------------------===//

std::optional<std::vector<NamedArray>> readNpz(const std::string &path,
                                               std::string &error) {
  std::optional<std::vector<uint8_t>> file = readFile(path, error);
  if (!file)
    return std::nullopt;
  const uint8_t *data = file->data();
  size_t size = file->size();
  auto fail = [&](const std::string &message)
      -> std::optional<std::vector<NamedArray>> {
    error = path + ": " + message;
    return std::nullopt;
  };

  // The end-of-central-directory record (22 bytes plus a comment of at most
  // 64 KiB) ends the archive.
  size_t eocd = std::string::npos;
  if (size >= 22) {
    size_t lowest = size > 22 + 65535 ? size - 22 - 65535 : 0;
    for (size_t i = size - 22 + 1; i-- > lowest;) {
      if (readLE(data + i, 4) == 0x06054b50) {
        eocd = i;
        break;
      }
    }
  }
  if (eocd == std::string::npos)
    return fail("not a zip archive (no end-of-central-directory record)");
  uint64_t entries = readLE(data + eocd + 10, 2);
  uint64_t dirOffset = readLE(data + eocd + 16, 4);
  // Zip64: the locator precedes the record and points at the real one.
  if ((entries == 0xffff || dirOffset == 0xffffffff) && eocd >= 20 &&
      readLE(data + eocd - 20, 4) == 0x07064b50) {
    uint64_t record = readLE64(data + eocd - 20 + 8);
    if (record + 56 > size || readLE(data + record, 4) != 0x06064b50)
      return fail("corrupt zip64 end-of-central-directory record");
    entries = readLE64(data + record + 32);
    dirOffset = readLE64(data + record + 48);
  }

  std::vector<NamedArray> arrays;
  uint64_t at = dirOffset;
  for (uint64_t e = 0; e < entries; ++e) {
    if (at + 46 > size || readLE(data + at, 4) != 0x02014b50)
      return fail("corrupt central directory");
    uint32_t method = readLE(data + at + 10, 2);
    uint64_t compressed = readLE(data + at + 20, 4);
    uint64_t uncompressed = readLE(data + at + 24, 4);
    uint32_t nameLen = readLE(data + at + 28, 2);
    uint32_t extraLen = readLE(data + at + 30, 2);
    uint32_t commentLen = readLE(data + at + 32, 2);
    uint64_t local = readLE(data + at + 42, 4);
    if (at + 46 + nameLen + extraLen > size)
      return fail("corrupt central directory");
    std::string name(reinterpret_cast<const char *>(data + at + 46), nameLen);
    // Zip64 extra field: the 0xffffffff fields follow in order.
    const uint8_t *extra = data + at + 46 + nameLen;
    for (uint32_t x = 0; x + 4 <= extraLen;) {
      uint32_t id = readLE(extra + x, 2), len = readLE(extra + x + 2, 2);
      if (id == 0x0001) {
        const uint8_t *f = extra + x + 4;
        if (uncompressed == 0xffffffff) {
          uncompressed = readLE64(f);
          f += 8;
        }
        if (compressed == 0xffffffff) {
          compressed = readLE64(f);
          f += 8;
        }
        if (local == 0xffffffff)
          local = readLE64(f);
      }
      x += 4 + len;
    }
    at += 46 + nameLen + extraLen + commentLen;

    if (method != 0)
      return fail("member '" + name +
                  "' is compressed (numpy.savez_compressed); save the "
                  "archive with numpy.savez");
    if (local + 30 > size || readLE(data + local, 4) != 0x04034b50)
      return fail("corrupt local header of member '" + name + "'");
    uint64_t start =
        local + 30 + readLE(data + local + 26, 2) + readLE(data + local + 28, 2);
    if (start + compressed > size)
      return fail("member '" + name + "' is truncated");
    std::optional<Array> array =
        parseNpy(data + start, compressed, path + ":" + name, error);
    if (!array)
      return std::nullopt;
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0)
      name.resize(name.size() - 4);
    arrays.emplace_back(std::move(name), std::move(*array));
  }
  return arrays;
}

} // namespace hyperrt
