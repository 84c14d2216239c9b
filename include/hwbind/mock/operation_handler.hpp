// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_MOCK_OPERATION_HANDLER_HPP
#define HWBIND_MOCK_OPERATION_HANDLER_HPP

/// \file
/// How the mock server serves one operation, from its descriptor alone: authentication,
/// parameters read and validated as the client validates them, records filtered and paged,
/// the response encoded.

#include <hwbind/meta/operation.hpp>
#include <hwbind/mock/authentication.hpp>
#include <hwbind/mock/data_generation.hpp>
#include <hwbind/mock/filtering.hpp>
#include <hwbind/mock/paging.hpp>
#include <hwbind/mock/reply.hpp>
#include <hwbind/mock/request_parsing.hpp>
#include <hwbind/mock/routing.hpp>
#include <hwbind/mock/server_options.hpp>
#include <hwbind/meta/reflect.hpp>
#include <hwbind/runtime/codec/detail/parameter_values.hpp>
#include <hwbind/runtime/error.hpp>
#include <hwbind/runtime/codec/json_encode.hpp>
#include <hwbind/runtime/codec/request.hpp>
#include <hwbind/runtime/codec/validate.hpp>

#include <boost/mp11/algorithm.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hwbind::mock::detail {

/// The name of the context value the client fills project parameters from, and the header a
/// signed request names its project in (huaweicloud-api.md §2).
inline constexpr std::string_view project_context_key = "project_id";
inline constexpr std::string_view project_header = "X-Project-Id";

/// Why `req` acts in a project other than `project_id`; empty when it does not (or when
/// `project_id` is empty: any project is accepted).
template <class Request>
std::string project_failure(const Request& req, const header_list& headers, std::string_view project_id)
{
    std::string msg;
    if (project_id.empty())
        return msg;
    if (const header_field* h = headers.find(project_header); h != nullptr && h->value != project_id) {
        msg.append(project_header);
        msg += ": ";
        hwbind::detail::append_quoted(msg, h->value);
        return msg + " is not the project of the credentials";
    }
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<member_count<Request>>>([&](auto i) {
        constexpr std::size_t index = decltype(i)::value;
        using descriptor = boost::mp11::mp_at_c<meta::members_of<Request>, index>;
        constexpr meta::field f = meta::fields_of<Request>()[index];
        if constexpr (f.context_key == project_context_key) {
            const auto* value = hwbind::detail::parameter_traits<meta::member_type<descriptor>>::get(
                req.*descriptor::pointer);
            if (msg.empty() && value != nullptr && *value != project_id) {
                msg.append(f.wire_name);
                msg += ": ";
                hwbind::detail::append_quoted(msg, *value);
                msg += " is not the project of the credentials";
            }
        }
    });
    return msg;
}

/// The records of paginated operation `Op`.
template <class Op>
using records_of = std::vector<item_type_of<Op>>;

/// Serves operation `Op`: its example response, and for a paginated operation the records
/// made from the example's items.
template <class Op>
class operation_handler {
public:
    using request_type = typename Op::request_type;
    using response_type = typename Op::response_type;

    /// Decodes the example and generates the records `options` asks for.
    ///
    /// \throws error_with_diagnostics when the example does not decode.
    explicit operation_handler(const server_options& options) : response_(example_response<Op>())
    {
        fill_response_headers(response_);
        if constexpr (is_paginated_v<Op>) {
            auto& items = meta::member_at<Op::pagination::items>::make(response_);
            records_ = generate_records(items, options.records, options.seed, Op::name);
            items.clear();
        }
    }

    /// From now on, answers every valid request with `response` as it is (no paging, no
    /// filtering), instead of the example and records.
    void set_response(response_type response) const
    {
        const std::lock_guard<std::mutex> lock(recorded_->mutex);
        recorded_->response = std::move(response);
    }

    /// The last request that passed authentication and validation, as the mock read it.
    std::optional<request_type> last_request() const
    {
        const std::lock_guard<std::mutex> lock(recorded_->mutex);
        return recorded_->last_request;
    }

    /// The records of a paginated operation, unfiltered, in the order pages serve them.
    const auto& records() const noexcept
    {
        static_assert(is_paginated_v<Op>, "only paginated operations have records");
        return records_;
    }

    /// Whether a request with `method` and the percent-encoded `path` is for this operation;
    /// its path parameters go to `values`.
    static bool matches(meta::http_method method, std::string_view path, path_values& values)
    {
        return method == Op::method && match_path(Op::path, path, values);
    }

    /// The reply to `req`, whose path gave `path`, at time `now`; `form` is its body read as a
    /// form, when it is `multipart/form-data` with a boundary.
    reply handle(const prepared_request& req, const path_values& path, const server_options& options,
                 std::chrono::system_clock::time_point now, const received_form* form = nullptr) const
    {
        const std::string bad_request_code = service_error_code(Op::service_type::name, 400);
        if constexpr (meta::request_payload_v<Op> == meta::payload::multipart) {
            // As the SDKs send a form: its boundary in the Content-Type, its hash left out (checked
            // before the signature, which cannot be checked over a hash of a streamed form).
            const header_field* unsigned_body = req.headers().find(unsigned_payload_header);
            if (unsigned_body == nullptr || unsigned_body->value != unsigned_payload)
                return error_reply(400, bad_request_code,
                                   "A multipart/form-data body is sent with X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD");
        }
        if (options.require_auth && Op::auth.schemes != meta::auth_scheme::none) {
            const std::string why =
                authentication_failure(req, Op::auth, options.credentials, options.max_clock_skew, now);
            if (!why.empty())
                return error_reply(401, unauthenticated_code, "Incorrect IAM authentication information: " + why);
        }
        if constexpr (meta::request_payload_v<Op> == meta::payload::multipart) {
            if (form == nullptr)
                return error_reply(400, bad_request_code,
                                   "The body is not multipart/form-data with a boundary (Content-Type: "
                                   "multipart/form-data; boundary=...)");
            if (!form->error.empty())
                return error_reply(400, bad_request_code, "body: malformed multipart/form-data: " + form->error);
        }

        request_type parsed{};
        presence<request_type> given{};
        std::string why =
            parse_request<request_type, meta::request_payload_v<Op> == meta::payload::multipart>(
                parsed, given, split_query(req.query()), path, req.headers(), req.body(), form);
        if (!why.empty())
            return error_reply(400, bad_request_code, why);
        if (options.require_auth) {
            why = project_failure(parsed, req.headers(), options.credentials.project_id);
            if (!why.empty())
                return error_reply(403, forbidden_code, why);
        }
        // Every parameter is in the request, none comes from a context.
        diagnostics diag;
        if (hwbind::validate<Op>(parsed, request_context(), diag))
            return error_reply(400, bad_request_code, diag.message());

        std::optional<response_type> chosen;
        bool cut = false;
        {
            const std::lock_guard<std::mutex> lock(recorded_->mutex);
            recorded_->last_request = parsed;
            chosen = recorded_->response;
            if (meta::response_payload_v<Op> == meta::payload::binary && options.binary_cut_after &&
                recorded_->bodies_cut < options.binary_cuts) {
                ++recorded_->bodies_cut;
                cut = true;
            }
        }

        reply r;
        r.status = static_cast<unsigned>(Op::success_status);
        // A 204, the answer to a HEAD and a success documented without one have no body.
        if constexpr (Op::success_status != 204 && Op::method != meta::http_method::head) {
            if constexpr (meta::response_payload_v<Op> == meta::payload::binary) {
                encode_response(chosen ? *chosen : response_, r); // the declared headers
                r.generated = generated_bytes{options.binary_size};
                if (cut)
                    r.generated->cut_after = *options.binary_cut_after;
                r.chunked = options.binary_chunked;
                r.headers.emplace_back("Content-Type", "application/octet-stream");
                std::string disposition = "attachment; filename=\"";
                disposition.append(Op::name);
                disposition += ".bin\"";
                r.headers.emplace_back("Content-Disposition", std::move(disposition));
                return r;
            }
            if (chosen) {
                encode_response(*chosen, r);
                return r;
            }
            response_type out = response_;
            if constexpr (is_paginated_v<Op>) {
                constexpr presence<request_type> excluded = not_filters();
                std::vector<const item_type_of<Op>*> selected;
                for (const auto& record : records_) {
                    if (passes_filters(record, parsed, given, excluded))
                        selected.push_back(&record);
                }
                why = fill_page<Op>(out, selected, parsed);
                if (!why.empty())
                    return error_reply(400, bad_request_code, why);
            }
            encode_response(out, r);
        }
        return r;
    }

    /// Writes `response` into `r`: a model as the body; an envelope's body member (when the
    /// operation documents a body) as the body, and its set header members as headers.
    static void encode_response(const response_type& response, reply& r)
    {
        if constexpr (!meta::is_envelope_v<response_type>) {
            if constexpr (meta::response_payload_v<Op> == meta::payload::json)
                hwbind::encode(response, r.body);
        } else {
            boost::mp11::mp_for_each<boost::mp11::mp_iota_c<meta::fields_of<response_type>().size()>>([&](auto i) {
                constexpr meta::field f = meta::fields_of<response_type>()[decltype(i)::value];
                using D = boost::mp11::mp_at_c<meta::members_of<response_type>, decltype(i)::value>;
                const auto& member = response.*D::pointer;
                if constexpr (f.in == meta::location::content) {
                    hwbind::encode(member, r.body);
                } else if constexpr (f.in == meta::location::header) {
                    if (member)
                        r.headers.emplace_back(f.wire_name, header_text(*member));
                }
            });
        }
    }

    template <class V>
    static std::string header_text(const V& value)
    {
        if constexpr (std::is_same_v<V, std::string>)
            return value;
        else if constexpr (meta::is_open_enum<V>::value)
            return std::string(value.wire());
        else if constexpr (std::is_same_v<V, bool>)
            return value ? "true" : "false";
        else
            return hwbind::encode(value); // a number's JSON text is its header text
    }

private:
    // The parameters that never filter: the path's and the pagination's.
    static constexpr presence<request_type> not_filters() noexcept
    {
        presence<request_type> out = pagination_members<Op>();
        constexpr auto fields = meta::fields_of<request_type>();
        for (std::size_t i = 0; i < fields.size(); ++i)
            out[i] = out[i] || fields[i].in == meta::location::path || fields[i].in == meta::location::content;
        return out;
    }

    struct no_records {};
    using records_type = boost::mp11::mp_eval_if_c<!is_paginated_v<Op>, no_records, records_of, Op>;

    // What tests set and read, shared with the server's thread.
    struct recorded_state {
        std::mutex mutex;
        std::optional<response_type> response;    // set_response's, when set
        std::optional<request_type> last_request; // the last valid request
        std::uint64_t bodies_cut = 0;             // binary bodies cut short so far
    };

    response_type response_; // the example, without items when the records replace them
    records_type records_;
    std::unique_ptr<recorded_state> recorded_ = std::make_unique<recorded_state>();
};

} // namespace hwbind::mock::detail

#endif // HWBIND_MOCK_OPERATION_HANDLER_HPP
