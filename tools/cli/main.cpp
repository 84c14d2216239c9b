// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.

/// \file
/// `hwbind-cli`: the operations of every service of the spec from the command line. The
/// commands, options and help all come from the generated descriptors and docs; this file
/// only brings in the generated services with their descriptions for the help, so a service
/// added to the spec needs no edit here.

#include "command_line.hpp"

#include <hwbind/services/all_docs.hpp>

int main(int argc, char** argv)
{
    return hwbind::cli::run<hwbind::services::all>(argc, argv);
}
