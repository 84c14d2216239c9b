// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_WITH_DIAGNOSTICS_HPP
#define HWBIND_RUNTIME_CLIENT_WITH_DIAGNOSTICS_HPP

/// \file
/// `with_diagnostics(token)`: an asynchronous call whose failure comes with its diagnostics,
/// as an `error_with_diagnostics` exception, for coroutines and futures.

#include <type_traits>
#include <utility>

namespace hwbind {

/// A completion token `Token` for `client::async_call(request, token)` (and the generated
/// `api` objects' `async_op(request, token)`), asking for the completion signature
/// `void(std::exception_ptr, response_type)`: null on success, else an
/// `error_with_diagnostics` holding the error and the call's diagnostics. With
/// `asio::use_awaitable` the `co_await` throws it; with `asio::use_future` `get()` does;
/// `asio::as_tuple(hwbind::with_diagnostics(asio::use_awaitable))` gives it as a value.
/// Recognised by hwbind's calls only (not a general Asio token adapter).
template <class Token>
struct with_diagnostics_t {
    Token token;
};

/// Wraps `token`; see `with_diagnostics_t`.
template <class Token>
with_diagnostics_t<std::decay_t<Token>> with_diagnostics(Token&& token)
{
    return {std::forward<Token>(token)};
}

/// Whether `T` is a `with_diagnostics_t`.
template <class T>
struct is_with_diagnostics : std::false_type {};
template <class Token>
struct is_with_diagnostics<with_diagnostics_t<Token>> : std::true_type {};

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_WITH_DIAGNOSTICS_HPP
