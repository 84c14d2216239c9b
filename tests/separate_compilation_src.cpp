// The one translation unit of the separate compilation test that compiles hwbind's
// separately compiled part and the seed services' operations' code (see
// hwbind/runtime/config.hpp).
#if defined(HWBIND_TEST_HEADER_BEFORE_SRC)
// With include/, a header of hwbind may come first: src.hpp still compiles the definitions.
// Not so with the single header, which is one guarded file: there HWBIND_SOURCE must be
// defined before it is first included.
#include <hwbind/runtime/codec/json_decode.hpp>
#endif

#include <hwbind/src.hpp>
#include <hwbind/services/coc/src.hpp>
#include <hwbind/services/hss/src.hpp>
#include <hwbind/services/swr/src.hpp>
