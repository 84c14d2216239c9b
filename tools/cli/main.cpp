// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.

/// \file
/// `hwbind-cli`: the operations of every service of the spec from the command line. The
/// commands, options and help all come from the generated descriptors and docs; this file
/// only brings in the services' descriptions for the help.

#include "command_line.hpp"

#include <hwbind/services/all.hpp>
#include <hwbind/services/coc/docs.hpp>
#include <hwbind/services/hss/docs.hpp>
#include <hwbind/services/swr/docs.hpp>

int main(int argc, char** argv)
{
    return hwbind::cli::run<hwbind::services::all>(argc, argv);
}
