// Generated models are described for Boost.Describe by declarations of the functions that
// BOOST_DESCRIBE_STRUCT defines (hwbind/meta/detail/describe.hpp), where the Boost version is
// one they were checked against. This program is built twice, as hwbind_describe_declared and,
// with HWBIND_DESCRIBE_WITH_MACROS, as hwbind_describe_macros (BOOST_DESCRIBE_STRUCT itself),
// and prints what Boost.Describe tells of every enumeration, model and request of the
// checked-in services (and of tests/fixtures/big_models/wide.yaml: a model that inherits its
// members from parts, an enumeration of 300 values): a model's bases, and for each member its
// name, modifiers, offset and size; an enumeration's names and values.
// The test describe_declared runs both and requires the same output.
#include <hwbind/meta.hpp>
#include <hwbind/services/all.hpp>
#if defined(HWBIND_TEST_BIG_MODELS)
#include <big/services/all.hpp>
#endif

#include <boost/describe/bases.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/version.hpp>

#include <cstddef>
#include <cstdio>
#include <memory>

#if defined(HWBIND_DESCRIBE_WITH_MACROS)
static_assert(HWBIND_DESCRIBE_DECLARED == 0, "HWBIND_DESCRIBE_WITH_MACROS chooses BOOST_DESCRIBE_STRUCT");
#elif BOOST_VERSION == 108100
static_assert(HWBIND_DESCRIBE_DECLARED == 1, "the declarations are checked against Boost 1.81");
#endif

namespace {

using boost::describe::mod_any_access;
using boost::describe::mod_inherited;
using boost::describe::mod_public;

// The description of T as Boost.Describe gives it, and the same checks at compile time that
// the runtime relies on.
template <class T>
void print(const char* kind, std::size_t index)
{
    static_assert(boost::describe::has_describe_members<T>::value);
    static_assert(boost::describe::has_describe_bases<T>::value);
    using bases = boost::describe::describe_bases<T, mod_any_access>;
    using members = boost::describe::describe_members<T, mod_any_access | mod_inherited>;
    static_assert(boost::mp11::mp_size<hwbind::meta::members_of<T>>::value ==
                  boost::mp11::mp_size<boost::describe::describe_members<T, mod_public | mod_inherited>>::value);
    const auto value = std::make_unique<T>();
    const auto* base = reinterpret_cast<const char*>(value.get());
    std::printf("%s %zu: size %zu, %zu bases, %zu members\n", kind, index, sizeof(T),
                boost::mp11::mp_size<bases>::value, boost::mp11::mp_size<members>::value);
    boost::mp11::mp_for_each<bases>([](auto b) {
        using B = typename decltype(b)::type;
        std::printf("  base of size %zu, modifiers %u\n", sizeof(B), decltype(b)::modifiers);
    });
    boost::mp11::mp_for_each<members>([&](auto d) {
        const auto& member = (*value).*decltype(d)::pointer;
        std::printf("  %s: modifiers %u, offset %td, size %zu\n", decltype(d)::name, decltype(d)::modifiers,
                    reinterpret_cast<const char*>(&member) - base, sizeof(member));
    });
}

template <class E>
void print_enum(std::size_t index)
{
    static_assert(boost::describe::has_describe_enumerators<E>::value);
    using enumerators = boost::describe::describe_enumerators<E>;
    std::printf("enum %zu: %zu enumerators\n", index, boost::mp11::mp_size<enumerators>::value);
    boost::mp11::mp_for_each<enumerators>([](auto d) {
        std::printf("  %s: %lld\n", d.name, static_cast<long long>(d.value));
    });
}

template <class Service>
void print_service()
{
    std::printf("service %.*s\n", static_cast<int>(Service::name.size()), Service::name.data());
    std::size_t index = 0;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, typename Service::enums>>(
        [&](auto e) { print_enum<typename decltype(e)::type>(index++); });
    index = 0;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, typename Service::models>>(
        [&](auto model) { print<typename decltype(model)::type>("model", index++); });
    index = 0;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, typename Service::operations>>(
        [&](auto operation) { print<typename decltype(operation)::type::request_type>("request", index++); });
}

} // namespace

int main()
{
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, hwbind::services::all>>(
        [](auto service) { print_service<typename decltype(service)::type>(); });
#if defined(HWBIND_TEST_BIG_MODELS)
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, big::services::all>>(
        [](auto service) { print_service<typename decltype(service)::type>(); });
#endif
}
