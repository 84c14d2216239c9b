// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_RUNTIME_CLIENT_DETAIL_CALL_HPP
#define HWBIND_RUNTIME_CLIENT_DETAIL_CALL_HPP

/// \file
/// One call of an operation: the steps shared by the synchronous and asynchronous forms
/// (endpoint, request, authentication, then per attempt: sign, classify, decode, decide on a
/// retry (`detail/attempt.hpp`), report), and the asynchronous form as a composed operation.

#include <hwbind/meta/operation.hpp>
#include <hwbind/runtime/codec/api_error.hpp>
#include <hwbind/runtime/codec/content_disposition.hpp>
#include <hwbind/runtime/codec/error_models.hpp>
#include <hwbind/runtime/auth/credential_provider.hpp>
#include <hwbind/runtime/auth/signer.hpp>
#include <hwbind/runtime/client/detail/attempt.hpp>
#include <hwbind/runtime/client/detail/client_state.hpp>
#include <hwbind/runtime/client/detail/operation_code.hpp>
#include <hwbind/runtime/client/download.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/codec/json_decode.hpp>
#include <hwbind/runtime/codec/response_headers.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/client/request_event.hpp>
#include <hwbind/runtime/client/retry.hpp>
#include <hwbind/runtime/client/service_endpoint.hpp>
#include <hwbind/runtime/transport/http_response.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_allocator.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/coroutine.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/recycling_allocator.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace hwbind::detail {

/// What a call needs of its operation, as data, so that the steps of a call are compiled once
/// for every operation: only building the request and decoding the response depend on its
/// types.
struct call_info {
    const service_location* service;
    std::string_view operation;
    meta::http_method method;
    meta::auth_scheme schemes;
    std::string_view token_header;
    /// Builds the request from the request value at `request`; see `prepare_request`.
    boost::system::error_code (*prepare)(const void* request, const request_context& ctx, prepared_request& out,
                                         diagnostics& diag);
    /// Decodes a 2xx body into the response model at `out`; see `operation_code::decode`.
    boost::system::error_code (*decode)(std::string_view body, void* out, const decode_options& options,
                                        diagnostics& diag, bool* error_shape);
    /// Gives the response model at `out` its default value.
    void (*clear)(void* out);
    /// Fills the header members of the response at `out`; see `read_response_headers`.
    boost::system::error_code (*read_headers)(const header_list& headers, void* out, diagnostics& diag);
    /// Decodes an error status's body into the model the operation documents for it, into
    /// `diag`; see `decode_error_model`.
    bool (*decode_error)(int status, std::string_view body, diagnostics& diag);
};

/// The `call_info` of operation `Op`.
template <class Op>
inline constexpr call_info call_info_v = {
    &service_location_v<typename Op::service_type>,
    Op::name,
    Op::method,
    Op::auth.schemes,
    Op::auth.token_header,
    &operation_code<Op>::prepare,
    &operation_code<Op>::decode,
    &operation_code<Op>::clear,
    &operation_code<Op>::read_headers,
    &operation_code<Op>::decode_error,
};

/// The attempts of one call: everything but the waiting and the I/O, which the synchronous
/// and asynchronous forms do their own way. The operation's own code is behind `call_info`'s
/// function pointers, so this class is compiled once for every operation.
class call_exchange_base {
public:
    call_exchange_base(client_state& c, const call_info& op) noexcept : client_(&c), op_(&op) {}

    /// Resolves the endpoint and chooses the authentication.
    boost::system::error_code prepare_call(diagnostics& diag)
    {
        const call_info& op = *op_;
        if (client_->options.call_timeout > std::chrono::steady_clock::duration::zero())
            deadline_ = deadline_after(std::chrono::steady_clock::now(), client_->options.call_timeout);
        if (auto ec = client_->origin_of(*op.service, origin_, diag))
            return ec;
        if (op.schemes == meta::auth_scheme::none)
            return {};
        // Held for the whole call: a provider's refresh does not change them under its attempts.
        if (auth::credential_provider* provider = client_->options.credential_provider.get()) {
            if (auto ec = provider->get(creds_, diag))
                return ec;
            if (!creds_) {
                diag.set_message("the credential provider \"" + std::string(provider->source()) + "\" gave none");
                return error::no_credentials;
            }
            credential_source_ = provider->source();
            call_context_ = client_->context;
            call_context_->set("project_id", creds_->project_id);
        } else {
            creds_ = client_->credentials;
            credential_source_ = client_->options.credentials_source;
        }
        const auth::credentials& creds = *creds_;
        // The documented rule: AK/SK when the operation accepts it, else the token.
        if (creds.has_aksk() && meta::accepts(op.schemes, meta::auth_scheme::aksk)) {
            mode_ = auth_method::aksk;
        } else if (creds.has_token() && meta::accepts(op.schemes, meta::auth_scheme::token)) {
            mode_ = auth_method::token;
        } else {
            std::string msg(op.service->name);
            msg += ' ';
            msg.append(op.operation);
            msg += meta::accepts(op.schemes, meta::auth_scheme::aksk) ? " needs an access key pair" : " needs";
            if (meta::accepts(op.schemes, meta::auth_scheme::token))
                msg += meta::accepts(op.schemes, meta::auth_scheme::aksk) ? " or an IAM token" : " an IAM token";
            msg += " (credentials: ";
            msg += auth::redacted_description(creds);
            msg += ')';
            diag.set_message(std::move(msg));
            return error::no_credentials;
        }
        return {};
    }

    /// Resolves the endpoint, chooses the authentication and builds the request from the
    /// request value at `request`, which is not needed afterwards.
    boost::system::error_code start(const void* request, diagnostics& diag)
    {
        if (auto ec = prepare_call(diag))
            return ec;
        return op_->prepare(request, context(), request_, diag);
    }

    /// Sends the body of a success to `sink` (a download) instead of decoding it.
    void download_into(download_sink& sink) noexcept
    {
        download_ = &sink;
        response_.sink = &sink;
    }

    /// Starts an attempt: authenticates the request afresh (a new `X-Sdk-Date` and signature
    /// for each attempt, so that a retry is never refused as stale), and starts a download's
    /// body over.
    void begin_attempt()
    {
        if (download_ != nullptr && attempt_ != 0)
            download_->restart();
        ++attempt_;
        started_ = std::chrono::steady_clock::now();
        if (mode_ == auth_method::aksk) {
            auth::sign_request(request_, *creds_, client_->now(), origin_->host);
        } else if (mode_ == auth_method::token) {
            // Chosen only for an operation that accepts a token, with credentials that hold one.
            auth::add_token(request_, *creds_, op_->token_header);
        }
    }

    /// Ends an attempt whose exchange gave `transport_ec` and `response()`: decodes a 2xx
    /// body into the response model at `out`, or reports the failure in `ec` and `diag`,
    /// calls the hook, and returns whether another attempt follows after `delay()`. When it
    /// does not, `ec` and `diag` hold the outcome of the call.
    bool end_attempt(boost::system::error_code transport_ec, void* out, boost::system::error_code& ec,
                     diagnostics& diag)
    {
        const call_info& op = *op_;
        const auto latency = std::chrono::steady_clock::now() - started_;
        const attempt_outcome outcome = classify_attempt(transport_ec.failed(), response_.status, op.method);
        const bool responded = outcome != attempt_outcome::transport_failure;
        const std::string_view request_id = responded ? header_value("X-Request-Id") : std::string_view();
        diag.clear();
        ec = settle(outcome, transport_ec, out, request_id, diag);

        attempt_facts facts;
        facts.method = op.method;
        facts.request_sent = response_.request_sent;
        facts.transport_error = transport_ec;
        facts.status = responded ? response_.status : 0;
        // Only a failed response's wait matters: no header lookup on success.
        if (outcome == attempt_outcome::service_failure)
            facts.retry_after = header_value("Retry-After");
        facts.attempt = attempt_;
        const bool has_deadline = deadline_ != std::chrono::steady_clock::time_point::max();
        const auto ended = started_ + latency;
        if (has_deadline)
            facts.time_left = deadline_ - ended;
        // The clock is read only when a Retry-After may be a date to compare with it (a
        // user clock also dates the signatures: one read per attempt, as before).
        const auto now = facts.retry_after.empty() ? std::chrono::system_clock::time_point() : client_->now();
        retry_plan plan = plan_retry(facts, client_->options.retry, now, retry_random());
        std::string deadline_note;
        if (plan.beyond_deadline) {
            deadline_note = beyond_deadline_note(plan, facts.retry_after, client_->options.call_timeout);
            plan.delay = std::chrono::milliseconds(0); // not waited
        }
        std::string download_note; // what a download adds to the message of a failure
        if (download_ != nullptr && transport_ec == error::download_aborted)
            download_note = download_->stop_reason();
        if (plan.retry && download_ != nullptr && download_->delivered() != 0 && !download_->rewindable()) {
            // The callback has part of the body and cannot take it again from the start.
            plan = retry_plan{};
            download_note = std::to_string(download_->delivered()) +
                            " bytes had reached the download callback, which cannot take them again: not retried";
        }
        delay_ = plan.delay;

        if (client_->options.on_request)
            client_->options.on_request(make_event(facts.status, latency, request_id, ec, plan, diag));
        if (ec) {
            const std::string reason =
                responded ? std::string() : transport_failure_reason(transport_ec, has_deadline && ended >= deadline_);
            // Only a call that failed lists its attempts: no allocation on the way to success.
            if (plan.retry || attempt_ > 1)
                attempts_.push_back(attempt_summary(facts.status, ec, reason));
            if (!plan.retry) {
                std::string message = failure_message(op.method, url(), reason, diag.message(), deadline_note, attempts_);
                if (!download_note.empty())
                    message.append("; ").append(download_note);
                diag.set_message(std::move(message));
            }
        }
        return plan.retry;
    }

    /// Ends a download once the attempts are over: on success (`ec` clear), fills `out` from
    /// the response and commits the sink (a file is renamed to its final name), which may
    /// fail the call; on failure, discards what the sink holds.
    void finish_download(download_info& out, boost::system::error_code& ec, diagnostics& diag)
    {
        if (!ec) {
            out.size = download_->delivered();
            out.file_name = content_disposition_file_name(header_value("Content-Disposition"));
            out.content_type = std::string(header_value("Content-Type"));
            std::string message;
            ec = download_->commit(message);
            if (ec)
                diag.set_message(std::move(message));
        }
        if (ec)
            download_->discard();
    }

    /// The wait before the next attempt, when `end_attempt` asked for one.
    std::chrono::milliseconds delay() const noexcept { return delay_; }

    /// The deadline of the whole call (`client_options::call_timeout`); the clock's maximum
    /// without one.
    std::chrono::steady_clock::time_point deadline() const noexcept { return deadline_; }

    const endpoint& origin() const noexcept { return origin_->origin; }

    /// The values requests of this call take from the client: the client's, or with a
    /// credential provider, with the project id of the credentials it gave.
    const request_context& context() const noexcept { return call_context_ ? *call_context_ : client_->context; }
    const prepared_request& request() const noexcept { return request_; }
    http_response& response() noexcept { return response_; }

protected:
    client_state* client_;
    prepared_request request_;

private:
    // The outcome of the attempt in `ec` and `diag`: the transport's error, the response
    // model decoded into `out`, or the service's error.
    boost::system::error_code settle(attempt_outcome outcome, const boost::system::error_code& transport_ec, void* out,
                                     std::string_view request_id, diagnostics& diag)
    {
        const call_info& op = *op_;
        const int status = static_cast<int>(response_.status);
        switch (outcome) {
        case attempt_outcome::transport_failure:
            return transport_ec;
        case attempt_outcome::success_no_body:
            op.clear(out);
            return op.read_headers(response_.headers, out, diag);
        case attempt_outcome::success: {
            // Unknown members are skipped, so an error body would decode as an empty result:
            // an operation whose model has no such members did not succeed.
            bool error_shape = false;
            boost::system::error_code ec = op.decode(response_.body, out, client_->options.decode, diag, &error_shape);
            if (!ec && error_shape)
                ec = hwbind::make_api_error(status, response_.body, request_id, diag);
            if (!ec)
                ec = op.read_headers(response_.headers, out, diag);
            return ec;
        }
        case attempt_outcome::service_failure:
            break;
        }
        boost::system::error_code ec = hwbind::make_api_error(status, response_.body, request_id, diag);
        op.decode_error(status, response_.body, diag);
        return ec;
    }

    // The reason of transport failure `ec`, naming the first hop (the proxy or the origin)
    // and the deadline that ended it: the call's when `call_deadline_passed`.
    std::string transport_failure_reason(const boost::system::error_code& ec, bool call_deadline_passed) const
    {
        const endpoint* proxy = client_->transport.proxy_for(origin_->origin);
        const endpoint& hop = proxy != nullptr ? *proxy : origin_->origin;
        std::string hop_authority;
        append_authority(hop_authority, hop.host, hop.port, false);
        transport_failure_context context;
        context.origin_host = origin_->origin.host;
        context.hop = hop_authority;
        context.through_proxy = proxy != nullptr;
        context.connect_timeout = client_->options.transport.connect_timeout;
        if (call_deadline_passed)
            context.call_timeout = client_->options.call_timeout;
        return describe_transport_failure(ec, context);
    }

    // What the hook is told of the attempt.
    request_event make_event(unsigned status, std::chrono::steady_clock::duration latency, std::string_view request_id,
                             const boost::system::error_code& ec, const retry_plan& plan, const diagnostics& diag)
    {
        request_event event;
        event.service = op_->service->name;
        event.operation = op_->operation;
        event.method = op_->method;
        event.url = url();
        event.status = status;
        event.latency = latency;
        event.attempt = attempt_;
        event.request_id = request_id;
        event.ec = ec;
        event.retry_delay = plan.delay;
        event.will_retry = plan.retry;
        event.auth = mode_;
        event.credential_source = credential_source_;
        event.decode_warnings = diag.warnings().size();
        return event;
    }

    // The value of the response's header `name`; empty without one.
    std::string_view header_value(std::string_view name) const noexcept
    {
        const header_field* h = response_.headers.find(name);
        return h != nullptr ? std::string_view(h->value) : std::string_view();
    }

    // `scheme://host[:port]/path?query`, built when first needed: by the hook or a message.
    const std::string& url()
    {
        if (url_.empty()) {
            url_ = origin_->base_url;
            url_.append(request_.target());
        }
        return url_;
    }

    const call_info* op_;
    const service_origin* origin_ = nullptr;
    auth_method mode_ = auth_method::none;
    std::shared_ptr<const auth::credentials> creds_;
    std::string_view credential_source_;
    std::optional<request_context> call_context_;
    http_response response_;
    std::string url_;
    std::chrono::steady_clock::time_point started_;
    std::chrono::milliseconds delay_{0};
    std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
    std::vector<std::string> attempts_; // how each failed attempt ended, for the message
    unsigned attempt_ = 0;
    download_sink* download_ = nullptr; // a download's, borrowed for the call
};

/// The attempts of one call of `Op`: `call_exchange_base`, typed with `Op`'s request and
/// response.
template <class Op>
class call_exchange : public call_exchange_base {
public:
    using request_type = typename Op::request_type;
    using response_type = typename Op::response_type;

    explicit call_exchange(client_state& c) noexcept : call_exchange_base(c, call_info_v<Op>) {}

    /// `call_exchange_base::start`, from `req`.
    boost::system::error_code start(const request_type& req, diagnostics& diag)
    {
        return call_exchange_base::start(&req, diag);
    }

    /// `call_exchange_base::end_attempt`, decoding into `out`.
    bool end_attempt(boost::system::error_code transport_ec, response_type& out, boost::system::error_code& ec,
                     diagnostics& diag)
    {
        return call_exchange_base::end_attempt(transport_ec, &out, ec, diag);
    }
};

/// The model a call's response headers (and body) are decoded into: the result itself, or
/// the `headers` of a download's.
template <class Response>
Response& response_model(Response& out) noexcept
{
    return out;
}
template <class Headers>
Headers& response_model(download_result<Headers>& out) noexcept
{
    return out.headers;
}

/// What an asynchronous call that is not a download holds in place of a sink.
struct no_sink {};

/// `client::async_call`, for `async_compose`: the attempts of a `call_exchange`, a transport
/// exchange each, with a timer wait between them. A download (`Sink` a `download_sink`, not
/// `no_sink`) owns its sink until completion and completes with a `download_result`.
///
/// The request is built when the operation is made, inside the initiating call, so the
/// caller's request value may go away at once, even with a deferred token.
template <class Op, class Sink = no_sink>
class call_op : public boost::asio::coroutine {
    static constexpr bool is_download = !std::is_same_v<Sink, no_sink>;
    using response_type = std::conditional_t<is_download, download_result<typename Op::response_type>,
                                             typename Op::response_type>;

    // Behind a pointer: the transport borrows the request and response (and sink) until it
    // completes, while the operation itself moves from handler to handler.
    struct state {
        state(client_state& c, diagnostics& d, Sink&& s) : exchange(c), diag(&d), sink(std::move(s)) {}

        call_exchange<Op> exchange;
        std::optional<boost::asio::steady_timer> timer; // made when a retry is planned: most calls make none
        diagnostics* diag;
        Sink sink;
        response_type out;
        boost::system::error_code result;
    };

public:
    call_op(client_state& c, const typename Op::request_type& req, diagnostics& diag, Sink sink = {})
        : client_(&c), state_(std::make_unique<state>(c, diag, std::move(sink)))
    {
        if constexpr (is_download)
            state_->exchange.download_into(state_->sink);
        state_->result = state_->exchange.start(req, diag);
    }

    /// The response type it completes with.
    using result_type = response_type;

    template <class Self>
    void operator()(Self& self, boost::system::error_code ec = {})
    {
        state& s = *state_;
        BOOST_ASIO_CORO_REENTER(*this)
        {
            if (s.result) {
                // An asynchronous call never completes inside its initiating function.
                BOOST_ASIO_CORO_YIELD boost::asio::post(std::move(self));
                self.complete(s.result, response_type{});
                return;
            }
            for (;;) {
                s.exchange.begin_attempt();
                BOOST_ASIO_CORO_YIELD client_->transport.async_send(s.exchange.origin(), s.exchange.request(),
                                                                   s.exchange.response(), s.exchange.deadline(),
                                                                   erased(self));
                if (!s.exchange.end_attempt(ec, response_model(s.out), s.result, *s.diag))
                    break;
                if (!s.timer)
                    s.timer.emplace(client_->transport.get_executor());
                s.timer->expires_after(s.exchange.delay());
                BOOST_ASIO_CORO_YIELD s.timer->async_wait(std::move(self));
                if (ec) {
                    // Cancelled while waiting: report that, not the failure before it.
                    s.result = ec;
                    s.diag->set_message("cancelled while waiting to retry");
                    break;
                }
            }
            if constexpr (is_download)
                s.exchange.finish_download(s.out, s.result, *s.diag);
            response_type out = s.result ? response_type{} : std::move(s.out);
            self.complete(s.result, std::move(out));
        }
    }

private:
    // `self` as the one handler type calls give the transport, so that the transport's
    // asynchronous code (plain, TLS and proxied: most of the code an asynchronous call
    // compiles) is compiled once, not once per operation and completion handler: type-erased,
    // with its executor bound as an `any_io_executor` (Boost 1.81's `any_completion_executor`
    // cannot be posted to, and wrapping an executor in it allocates) and the default
    // allocator (Asio recycles its operations' memory per purpose only for `std::allocator`).
    // The erased handler's own block comes from the thread's recycling allocator. A handler
    // whose executor `any_io_executor` would copy to the heap (a strand) or with an allocator
    // of its own is passed as it is.
    template <class Self>
    auto erased(Self& self)
    {
        namespace asio = boost::asio;
        using executor = asio::associated_executor_t<Self, asio::any_io_executor>;
        // What `any_io_executor` holds in place (its storage as of Boost 1.81).
        constexpr bool inline_executor =
            std::is_same_v<executor, asio::any_io_executor> ||
            (std::is_convertible_v<executor, asio::any_io_executor> &&
             sizeof(executor) <= sizeof(std::shared_ptr<void>) + sizeof(void*) &&
             alignof(executor) <= alignof(std::shared_ptr<void>));
        if constexpr (inline_executor && std::is_same_v<asio::associated_allocator_t<Self>, std::allocator<void>>) {
            asio::any_io_executor ex = asio::get_associated_executor(self, client_->transport.get_executor());
            asio::any_completion_handler<void(boost::system::error_code)> handler(
                asio::bind_allocator(asio::recycling_allocator<void>(), std::move(self)));
            return asio::bind_allocator(std::allocator<void>(), asio::bind_executor(std::move(ex), std::move(handler)));
        } else {
            return std::move(self);
        }
    }

    client_state* client_;
    std::unique_ptr<state> state_;
};

} // namespace hwbind::detail

#endif // HWBIND_RUNTIME_CLIENT_DETAIL_CALL_HPP
