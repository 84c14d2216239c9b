// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_META_OPERATION_HPP
#define HWBIND_META_OPERATION_HPP

/// \file
/// The vocabulary of generated endpoint descriptors: HTTP method, authentication schemes,
/// cross-parameter rules, pagination and per-status error models. Descriptors are types
/// holding only data (see `docs` in `spec/README.md` for the full shape); the runtime reads
/// them generically and no descriptor holds behaviour.

#include <hwbind/meta/field.hpp>

#include <boost/mp11/list.hpp>

#include <cstddef>
#include <string_view>
#include <type_traits>

namespace hwbind::meta {

/// Request method of an operation.
enum class http_method : unsigned char { get, post, put, patch, delete_, head };

/// The method as sent on the request line.
constexpr std::string_view to_string(http_method m) noexcept
{
    switch (m) {
    case http_method::get: return "GET";
    case http_method::post: return "POST";
    case http_method::put: return "PUT";
    case http_method::patch: return "PATCH";
    case http_method::delete_: return "DELETE";
    case http_method::head: return "HEAD";
    }
    return "GET";
}

/// Whether repeating a request of method `m` has the effect of sending it once
/// (RFC 9110 §9.2.2): what decides whether a request whose bytes may have reached the server
/// can be sent again.
constexpr bool is_idempotent(http_method m) noexcept
{
    return m != http_method::post && m != http_method::patch;
}

/// What the body of a request or a success response holds.
enum class payload : unsigned char {
    none, ///< no body (a request sends none; a response's body must be empty or white space)
    json, ///< a JSON value, the `content` member of the request or response envelope
    binary, ///< bytes of any kind (a file), which a download's sink receives as they arrive
    multipart, ///< a request's `multipart/form-data` form: the members of its `content` model are the parts
};

namespace detail {
template <class Op, class = void>
struct request_payload_of : std::integral_constant<payload, payload::none> {};
template <class Op>
struct request_payload_of<Op, std::void_t<decltype(Op::request_payload)>>
    : std::integral_constant<payload, Op::request_payload> {};
template <class Op, class = void>
struct response_payload_of : std::integral_constant<payload, payload::json> {};
template <class Op>
struct response_payload_of<Op, std::void_t<decltype(Op::response_payload)>>
    : std::integral_constant<payload, Op::response_payload> {};
} // namespace detail

/// What a request of operation `Op` carries: its `request_payload`, `none` when it declares
/// none (descriptors written by hand before bodies existed).
template <class Op>
inline constexpr payload request_payload_v = detail::request_payload_of<Op>::value;

/// What a success response of `Op` carries: its `response_payload`, `json` when it declares none.
template <class Op>
inline constexpr payload response_payload_v = detail::response_payload_of<Op>::value;

/// Authentication schemes an operation accepts, as a bit set.
enum class auth_scheme : unsigned char {
    none = 0,
    aksk = 1,  ///< request signed with an access key / secret key pair
    token = 2, ///< a token sent in the service's token header
};

constexpr auth_scheme operator|(auth_scheme a, auth_scheme b) noexcept
{
    return static_cast<auth_scheme>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool accepts(auth_scheme set, auth_scheme one) noexcept
{
    return (static_cast<unsigned>(set) & static_cast<unsigned>(one)) != 0;
}

/// How an operation authenticates.
struct auth_info {
    auth_scheme schemes = auth_scheme::none;
    std::string_view token_header; ///< header carrying the token when `token` is accepted
};

/// A region and the base URL of a service there.
struct region_endpoint {
    std::string_view region;
    std::string_view url;
};

// ---- cross-parameter rules -------------------------------------------------------------

/// The members `Members...` of a request are set all together or not at all.
template <auto... Members>
struct all_or_none {};

/// When member `Dependent` of a request is set, each of `Required...` must be set too.
template <auto Dependent, auto... Required>
struct requires_members {};

/// The rules of an operation, a type list of the rule templates above.
template <class... Rules>
using rules = boost::mp11::mp_list<Rules...>;

// ---- pagination --------------------------------------------------------------------------
//
// A pagination descriptor names the members it reads and writes. Each is a member pointer
// (`&list_jobs_request::offset`), or for a member reached through others the address of a
// member path (`&meta::path_to<&list_repos_response::page_info, &page_info::next_marker>`): the
// members applied left to right, stepping into `std::optional` members on the way (absent
// reads as absent; writing emplaces them). A request path may start at the request's body
// member (`&meta::path_to<&list_rooms_request::body, &list_rooms_body::offset>`).

/// A chain of members, applied left to right (see above).
template <auto... Members>
struct member_path {
    static_assert(sizeof...(Members) > 0, "a member path names at least one member");
};

/// The member path a descriptor takes the address of.
template <auto... Members>
inline constexpr member_path<Members...> path_to{};

/// How an operation pages; each descriptor below has its `kind`.
enum class pagination_kind : unsigned char { offset, page, marker, item_marker };

/// The operation returns everything in one response.
struct no_pagination {};

/// Pages addressed by an offset and a page size. `Offset` and `Limit` may be integer or
/// string members (some services type them as strings on the wire). `Total` is the response
/// member holding the total count, or `nullptr` when the service sends none.
template <auto Offset, auto Limit, auto Items, auto Total = nullptr>
struct offset_pagination {
    static constexpr pagination_kind kind = pagination_kind::offset;
    static constexpr auto offset = Offset;
    static constexpr auto limit = Limit;
    static constexpr auto items = Items;
    static constexpr auto total = Total;
};

/// Pages addressed by a page number and a page size; the first page is `FirstPage` (0 or 1).
/// `Page` and `PageSize` may be integer or string members; `Total` counts items, or is
/// `nullptr`.
template <auto Page, auto PageSize, long long FirstPage, auto Items, auto Total = nullptr>
struct page_pagination {
    static constexpr pagination_kind kind = pagination_kind::page;
    static constexpr auto page = Page;
    static constexpr auto limit = PageSize;
    static constexpr long long first_page = FirstPage;
    static constexpr auto items = Items;
    static constexpr auto total = Total;
};

/// Pages addressed by a cursor: the response member `NextMarker` holds the value of the
/// request member `Marker` that fetches the next page; no value (or an empty one) ends it.
/// Either may be a string or an integer. `Limit` is the page size member, or `nullptr`.
template <auto Marker, auto NextMarker, auto Items, auto Total = nullptr, auto Limit = nullptr>
struct marker_pagination {
    static constexpr pagination_kind kind = pagination_kind::marker;
    static constexpr auto marker = Marker;
    static constexpr auto next_marker = NextMarker;
    static constexpr auto items = Items;
    static constexpr auto total = Total;
    static constexpr auto limit = Limit;
};

/// Pages addressed by a cursor taken from the last item of a page: the member `ItemMarker`
/// of that item (a member pointer of the item type) is the value of the request member
/// `Marker` that fetches the next page. `Limit` is the page size member, or `nullptr`.
template <auto Marker, auto ItemMarker, auto Items, auto Limit = nullptr, auto Total = nullptr>
struct item_marker_pagination {
    static constexpr pagination_kind kind = pagination_kind::item_marker;
    static constexpr auto marker = Marker;
    static constexpr auto item_marker = ItemMarker;
    static constexpr auto items = Items;
    static constexpr auto limit = Limit;
    static constexpr auto total = Total;
};

/// Whether `P` is a pagination descriptor (not `no_pagination`).
template <class P, class = void>
struct is_pagination : std::false_type {};
template <class P>
struct is_pagination<P, std::void_t<decltype(P::kind)>> : std::true_type {};
template <class P>
inline constexpr bool is_pagination_v = is_pagination<P>::value;

/// Whether descriptor `P` pages by `K`.
template <class P, pagination_kind K>
constexpr bool pagination_is() noexcept
{
    if constexpr (is_pagination_v<P>)
        return P::kind == K;
    else
        return false;
}

// ---- responses ---------------------------------------------------------------------------

/// The body of HTTP status `Status` decodes as `Model`.
template <int Status, class Model>
struct status_model {
    static constexpr int status = Status;
    using model = Model;
};

/// An example exchange from the reference documentation, found through the ADL hook
/// `examples(meta::tag<Op>)` that generated `examples.hpp` headers define per operation.
struct example {
    std::string_view name;        ///< short name, unique within the operation
    std::string_view description; ///< what it shows
    std::string_view request;     ///< the example request line, e.g. `GET /v1/things?limit=2`
    int status = 0;               ///< HTTP status of the response
    std::string_view body;        ///< the response body, exactly as documented
};

/// The documented error bodies of an operation, a type list of `status_model`. The client
/// decodes the body of an error status listed here into its model, which the call's
/// `diagnostics::error_model<Model>()` returns.
template <class... StatusModels>
using error_models = boost::mp11::mp_list<StatusModels...>;

// ---- from a request to its operation -----------------------------------------------------

namespace detail {
template <class Request, class = void>
struct operation_of_request {};
template <class Request>
struct operation_of_request<Request, std::void_t<decltype(operation_of(tag<Request>{}))>> {
    using type = decltype(operation_of(tag<Request>{}));
};
} // namespace detail

/// The operation whose request type is `Request`: the generated code declares
/// `Op operation_of(meta::tag<Request>)` beside each operation (declared only, found by ADL),
/// so that `client.call(request)` needs no template argument. Substitution fails for a type
/// that is no operation's request.
template <class Request>
using operation_for = typename detail::operation_of_request<Request>::type;

} // namespace hwbind::meta

#endif // HWBIND_META_OPERATION_HPP
