// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_CLIENT_HPP
#define HWBIND_RUNTIME_CLIENT_CLIENT_HPP

/// \file
/// The client: calls any generated operation, synchronously or asynchronously, with the
/// endpoint resolved from the region, requests authenticated from the credentials, failed
/// attempts retried, responses decoded and errors typed; and walks paginated operations.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/client/client_options.hpp>
#include <hwbind/runtime/client/detail/call.hpp>
#include <hwbind/runtime/client/detail/client_state.hpp>
#include <hwbind/runtime/client/download.hpp>
#include <hwbind/runtime/client/pagination.hpp>
#include <hwbind/runtime/client/with_diagnostics.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/transport/transport.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/assert.hpp>
#include <boost/system/error_code.hpp>

#include <exception>
#include <memory>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

namespace hwbind {

namespace detail {

/// An asynchronous call that owns its diagnostics until completion (`async_call` without a
/// `diagnostics` argument): `inner` is the call made with them, deferred. Completes with the
/// error code, or, `AsException`, with an `error_with_diagnostics` holding them.
template <class Response, class Inner, bool AsException>
struct owned_diagnostics_op {
    Inner inner;
    std::unique_ptr<diagnostics> diag;

    template <class Self>
    void operator()(Self& self)
    {
        Inner started = std::move(inner); // `self`, which holds `inner`, moves into the call
        std::move(started)(std::move(self));
    }

    template <class Self>
    void operator()(Self& self, boost::system::error_code ec, Response response)
    {
        if constexpr (AsException) {
            std::exception_ptr failure;
            if (ec)
                failure = std::make_exception_ptr(error_with_diagnostics(ec, std::move(*diag)));
            self.complete(failure, std::move(response));
        } else {
            self.complete(ec, std::move(response));
        }
    }
};

} // namespace detail

/// Calls Huawei Cloud operations described by generated descriptors (`hwbind::hss::list_jobs`
/// and the like), in the shape of Boost.MySQL: each call comes as a throwing function, an
/// `error_code` + `diagnostics` overload, and an asynchronous function taking any completion
/// token.
///
/// **A call** resolves the service's endpoint (see `client_options`), builds and validates
/// the request, authenticates it (an access key pair signs it with SDK-HMAC-SHA256 when the
/// operation accepts that, else an IAM token is sent when it accepts that; the project id of
/// the credentials fills an unset `{project_id}`, and is sent signed as `X-Project-Id` with
/// AK/SK), sends it and reads the response.
/// Any 2xx status is success and its body is decoded into `Op::response_type` (a 2xx body
/// that does not decode fails with an error of `condition::invalid_response`; one holding
/// Huawei's error shape, `error_code` and `error_msg` at the top level, fails with
/// `error::api_error` unless the model has such members). Any other
/// status, redirects included (never followed), fails with `error::api_error`, and
/// `diagnostics::api()` holds the status, the service's error code and message, the request
/// id and the body. Failed attempts are retried as `retry_options` says, each attempt signed
/// afresh; the message of a call that took more than one attempt ends with `(after N
/// attempts: ...)`, how each ended. `client_options::call_timeout` bounds the whole call.
///
/// **Synchronous calls** run entirely on the calling thread, on a private I/O context of the
/// transport: they neither need the executor to be running nor hop to another thread, and
/// they wait between attempts with a plain sleep. **Asynchronous calls** run on the client's
/// executor and wait with a timer; their completion handler runs on its associated executor.
///
/// **Thread safety.** All member functions may be called concurrently from any number of
/// threads, on one shared client: the options are fixed at construction; the endpoints
/// resolved so far are kept under a mutex; the transport's connection pool is its own and
/// thread-safe. The request value of a call is only read during the initiating function;
/// the `diagnostics` and response objects of a call belong to that call until it completes
/// and must not be shared with another call in flight. The observability hook and the clock
/// of the options are called from the threads that run calls, concurrently when calls are
/// concurrent. A `page_walker` or `item_range` is one sequence of calls and is not
/// thread-safe itself.
///
/// **Lifetime.** The client must outlive its operations and the walkers made from it; the
/// execution context of its executor must outlive the client. Moving a client is not
/// thread-safe and leaves the moved-from client usable only for destruction or assignment.
///
/// **Secrets** never appear in messages, diagnostics, events or exceptions: the credentials
/// only travel in request headers, which are not reported.
class client {
public:
    /// The executor asynchronous calls run on.
    using executor_type = boost::asio::any_io_executor;

    /// A client whose asynchronous calls run on `ex`; synchronous calls are available too.
    ///
    /// \throws boost::system::system_error when the transport options are invalid (a CA
    /// bundle that cannot be loaded, an invalid proxy URL).
    client(executor_type ex, client_options options)
        : state_(std::make_unique<detail::client_state>(std::move(ex), std::move(options)))
    {
    }

    /// A client for synchronous calls only: it owns the little it needs, and no thread or
    /// executor is involved. Its asynchronous functions must not be used.
    ///
    /// \throws boost::system::system_error as the other constructor.
    explicit client(client_options options)
        : state_(std::make_unique<detail::client_state>(std::nullopt, std::move(options)))
    {
    }

    client(client&&) noexcept = default;
    client& operator=(client&&) noexcept = default;

    /// The executor of asynchronous calls.
    executor_type get_executor() const noexcept { return state_->transport.get_executor(); }

    /// The options the client was made with.
    const client_options& options() const noexcept { return state_->options; }

    /// The connections and counters of the client's transport (see `transport_stats`).
    transport_stats stats() const noexcept { return state_->transport.stats(); }

    /// Calls operation `Op` with `req`, decoding the response into `out`. On failure `ec`
    /// holds the error and `diag` its detail, and `out` holds a valid but unspecified value;
    /// on success both are cleared. Decoding reuses the memory `out` holds (see `decode`).
    template <class Op>
    void call(const typename Op::request_type& req, typename Op::response_type& out, boost::system::error_code& ec,
              diagnostics& diag)
    {
        static_assert(meta::response_payload_v<Op> != meta::payload::binary,
                      "the body of a binary operation goes to a sink: call(request, hwbind::download_to_file(path)) "
                      "or call(request, hwbind::download_to(callback))");
        call_described(detail::call_info_v<Op>, &req, &out, ec, diag);
    }

    /// Calls operation `Op` with `req` and returns the decoded response.
    ///
    /// \throws error_with_diagnostics on failure, with the error and its diagnostics.
    template <class Op>
    typename Op::response_type call(const typename Op::request_type& req)
    {
        typename Op::response_type out;
        boost::system::error_code ec;
        diagnostics diag;
        call<Op>(req, out, ec, diag);
        detail::throw_on_error(ec, diag);
        return out;
    }

    /// Calls operation `Op` with `req` asynchronously.
    ///
    /// The completion signature is `void(boost::system::error_code, typename
    /// Op::response_type)`, the response value-initialised on failure; any completion token
    /// works (a callback, `asio::use_future`, `asio::use_awaitable`, `asio::deferred`, ...).
    /// `req` is read during this call only; `diag` must stay valid until completion, when it
    /// holds the detail of a failure. The handler never runs inside this function.
    /// Per-operation cancellation (terminal) is supported and fails the call with
    /// `operation_aborted`.
    ///
    /// \pre The client was made with an executor.
    template <class Op, class CompletionToken = boost::asio::default_completion_token_t<executor_type>>
    auto async_call(const typename Op::request_type& req, diagnostics& diag,
                    CompletionToken&& token = boost::asio::default_completion_token_t<executor_type>())
    {
        static_assert(meta::response_payload_v<Op> != meta::payload::binary,
                      "the body of a binary operation goes to a sink: call(request, hwbind::download_to_file(path)) "
                      "or call(request, hwbind::download_to(callback))");
        BOOST_ASSERT_MSG(state_->has_executor(), "async_call on a client made for synchronous calls only");
        return boost::asio::async_compose<CompletionToken,
                                          void(boost::system::error_code, typename Op::response_type)>(
            detail::call_op<Op>(*state_, req, diag), token, state_->transport.get_executor());
    }

    /// Calls operation `Op` with `req` asynchronously, as above, but without the caller's
    /// `diagnostics` (as Boost.MySQL's overloads without one): the call keeps its own until
    /// completion. The completion signature is `void(boost::system::error_code, typename
    /// Op::response_type)`; with `hwbind::with_diagnostics(token)` it is
    /// `void(std::exception_ptr, typename Op::response_type)`, the exception an
    /// `error_with_diagnostics` holding the error and the diagnostics (a coroutine's
    /// `co_await` throws it). `req` is read during this call only, even with `deferred`.
    ///
    /// \pre The client was made with an executor.
    template <class Op, class CompletionToken = boost::asio::default_completion_token_t<executor_type>,
              std::enable_if_t<!std::is_same_v<std::decay_t<CompletionToken>, diagnostics> &&
                                   !is_download_sink_v<CompletionToken>,
                               int> = 0>
    auto async_call(const typename Op::request_type& req,
                    CompletionToken&& token = boost::asio::default_completion_token_t<executor_type>())
    {
        auto diag = std::make_unique<diagnostics>();
        auto inner = async_call<Op>(req, *diag, boost::asio::deferred);
        return with_owned_diagnostics<typename Op::response_type>(std::move(inner), std::move(diag),
                                                                  std::forward<CompletionToken>(token));
    }

    /// Downloads the body of `Op`, an operation whose success is binary
    /// (`meta::payload::binary`), into `sink` (`download_to_file(path)` or
    /// `download_to(callback)`), and returns what arrived: its size, the file name of its
    /// `Content-Disposition`, its content type, and the declared headers in `headers`. An error
    /// status's body is read into memory and decoded as for any call, and never reaches the
    /// sink. On failure `ec` and `diag` hold the error, and a file sink leaves no file (see
    /// `file_sink`). A failed attempt is retried as `retry_options` says, unless part of the
    /// body reached a callback, which cannot take it again. `sink` serves this call only.
    template <class Op, class Sink, std::enable_if_t<is_download_sink_v<Sink>, int> = 0>
    void call(const typename Op::request_type& req, Sink&& sink, download_result<typename Op::response_type>& out,
              boost::system::error_code& ec, diagnostics& diag)
    {
        static_assert(meta::response_payload_v<Op> == meta::payload::binary,
                      "a download sink is for operations whose success body is binary");
        detail::call_exchange<Op> exchange(*state_);
        exchange.download_into(sink);
        ec = exchange.start(req, diag);
        if (!ec)
            run_attempts(exchange, out.headers, ec, diag);
        exchange.finish_download(out, ec, diag);
    }

    /// Downloads as above and returns the result.
    ///
    /// \throws the exception a callback sink threw to stop the download; else
    /// error_with_diagnostics on failure.
    template <class Op, class Sink, std::enable_if_t<is_download_sink_v<Sink>, int> = 0>
    download_result<typename Op::response_type> call(const typename Op::request_type& req, Sink&& sink)
    {
        download_result<typename Op::response_type> out;
        boost::system::error_code ec;
        diagnostics diag;
        call<Op>(req, sink, out, ec, diag);
        if (ec && sink.exception())
            std::rethrow_exception(sink.exception());
        detail::throw_on_error(ec, diag);
        return out;
    }

    /// Downloads as above, asynchronously: the completion signature is
    /// `void(boost::system::error_code, download_result<typename Op::response_type>)`. The
    /// operation owns `sink` (pass a temporary, or move it) until completion; a callback
    /// sink's callback runs on the thread reading the response. `diag` must stay valid until
    /// completion.
    ///
    /// \pre The client was made with an executor.
    template <class Op, class Sink, class CompletionToken = boost::asio::default_completion_token_t<executor_type>,
              std::enable_if_t<is_download_sink_v<Sink>, int> = 0>
    auto async_call(const typename Op::request_type& req, Sink&& sink, diagnostics& diag,
                    CompletionToken&& token = boost::asio::default_completion_token_t<executor_type>())
    {
        static_assert(meta::response_payload_v<Op> == meta::payload::binary,
                      "a download sink is for operations whose success body is binary");
        static_assert(!std::is_lvalue_reference_v<Sink>,
                      "an asynchronous download owns its sink: pass a temporary or std::move it");
        BOOST_ASSERT_MSG(state_->has_executor(), "async_call on a client made for synchronous calls only");
        using op_type = detail::call_op<Op, std::decay_t<Sink>>;
        return boost::asio::async_compose<CompletionToken,
                                          void(boost::system::error_code, typename op_type::result_type)>(
            op_type(*state_, req, diag, std::forward<Sink>(sink)), token, state_->transport.get_executor());
    }

    /// Downloads asynchronously as above, without the caller's `diagnostics` (see the
    /// `async_call` without a sink): `hwbind::with_diagnostics(token)` works too.
    template <class Op, class Sink, class CompletionToken = boost::asio::default_completion_token_t<executor_type>,
              std::enable_if_t<is_download_sink_v<Sink> && !std::is_same_v<std::decay_t<CompletionToken>, diagnostics>,
                               int> = 0>
    auto async_call(const typename Op::request_type& req, Sink&& sink,
                    CompletionToken&& token = boost::asio::default_completion_token_t<executor_type>())
    {
        auto diag = std::make_unique<diagnostics>();
        auto inner = async_call<Op>(req, std::forward<Sink>(sink), *diag, boost::asio::deferred);
        return with_owned_diagnostics<download_result<typename Op::response_type>>(
            std::move(inner), std::move(diag), std::forward<CompletionToken>(token));
    }

    /// `call<Op>(req)` for the operation whose request type is `Request`: `client.call(req)`.
    /// The generated code maps each request type to its operation (`meta::operation_for`).
    template <class Request, class Op = meta::operation_for<Request>>
    typename Op::response_type call(const Request& req)
    {
        return call<Op>(req);
    }

    /// `call<Op>(req, out, ec, diag)` for the operation whose request type is `Request`.
    template <class Request, class Op = meta::operation_for<Request>>
    void call(const Request& req, typename Op::response_type& out, boost::system::error_code& ec,
              diagnostics& diag)
    {
        call<Op>(req, out, ec, diag);
    }

    /// `async_call<Op>(req, token)` for the operation whose request type is `Request`.
    template <class Request, class CompletionToken = boost::asio::default_completion_token_t<executor_type>,
              class Op = meta::operation_for<Request>,
              std::enable_if_t<!std::is_same_v<std::decay_t<CompletionToken>, diagnostics> &&
                                   !is_download_sink_v<CompletionToken>,
                               int> = 0>
    auto async_call(const Request& req,
                    CompletionToken&& token = boost::asio::default_completion_token_t<executor_type>())
    {
        return async_call<Op>(req, std::forward<CompletionToken>(token));
    }

    /// `async_call<Op>(req, diag, token)` for the operation whose request type is `Request`.
    template <class Request, class CompletionToken = boost::asio::default_completion_token_t<executor_type>,
              class Op = meta::operation_for<Request>>
    auto async_call(const Request& req, diagnostics& diag,
                    CompletionToken&& token = boost::asio::default_completion_token_t<executor_type>())
    {
        return async_call<Op>(req, diag, std::forward<CompletionToken>(token));
    }

    /// `call<Op>(req, sink)` for the operation whose request type is `Request`.
    template <class Request, class Sink, class Op = meta::operation_for<Request>,
              std::enable_if_t<is_download_sink_v<Sink>, int> = 0>
    download_result<typename Op::response_type> call(const Request& req, Sink&& sink)
    {
        return call<Op>(req, std::forward<Sink>(sink));
    }

    /// `call<Op>(req, sink, out, ec, diag)` for the operation whose request type is `Request`.
    template <class Request, class Sink, class Op = meta::operation_for<Request>,
              std::enable_if_t<is_download_sink_v<Sink>, int> = 0>
    void call(const Request& req, Sink&& sink, download_result<typename Op::response_type>& out,
              boost::system::error_code& ec, diagnostics& diag)
    {
        call<Op>(req, std::forward<Sink>(sink), out, ec, diag);
    }

    /// `async_call<Op>(req, sink, token)` for the operation whose request type is `Request`.
    template <class Request, class Sink, class CompletionToken = boost::asio::default_completion_token_t<executor_type>,
              class Op = meta::operation_for<Request>,
              std::enable_if_t<is_download_sink_v<Sink> && !std::is_same_v<std::decay_t<CompletionToken>, diagnostics>,
                               int> = 0>
    auto async_call(const Request& req, Sink&& sink,
                    CompletionToken&& token = boost::asio::default_completion_token_t<executor_type>())
    {
        return async_call<Op>(req, std::forward<Sink>(sink), std::forward<CompletionToken>(token));
    }

    /// `async_call<Op>(req, sink, diag, token)` for the operation whose request type is `Request`.
    template <class Request, class Sink, class CompletionToken = boost::asio::default_completion_token_t<executor_type>,
              class Op = meta::operation_for<Request>, std::enable_if_t<is_download_sink_v<Sink>, int> = 0>
    auto async_call(const Request& req, Sink&& sink, diagnostics& diag,
                    CompletionToken&& token = boost::asio::default_completion_token_t<executor_type>())
    {
        return async_call<Op>(req, std::forward<Sink>(sink), diag, std::forward<CompletionToken>(token));
    }

    /// The items of every page of paginated operation `Op`, starting with the page `req`
    /// asks for, as a single-pass range whose iteration makes the calls; see `item_range`.
    /// `options.pages_in_flight` above 1 requests pages ahead of the iteration (see
    /// `paging_options`).
    template <class Op>
    item_range<Op> all_items(typename Op::request_type req, paging_options options = {})
    {
        return item_range<Op>(*this, std::move(req), options);
    }

    /// As above; a failure ends the range and is reported in `ec` and `diag` (which must
    /// outlive the iteration) instead of being thrown.
    template <class Op>
    item_range<Op> all_items(typename Op::request_type req, boost::system::error_code& ec, diagnostics& diag,
                             paging_options options = {})
    {
        return item_range<Op>(*this, std::move(req), ec, diag, options);
    }

    /// A walker over the pages of paginated operation `Op`, starting with the page `req`
    /// asks for; see `page_walker` and `paging_options`.
    template <class Op>
    page_walker<Op> pages(typename Op::request_type req, paging_options options = {})
    {
        return page_walker<Op>(*this, std::move(req), options);
    }

private:
    // A call of the operation `op` describes, from the request value at `req` into the
    // response at `out`: the same code for every operation, whose own is only behind `op`'s
    // function pointers.
    void call_described(const detail::call_info& op, const void* req, void* out, boost::system::error_code& ec,
                        diagnostics& diag)
    {
        detail::call_exchange_base exchange(*state_, op);
        ec = exchange.start(req, diag);
        if (!ec)
            run_attempts(exchange, out, ec, diag);
    }

    // The attempts of a call started on `exchange`, the response decoded into `out`, with a
    // plain sleep between them.
    template <class Exchange, class Out>
    void run_attempts(Exchange& exchange, Out& out, boost::system::error_code& ec, diagnostics& diag)
    {
        for (;;) {
            exchange.begin_attempt();
            boost::system::error_code transport_ec;
            state_->transport.send(exchange.origin(), exchange.request(), exchange.response(), exchange.deadline(),
                                   transport_ec);
            if (!exchange.end_attempt(transport_ec, out, ec, diag))
                return;
            std::this_thread::sleep_for(exchange.delay());
        }
    }

    // `inner`, an asynchronous call made with `*diag`, deferred, as an operation that owns
    // `diag` until completion and completes as `token` asks (see `async_call` without
    // `diagnostics`).
    template <class Response, class Inner, class CompletionToken>
    auto with_owned_diagnostics(Inner inner, std::unique_ptr<diagnostics> diag, CompletionToken&& token)
    {
        if constexpr (is_with_diagnostics<std::decay_t<CompletionToken>>::value) {
            auto& inner_token = token.token;
            return boost::asio::async_compose<std::decay_t<decltype(inner_token)>,
                                              void(std::exception_ptr, Response)>(
                detail::owned_diagnostics_op<Response, Inner, true>{std::move(inner), std::move(diag)}, inner_token,
                state_->transport.get_executor());
        } else {
            return boost::asio::async_compose<CompletionToken, void(boost::system::error_code, Response)>(
                detail::owned_diagnostics_op<Response, Inner, false>{std::move(inner), std::move(diag)}, token,
                state_->transport.get_executor());
        }
    }

    std::unique_ptr<detail::client_state> state_;
};

} // namespace hwbind

#endif // HWBIND_RUNTIME_CLIENT_CLIENT_HPP
