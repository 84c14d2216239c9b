// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.

/// \file
/// `hwbind-cli`: the operations of every service of the spec from the command line. The
/// commands, options and help all come from the generated descriptors and docs; this file
/// only brings in the generated services with their descriptions for the help, so a service
/// added to the spec needs no edit here.
///
/// The services are a compile-time parameter: by default every shipped service
/// (`hwbind::services::all` of `<hwbind/services/all.hpp>`, with `<hwbind/services/all_docs.hpp>`);
/// a build of other generated bindings defines `HWBIND_TOOL_SERVICES` (the type list),
/// `HWBIND_TOOL_SERVICES_HEADER` and `HWBIND_TOOL_DOCS_HEADER` (quoted include names), as
/// `hwbind_tool_program()` of tools/cli/CMakeLists.txt does for the tests' real operations.

#include "command_line.hpp"

#ifndef HWBIND_TOOL_SERVICES
#define HWBIND_TOOL_SERVICES hwbind::services::all
#define HWBIND_TOOL_SERVICES_HEADER <hwbind/services/all.hpp>
#define HWBIND_TOOL_DOCS_HEADER <hwbind/services/all_docs.hpp>
#endif

#include HWBIND_TOOL_SERVICES_HEADER
#include HWBIND_TOOL_DOCS_HEADER

int main(int argc, char** argv)
{
    return hwbind::cli::run<HWBIND_TOOL_SERVICES>(argc, argv);
}
