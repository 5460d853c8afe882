//===- Npy.cpp - .npy / .npz arrays -----------------------------*- C++ -*-===//

#include "hyper/Runtime/Npy.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <set>
#include <sstream>
#include <stdexcept>

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

std::optional<uint64_t> checkedByteSize(DType dtype,
                                        const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    if (d < 0 || __builtin_mul_overflow(n, d, &n))
      return std::nullopt;
  int64_t bytes;
  if (__builtin_mul_overflow(n, static_cast<int64_t>(dtypeSize(dtype)), &bytes))
    return std::nullopt;
  return static_cast<uint64_t>(bytes);
}

void Array::Free::operator()(void *p) const { std::free(p); }

Array::Array(DType dtype, std::vector<int64_t> shape)
    : dtype_(dtype), shape_(std::move(shape)) {
  std::optional<uint64_t> size = checkedByteSize(dtype_, shape_);
  if (!size || *size > UINT64_MAX - 63)
    throw std::length_error("array size overflows");
  // aligned_alloc needs a size that is a multiple of the alignment.
  uint64_t bytes = std::max<uint64_t>((*size + 63) / 64 * 64, 64);
  storage_.reset(std::aligned_alloc(64, bytes));
  if (!storage_)
    throw std::bad_alloc();
  std::memset(storage_.get(), 0, bytes);
}

/// A shape as Python prints a tuple: "(2, 3)", "(4,)", "()".
static std::string formatShape(const std::vector<int64_t> &shape) {
  std::ostringstream os;
  os << '(';
  for (size_t i = 0; i < shape.size(); ++i)
    os << (i ? ", " : "") << shape[i];
  if (shape.size() == 1)
    os << ',';
  os << ')';
  return os.str();
}

std::string Array::shapeString() const { return formatShape(shape_); }

std::optional<Array> Array::allocate(DType dtype, std::vector<int64_t> shape,
                                     std::string &error) {
  std::optional<uint64_t> bytes = checkedByteSize(dtype, shape);
  if (!bytes) {
    error = "an array of shape " + formatShape(shape) + " of " +
            dtypeName(dtype) + " has a negative size or overflows int64";
    return std::nullopt;
  }
  if (*bytes > kMaxFileBytes) {
    error = "an array of shape " + formatShape(shape) + " of " +
            dtypeName(dtype) + " needs " + std::to_string(*bytes) +
            " bytes, more than the limit of " + std::to_string(kMaxFileBytes);
    return std::nullopt;
  }
  try {
    return Array(dtype, std::move(shape));
  } catch (const std::bad_alloc &) {
    error = "out of memory allocating " + std::to_string(*bytes) +
            " bytes for an array of shape " + formatShape(shape);
    return std::nullopt;
  }
}

int64_t Array::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape_)
    n *= d;
  return n;
}

//===----------------------------------------------------------------------===//
// .npy
//===----------------------------------------------------------------------===//

namespace {

/// Whether [offset, offset + length) lies within `size` bytes (no overflow).
bool within(uint64_t offset, uint64_t length, uint64_t size) {
  return offset <= size && length <= size - offset;
}

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

/// At most `limit` characters of untrusted `text` for an error message,
/// non-printable bytes escaped, "..." when cut.
std::string quote(const std::string &text, size_t limit = 80) {
  std::string out;
  for (size_t i = 0; i < text.size() && i < limit; ++i) {
    unsigned char c = text[i];
    if (std::isprint(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[8];
      std::snprintf(hex, sizeof(hex), "\\x%02x", c);
      out += hex;
    }
  }
  if (text.size() > limit)
    out += "...";
  return "'" + out + "'";
}

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
      if (__builtin_mul_overflow(v, 10, &v) ||
          __builtin_add_overflow(v, tuple[i] - '0', &v))
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

/// The bytes of the regular file at `path` (not a directory, device or
/// pipe), at most kMaxFileBytes of them.
std::optional<std::vector<uint8_t>> readFile(const std::string &path,
                                             std::string &error) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file) {
    error = path + ": cannot open file";
    return std::nullopt;
  }
  struct FileCloser {
    std::FILE *f;
    ~FileCloser() { std::fclose(f); }
  } closer{file};
  struct stat info;
  if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode)) {
    error = path + ": not a regular file";
    return std::nullopt;
  }
  uint64_t size = static_cast<uint64_t>(info.st_size);
  if (size > kMaxFileBytes) {
    error = path + ": " + std::to_string(size) +
            " bytes, more than the limit of " + std::to_string(kMaxFileBytes);
    return std::nullopt;
  }
  std::vector<uint8_t> bytes;
  try {
    bytes.resize(size);
  } catch (const std::bad_alloc &) {
    error = path + ": out of memory reading " + std::to_string(size) + " bytes";
    return std::nullopt;
  }
  if (size && std::fread(bytes.data(), 1, size, file) != size) {
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
  uint64_t headerLen = readLE(bytes + 8, lenBytes);
  if (!within(8 + lenBytes, headerLen, size))
    return fail("truncated header: it claims " + std::to_string(headerLen) +
                " bytes, the file has " + std::to_string(size - 8 - lenBytes));
  uint64_t dataStart = 8 + lenBytes + headerLen;
  std::string header(reinterpret_cast<const char *>(bytes + 8 + lenBytes),
                     headerLen);
  HeaderParser parser(header);

  std::optional<std::string> descr = parser.value("descr");
  std::optional<std::string> fortran = parser.value("fortran_order");
  std::optional<std::string> shapeText = parser.value("shape");
  if (!descr || !fortran || !shapeText)
    return fail("malformed header (expected 'descr', 'fortran_order' and "
                "'shape'): " +
                quote(header));
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
    return fail("big-endian dtype " + quote(*descr) + " is not supported");
  else
    return fail("unsupported dtype " + quote(*descr) +
                " (expected float32, float64, int32 or int64)");
  if (*fortran != "False")
    return fail("Fortran-order arrays are not supported (save a C-order "
                "array, e.g. numpy.ascontiguousarray)");
  std::optional<std::vector<int64_t>> shape = parseShape(*shapeText);
  if (!shape)
    return fail("malformed shape " + quote(*shapeText));

  // The size the header claims, checked against the bytes there before
  // anything is allocated.
  std::string shapeString = formatShape(*shape);
  std::optional<uint64_t> needed = checkedByteSize(dtype, *shape);
  if (!needed)
    return fail("shape " + shapeString + " of " + dtypeName(dtype) +
                " overflows int64");
  uint64_t available = size - dataStart;
  if (available != *needed)
    return fail(std::string(available < *needed ? "truncated" : "trailing") +
                " data: shape " + shapeString + " of " + dtypeName(dtype) +
                " needs " + std::to_string(*needed) + " bytes, the file has " +
                std::to_string(available));
  std::string allocError;
  std::optional<Array> array = Array::allocate(dtype, *shape, allocError);
  if (!array)
    return fail(allocError);
  if (*needed)
    std::memcpy(array->data(), bytes + dataStart, *needed);
  return array;
}

std::optional<Array> readNpy(const std::string &path, std::string &error) {
  std::optional<std::vector<uint8_t>> bytes = readFile(path, error);
  if (!bytes)
    return std::nullopt;
  return parseNpy(bytes->data(), bytes->size(), path, error);
}

//===----------------------------------------------------------------------===//
// .npz (a zip archive of .npy members)
//===----------------------------------------------------------------------===//

namespace {

/// Where one member's bytes lie in an archive.
struct NpzMember {
  std::string name; // without ".npy"
  uint64_t start, size;
};

/// The members of the zip archive in `data`, every offset and size checked
/// against the archive (zip64 fields included), names unique, byte ranges
/// disjoint; nothing decoded.
std::optional<std::vector<NpzMember>> indexNpz(const uint8_t *data,
                                               uint64_t size,
                                               const std::string &path,
                                               std::string &error) {
  auto fail =
      [&](const std::string &message) -> std::optional<std::vector<NpzMember>> {
    error = path + ": " + message;
    return std::nullopt;
  };

  // The end-of-central-directory record (22 bytes plus a comment of at most
  // 64 KiB) ends the archive.
  uint64_t eocd = UINT64_MAX;
  if (size >= 22) {
    uint64_t lowest = size > 22 + 65535 ? size - 22 - 65535 : 0;
    for (uint64_t i = size - 22 + 1; i-- > lowest;) {
      if (readLE(data + i, 4) == 0x06054b50) {
        eocd = i;
        break;
      }
    }
  }
  if (eocd == UINT64_MAX)
    return fail("not a zip archive (no end-of-central-directory record)");
  uint64_t entries = readLE(data + eocd + 10, 2);
  uint64_t dirOffset = readLE(data + eocd + 16, 4);
  // Zip64: the locator precedes the record and points at the real one.
  if ((entries == 0xffff || dirOffset == 0xffffffff) && eocd >= 20 &&
      readLE(data + eocd - 20, 4) == 0x07064b50) {
    uint64_t record = readLE64(data + eocd - 20 + 8);
    if (!within(record, 56, size) || readLE(data + record, 4) != 0x06064b50)
      return fail("corrupt zip64 end-of-central-directory record");
    entries = readLE64(data + record + 32);
    dirOffset = readLE64(data + record + 48);
  }
  // Each entry takes at least 46 bytes of the directory.
  if (!within(dirOffset, 0, size) || entries > (size - dirOffset) / 46)
    return fail("corrupt central directory (" + std::to_string(entries) +
                " entries at offset " + std::to_string(dirOffset) +
                " do not fit the archive)");

  std::vector<NpzMember> members;
  std::set<std::string> names;
  uint64_t at = dirOffset;
  for (uint64_t e = 0; e < entries; ++e) {
    if (!within(at, 46, size) || readLE(data + at, 4) != 0x02014b50)
      return fail("corrupt central directory");
    uint32_t method = readLE(data + at + 10, 2);
    uint64_t compressed = readLE(data + at + 20, 4);
    uint64_t uncompressed = readLE(data + at + 24, 4);
    uint32_t nameLen = readLE(data + at + 28, 2);
    uint32_t extraLen = readLE(data + at + 30, 2);
    uint32_t commentLen = readLE(data + at + 32, 2);
    uint64_t local = readLE(data + at + 42, 4);
    if (!within(at + 46, uint64_t(nameLen) + extraLen + commentLen, size))
      return fail("corrupt central directory");
    std::string name(reinterpret_cast<const char *>(data + at + 46), nameLen);
    // Zip64 extra field: the 0xffffffff fields follow in order.
    const uint8_t *extra = data + at + 46 + nameLen;
    for (uint32_t x = 0; x + 4 <= extraLen;) {
      uint32_t id = readLE(extra + x, 2), len = readLE(extra + x + 2, 2);
      if (x + 4 + len > extraLen)
        return fail("corrupt extra field of member " + quote(name));
      if (id == 0x0001) {
        const uint8_t *f = extra + x + 4, *fieldEnd = f + len;
        for (uint64_t *field : {&uncompressed, &compressed, &local}) {
          if (*field != 0xffffffff)
            continue;
          if (fieldEnd - f < 8)
            return fail("corrupt zip64 field of member " + quote(name));
          *field = readLE64(f);
          f += 8;
        }
      }
      x += 4 + len;
    }
    at += 46 + uint64_t(nameLen) + extraLen + commentLen;

    if (method != 0)
      return fail("member " + quote(name) +
                  " is compressed (numpy.savez_compressed); save the "
                  "archive with numpy.savez");
    if (!within(local, 30, size) || readLE(data + local, 4) != 0x04034b50)
      return fail("corrupt local header of member " + quote(name));
    uint64_t start = local + 30 + readLE(data + local + 26, 2) +
                     readLE(data + local + 28, 2);
    if (!within(start, compressed, size))
      return fail("member " + quote(name) + " is truncated");
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0)
      name.resize(name.size() - 4);
    if (!names.insert(name).second)
      return fail("member " + quote(name) + " appears twice");
    members.push_back({std::move(name), start, compressed});
  }
  // Members of a real archive never share bytes; a crafted one would
  // decode the same bytes many times over.
  std::vector<const NpzMember *> byStart;
  for (const NpzMember &m : members)
    byStart.push_back(&m);
  std::sort(byStart.begin(), byStart.end(),
            [](const NpzMember *a, const NpzMember *b) {
              return a->start < b->start;
            });
  for (size_t i = 1; i < byStart.size(); ++i)
    if (byStart[i - 1]->start + byStart[i - 1]->size > byStart[i]->start)
      return fail("members " + quote(byStart[i - 1]->name) + " and " +
                  quote(byStart[i]->name) + " overlap");
  return members;
}

/// An archive's bytes and the index of its members.
struct IndexedNpz {
  std::vector<uint8_t> bytes;
  std::vector<NpzMember> members;

  /// Reads and indexes the archive at `path`; nullopt (with `error`) when it
  /// cannot be read or its directory is malformed.
  static std::optional<IndexedNpz> open(const std::string &path,
                                        std::string &error) {
    std::optional<std::vector<uint8_t>> file = readFile(path, error);
    if (!file)
      return std::nullopt;
    std::optional<std::vector<NpzMember>> members =
        indexNpz(file->data(), file->size(), path, error);
    if (!members)
      return std::nullopt;
    return IndexedNpz{std::move(*file), std::move(*members)};
  }

  /// Decodes one member (only its bytes are read).
  std::optional<Array> decode(const NpzMember &m, const std::string &path,
                              std::string &error) const {
    return parseNpy(bytes.data() + m.start, m.size, path + ":" + m.name, error);
  }
};

} // namespace

std::optional<std::vector<NamedArray>> parseNpz(const uint8_t *bytes,
                                                size_t size,
                                                const std::string &source,
                                                std::string &error) {
  std::optional<std::vector<NpzMember>> members =
      indexNpz(bytes, size, source, error);
  if (!members)
    return std::nullopt;
  std::vector<NamedArray> arrays;
  for (const NpzMember &m : *members) {
    std::optional<Array> array =
        parseNpy(bytes + m.start, m.size, source + ":" + m.name, error);
    if (!array)
      return std::nullopt;
    arrays.emplace_back(m.name, std::move(*array));
  }
  return arrays;
}

std::optional<std::vector<NamedArray>> readNpz(const std::string &path,
                                               std::string &error) {
  std::optional<std::vector<uint8_t>> file = readFile(path, error);
  if (!file)
    return std::nullopt;
  return parseNpz(file->data(), file->size(), path, error);
}

std::optional<Array> readNpzMember(const std::string &path,
                                   const std::string &member,
                                   std::string &error) {
  std::optional<IndexedNpz> npz = IndexedNpz::open(path, error);
  if (!npz)
    return std::nullopt;
  for (const NpzMember &m : npz->members)
    if (m.name == member)
      return npz->decode(m, path, error);
  std::string names;
  for (const NpzMember &m : npz->members)
    names += (names.empty() ? "" : ", ") + m.name;
  error = path + ": no array named " + quote(member) +
          (names.empty() ? " (the archive is empty)"
                         : " (it has " + quote(names, 200) + ")");
  return std::nullopt;
}

namespace {

/// The bytes of `array` as a version 1.0 .npy file.
std::string npyBytes(const Array &array) {
  std::string dict =
      std::string("{'descr': '") + dtypeDescr(array.dtype()) +
      "', 'fortran_order': False, 'shape': " + array.shapeString() + ", }";
  // Magic (6) + version (2) + length (2) + dict + padding + '\n' = 0 mod 64.
  size_t total = 10 + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict.push_back('\n');
  const char prefix[] = {'\x93',
                         'N',
                         'U',
                         'M',
                         'P',
                         'Y',
                         1,
                         0,
                         static_cast<char>(dict.size() & 0xff),
                         static_cast<char>(dict.size() >> 8)};
  std::string out(prefix, sizeof(prefix));
  out += dict;
  out.append(static_cast<const char *>(array.data()), array.numBytes());
  return out;
}

/// Writes `bytes` to `path`; the error says why when any part, the final
/// flush and close included, fails.
bool writeFile(const std::string &path, const std::string &bytes,
               std::string &error) {
  std::FILE *file = std::fopen(path.c_str(), "wb");
  if (!file) {
    error = path + ": cannot open for writing: " + std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  ok = std::fflush(file) == 0 && ok;
  int saved = errno;
  ok = std::fclose(file) == 0 && ok;
  if (!ok) {
    error = path + ": write error: " + std::strerror(saved ? saved : errno);
    return false;
  }
  return true;
}

uint32_t crc32(const std::string &bytes) {
  static uint32_t table[256] = {};
  if (!table[1])
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k)
        c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
  uint32_t c = 0xffffffffu;
  for (unsigned char b : bytes)
    c = table[(c ^ b) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

/// One little-endian field of a zip record: its value and byte width.
struct Field {
  uint64_t value;
  int bytes;
};

/// Appends the fields of one record.
void put(std::string &out, std::initializer_list<Field> fields) {
  for (const Field &f : fields)
    for (int i = 0; i < f.bytes; ++i)
      out.push_back(static_cast<char>((f.value >> (8 * i)) & 0xff));
}

} // namespace

bool writeNpy(const std::string &path, const Array &array, std::string &error) {
  return writeFile(path, npyBytes(array), error);
}

bool writeNpz(const std::string &path, const std::vector<NamedArray> &arrays,
              std::string &error) {
  // Stored (uncompressed) members with zip64 sizes and offsets, as
  // numpy.savez writes large archives. Version 45: zip64.
  constexpr uint64_t kInZip64 = 0xffffffff, kZip64 = 45;
  // One record per statement, its fields in the zip specification's order.
  // clang-format off
  std::string out, directory;
  for (const NamedArray &named : arrays) {
    std::string name = named.first + ".npy", data = npyBytes(named.second);
    uint32_t crc = crc32(data);
    uint64_t offset = out.size(), size = data.size();
    std::string local, central;
    // Zip64 extra fields: sizes (and, in the directory, the offset).
    put(local, {{0x0001, 2}, {16, 2}, {size, 8}, {size, 8}});
    put(central, {{0x0001, 2}, {24, 2}, {size, 8}, {size, 8}, {offset, 8}});
    // Local header: signature, version needed, flags, method (stored),
    // time and date, CRC, sizes (in the zip64 field), name and extra length.
    put(out, {{0x04034b50, 4}, {kZip64, 2}, {0, 2}, {0, 2}, {0, 4}, {crc, 4},
              {kInZip64, 4}, {kInZip64, 4}, {name.size(), 2},
              {local.size(), 2}});
    out += name + local + data;
    // Central directory entry: signature, versions made by and needed,
    // flags, method, time and date, CRC, sizes, name, extra and comment
    // lengths, disk, internal and external attributes, offset.
    put(directory, {{0x02014b50, 4}, {kZip64, 2}, {kZip64, 2}, {0, 2}, {0, 2},
                    {0, 4}, {crc, 4}, {kInZip64, 4}, {kInZip64, 4},
                    {name.size(), 2}, {central.size(), 2}, {0, 2}, {0, 2},
                    {0, 2}, {0, 4}, {kInZip64, 4}});
    directory += name + central;
  }
  uint64_t dirOffset = out.size(), dirSize = directory.size();
  out += directory;
  // The zip64 end-of-central-directory record (signature, its size,
  // versions, disks, entries on this disk and in all, directory size and
  // offset), its locator (signature, disk, record offset, disks), then the
  // classic record pointing at them.
  uint64_t record = out.size(), n = arrays.size();
  put(out, {{0x06064b50, 4}, {44, 8}, {kZip64, 2}, {kZip64, 2}, {0, 4}, {0, 4},
            {n, 8}, {n, 8}, {dirSize, 8}, {dirOffset, 8}});
  put(out, {{0x07064b50, 4}, {0, 4}, {record, 8}, {1, 4}});
  put(out, {{0x06054b50, 4}, {0, 4}, {0xffff, 2}, {0xffff, 2}, {kInZip64, 4},
            {kInZip64, 4}, {0, 2}});
  // clang-format on
  return writeFile(path, out, error);
}

} // namespace hyperrt
