# -*- Python -*-
# lit configuration of the hyper regression tests.

import os
import sys

import lit.formats
from lit.llvm import llvm_config

config.name = "HYPER"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hyper_obj_root, "test")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "data"]

config.substitutions.append(("%hyper_src_root", config.hyper_src_root))
config.substitutions.append(("%python", sys.executable))

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(
    ["hyper-opt", "hyper-run"], [config.hyper_tools_dir, config.llvm_tools_dir]
)
