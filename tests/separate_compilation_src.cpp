// The one translation unit of the separate compilation test that compiles hwbind's
// separately compiled part (see hwbind/runtime/config.hpp).
#include <hwbind/src.hpp>
