#!/usr/bin/env bash
# Installs the build into a temporary prefix and uses only what is there:
# the installed hyper-compile writes a shared library and header, a C
# program built with cc against them runs, the installed Python package
# loads the library, a CMake project compiles and links a model through
# find_package(HyperMLIR), and an object links with pkg-config's flags.
# Usage: check-install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 src=$2
# The C compiler of the consumers (a sanitizer build's runtime needs clang).
cc=${HYPER_CC:-cc}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix/usr" > /dev/null
cd "$prefix"
"$prefix/usr/bin/hyper-compile" --version | head -1
"$prefix/usr/bin/hyper-compile" "$src/test/Tools/c-abi.mlir" --name=model --shared \
  -o "$prefix/libmodel.so" --header "$prefix/model.h"
if readelf -d "$prefix/libmodel.so" | grep -q "$build"; then
  echo "FAIL: the library records a build-tree path" && exit 1
fi
"$cc" -std=c11 -Wall -Werror -include "$prefix/model.h" "$src/test/Tools/Inputs/c_driver.c" \
  -L"$prefix" -lmodel -Wl,-rpath,"$prefix" -o "$prefix/driver"
"$prefix/driver" | head -1
env -u HYPER_MLIR_TOOLS PYTHONPATH="$prefix/usr/lib/python3/dist-packages" /usr/bin/python3 -c "
import numpy as np, hyper_mlir
assert hyper_mlir.tools_dir() == '$prefix/usr/bin', hyper_mlir.tools_dir()
m = hyper_mlir.load('$prefix/libmodel.so')
print('python:', m(np.arange(3, dtype=np.float32)).tolist())"

# CMake: find_package(HyperMLIR) and hyper_add_model, a C-only project.
cmake -S "$src/test/install/consumer" -B "$prefix/consumer" -G Ninja -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_PREFIX_PATH="$prefix/usr" -DMODEL="$src/test/Tools/c-abi.mlir" > /dev/null
cmake --build "$prefix/consumer" > /dev/null
if grep -q "$build" "$prefix/consumer/build.ninja"; then
  echo "FAIL: the CMake consumer uses the build tree" && exit 1
fi
"$prefix/consumer/consumer"

# pkg-config: the documented link line of an object.
export PKG_CONFIG_PATH="$prefix/usr/lib/pkgconfig"
pkg-config --modversion hyper-mlir
mkdir -p "$prefix/pc"
"$prefix/usr/bin/hyper-compile" "$src/test/Tools/c-abi.mlir" --name=model \
  -o "$prefix/model.o" --header "$prefix/pc/model.h"
"$cc" -std=c11 -Wall -Werror -I"$prefix/pc" "$src/test/install/consumer/main.c" \
  "$prefix/model.o" $(pkg-config --cflags --libs hyper-mlir) -o "$prefix/pc-consumer"
"$prefix/pc-consumer" | sed 's/^consumer/pkg-config/'
echo "install: ok"
