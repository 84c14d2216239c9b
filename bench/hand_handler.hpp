// Copyright (c) 2026 The hwbind authors. Distributed under the Boost Software License, Version 1.0.
#ifndef HWBIND_BENCH_HAND_HANDLER_HPP
#define HWBIND_BENCH_HAND_HANDLER_HPP

/// \file
/// The honest ceiling of hwbind's decoder design: a `boost::json::basic_parser` handler written
/// by hand for one generated struct, `hss::list_jobs_response`, as one would write it knowing
/// the struct. The same parser, the same results (unknown members skipped, `null` and absence
/// for optional members, unknown enumeration values kept, decoding over a model that holds an
/// earlier result reusing its memory, the same array reservation from the last array's share
/// of its body), but every key compared inline and every member reached directly: no tables,
/// no function pointers, no frames.

#include <hwbind/services/hss.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

class hss_jobs_handler {
public:
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    hss_jobs_handler(hwbind::hss::list_jobs_response& out, std::size_t body_size) : out_(out), body_size_(body_size) {}

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }

    bool on_object_begin(boost::system::error_code& ec)
    {
        if (skip_ != 0 || pending_ == member::unknown) {
            ++skip_;
            return true;
        }
        switch (where_) {
        case place::start:
            where_ = place::root;
            seen_root_ = 0;
            return true;
        case place::jobs: {
            auto& v = out_.job_info_list;
            job_fresh_ = jobs_ == v.size();
            job_ = job_fresh_ ? &v.emplace_back() : &v[jobs_];
            ++jobs_;
            seen_job_ = 0;
            where_ = place::job;
            return true;
        }
        case place::labels: {
            auto& v = job_->match_labels;
            label_fresh_ = labels_ == v.size();
            label_ = label_fresh_ ? &v.emplace_back() : &v[labels_];
            ++labels_;
            seen_label_ = 0;
            where_ = place::label;
            return true;
        }
        default:
            return fail(ec);
        }
    }

    bool on_object_end(std::size_t, boost::system::error_code&)
    {
        if (skip_ != 0) {
            end_skipped();
            return true;
        }
        switch (where_) {
        case place::root:
            if ((seen_root_ & 1) == 0)
                out_.total_num.reset();
            if ((seen_root_ & 2) == 0)
                out_.last_update_time.reset();
            if ((seen_root_ & 4) == 0)
                out_.job_info_list.clear();
            where_ = place::start;
            break;
        case place::job:
            if (!job_fresh_ && seen_job_ != 0x1ff)
                reset_absent(*job_);
            where_ = place::jobs;
            break;
        case place::label:
            if (!label_fresh_) {
                if ((seen_label_ & 1) == 0)
                    label_->key.reset();
                if ((seen_label_ & 2) == 0)
                    label_->val.reset();
            }
            where_ = place::labels;
            break;
        default:
            break;
        }
        pending_ = member::none;
        return true;
    }

    bool on_array_begin(boost::system::error_code& ec)
    {
        if (skip_ != 0 || pending_ == member::unknown) {
            ++skip_;
            return true;
        }
        if (pending_ == member::job_info_list) {
            auto& v = out_.job_info_list;
            if (last_jobs_.body_size != 0)
                v.reserve(scaled(last_jobs_));
            where_ = place::jobs;
            jobs_ = 0;
        } else if (pending_ == member::match_labels) {
            auto& v = job_->match_labels;
            if (last_labels_.body_size != 0)
                v.reserve(scaled(last_labels_));
            where_ = place::labels;
            labels_ = 0;
        } else {
            return fail(ec);
        }
        pending_ = member::none;
        return true;
    }

    bool on_array_end(std::size_t, boost::system::error_code&)
    {
        if (skip_ != 0) {
            end_skipped();
            return true;
        }
        if (where_ == place::jobs) {
            out_.job_info_list.resize(jobs_);
            last_jobs_ = {jobs_, body_size_};
            where_ = place::root;
        } else {
            job_->match_labels.resize(labels_);
            last_labels_ = {labels_, body_size_};
            where_ = place::job;
        }
        return true;
    }

    bool on_key_part(boost::json::string_view part, std::size_t, boost::system::error_code&)
    {
        if (skip_ == 0)
            key_.append(part.data(), part.size());
        return true;
    }

    bool on_key(boost::json::string_view part, std::size_t, boost::system::error_code&)
    {
        if (skip_ != 0)
            return true;
        std::string_view k(part.data(), part.size());
        if (!key_.empty()) {
            key_.append(part.data(), part.size());
            k = key_;
        }
        pending_ = lookup(k);
        key_.clear();
        return true;
    }

    bool on_string_part(boost::json::string_view part, std::size_t, boost::system::error_code& ec)
    {
        if (skip_ != 0)
            return true;
        if (!in_string_) {
            in_string_ = true;
            target_ = string_target();
            if (target_ == nullptr && pending_ != member::unknown)
                return fail(ec);
            if (target_ != nullptr)
                target_->clear();
        }
        if (target_ != nullptr)
            target_->append(part.data(), part.size());
        return true;
    }

    bool on_string(boost::json::string_view part, std::size_t, boost::system::error_code& ec)
    {
        if (skip_ != 0)
            return true;
        if (pending_ == member::status && !in_string_) { // whole: read in place
            set_status(std::string_view(part.data(), part.size()));
            pending_ = member::none;
            return true;
        }
        if (!in_string_) {
            target_ = string_target();
            if (target_ == nullptr && pending_ != member::unknown)
                return fail(ec);
            if (target_ != nullptr)
                target_->clear();
        }
        in_string_ = false;
        if (target_ != nullptr)
            target_->append(part.data(), part.size());
        if (pending_ == member::status)
            set_status(*target_);
        pending_ = member::none;
        return true;
    }

    bool on_int64(std::int64_t v, boost::json::string_view, boost::system::error_code& ec)
    {
        if (skip_ != 0)
            return true;
        switch (pending_) {
        case member::total_num: out_.total_num = v; break;
        case member::last_update_time: out_.last_update_time = v; break;
        case member::pods_num:
            if (v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max())
                return fail(ec);
            job_->pods_num = static_cast<std::int32_t>(v);
            break;
        case member::execute_time: job_->execute_time = v; break;
        case member::create_time: job_->create_time = v; break;
        case member::unknown: break;
        default: return fail(ec);
        }
        pending_ = member::none;
        return true;
    }

    bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code& ec) { return unknown_only(ec); }
    bool on_double(double, boost::json::string_view, boost::system::error_code& ec) { return unknown_only(ec); }
    bool on_bool(bool, boost::system::error_code& ec) { return unknown_only(ec); }

    bool on_null(boost::system::error_code&)
    {
        if (skip_ != 0)
            return true;
        switch (pending_) {
        case member::total_num: out_.total_num.reset(); break;
        case member::last_update_time: out_.last_update_time.reset(); break;
        case member::job_info_list: out_.job_info_list.clear(); break;
        case member::name: job_->name.reset(); break;
        case member::namespace_name: job_->namespace_name.reset(); break;
        case member::cluster_name: job_->cluster_name.reset(); break;
        case member::status: job_->status.reset(); break;
        case member::pods_num: job_->pods_num.reset(); break;
        case member::image_name: job_->image_name.reset(); break;
        case member::match_labels: job_->match_labels.clear(); break;
        case member::execute_time: job_->execute_time.reset(); break;
        case member::create_time: job_->create_time.reset(); break;
        case member::key: label_->key.reset(); break;
        case member::val: label_->val.reset(); break;
        default: break;
        }
        pending_ = member::none;
        return true;
    }

private:
    enum class place : unsigned char { start, root, jobs, job, labels, label };
    enum class member : unsigned char {
        none, unknown,
        total_num, last_update_time, job_info_list,                      // root, seen bits 1, 2, 4
        name, namespace_name, cluster_name, status, pods_num, image_name, // job, seen bits 1 << 0..8
        match_labels, execute_time, create_time,
        key, val,                                                         // label, seen bits 1, 2
    };
    struct array_share {
        std::size_t elements;
        std::size_t body_size;
    };

    static bool fail(boost::system::error_code& ec)
    {
        ec = boost::json::error::syntax; // a type mismatch; the benchmark only needs to know
        return false;
    }

    bool unknown_only(boost::system::error_code& ec)
    {
        if (skip_ != 0)
            return true;
        if (pending_ != member::unknown)
            return fail(ec);
        pending_ = member::none;
        return true;
    }

    void end_skipped()
    {
        if (--skip_ == 0)
            pending_ = member::none;
    }

    std::size_t scaled(const array_share& last) const
    {
        return static_cast<std::size_t>(static_cast<double>(last.elements) * static_cast<double>(body_size_) /
                                        static_cast<double>(last.body_size));
    }

    // The key of the current object as a member, marking it seen.
    member lookup(std::string_view k)
    {
        switch (where_) {
        case place::root:
            if (k == "total_num")
                return seen(seen_root_, 1, member::total_num);
            if (k == "last_update_time")
                return seen(seen_root_, 2, member::last_update_time);
            if (k == "job_info_list")
                return seen(seen_root_, 4, member::job_info_list);
            return member::unknown;
        case place::job:
            switch (k.size()) {
            case 4:
                return k == "name" ? seen(seen_job_, 1, member::name) : member::unknown;
            case 6:
                return k == "status" ? seen(seen_job_, 8, member::status) : member::unknown;
            case 8:
                return k == "pods_num" ? seen(seen_job_, 16, member::pods_num) : member::unknown;
            case 10:
                return k == "image_name" ? seen(seen_job_, 32, member::image_name) : member::unknown;
            case 11:
                return k == "create_time" ? seen(seen_job_, 256, member::create_time) : member::unknown;
            case 12:
                if (k == "cluster_name")
                    return seen(seen_job_, 4, member::cluster_name);
                if (k == "match_labels")
                    return seen(seen_job_, 64, member::match_labels);
                if (k == "execute_time")
                    return seen(seen_job_, 128, member::execute_time);
                return member::unknown;
            case 14:
                return k == "namespace_name" ? seen(seen_job_, 2, member::namespace_name) : member::unknown;
            default:
                return member::unknown;
            }
        case place::label:
            if (k == "key")
                return seen(seen_label_, 1, member::key);
            if (k == "val")
                return seen(seen_label_, 2, member::val);
            return member::unknown;
        default:
            return member::unknown;
        }
    }

    static member seen(unsigned& bits, unsigned bit, member m)
    {
        bits |= bit;
        return m;
    }

    void set_status(std::string_view text)
    {
        std::optional<hwbind::meta::open_enum<hwbind::hss::job_status>>& status = job_->status;
        if (text == "Running")
            status = hwbind::hss::job_status::Running;
        else if (text == "Failed")
            status = hwbind::hss::job_status::Failed;
        else
            status = hwbind::meta::open_enum<hwbind::hss::job_status>::from_wire(text);
    }

    static std::string* engage(std::optional<std::string>& s) { return s ? &*s : &s.emplace(); }

    // The string member the next string goes to; for `status`, a buffer it is read from.
    std::string* string_target()
    {
        switch (pending_) {
        case member::name: return engage(job_->name);
        case member::namespace_name: return engage(job_->namespace_name);
        case member::cluster_name: return engage(job_->cluster_name);
        case member::image_name: return engage(job_->image_name);
        case member::status: return &status_text_;
        case member::key: return engage(label_->key);
        case member::val: return engage(label_->val);
        default: return nullptr;
        }
    }

    static void reset_absent(hwbind::hss::serverless_job_info& job, unsigned seen)
    {
        if ((seen & 1) == 0) job.name.reset();
        if ((seen & 2) == 0) job.namespace_name.reset();
        if ((seen & 4) == 0) job.cluster_name.reset();
        if ((seen & 8) == 0) job.status.reset();
        if ((seen & 16) == 0) job.pods_num.reset();
        if ((seen & 32) == 0) job.image_name.reset();
        if ((seen & 64) == 0) job.match_labels.clear();
        if ((seen & 128) == 0) job.execute_time.reset();
        if ((seen & 256) == 0) job.create_time.reset();
    }
    void reset_absent(hwbind::hss::serverless_job_info& job) const { reset_absent(job, seen_job_); }

    hwbind::hss::list_jobs_response& out_;
    std::size_t body_size_;
    place where_ = place::start;
    member pending_ = member::none;
    std::size_t skip_ = 0;
    hwbind::hss::serverless_job_info* job_ = nullptr;
    hwbind::hss::label_info* label_ = nullptr;
    std::size_t jobs_ = 0;
    std::size_t labels_ = 0;
    bool job_fresh_ = false;
    bool label_fresh_ = false;
    unsigned seen_root_ = 0;
    unsigned seen_job_ = 0;
    unsigned seen_label_ = 0;
    bool in_string_ = false;
    std::string* target_ = nullptr;
    std::string status_text_;
    std::string key_;
    static inline thread_local array_share last_jobs_{};
    static inline thread_local array_share last_labels_{};
};

/// Decodes `json` into `out` with the hand-written handler; false on failure.
inline bool decode_hss_jobs_by_hand(std::string_view json, hwbind::hss::list_jobs_response& out)
{
    boost::json::parse_options options;
    options.max_depth = 65;
    boost::json::basic_parser<hss_jobs_handler> parser(options, out, json.size());
    boost::system::error_code ec;
    const std::size_t used = parser.write_some(false, json.data(), json.size(), ec);
    return !ec && used == json.size();
}

} // namespace bench

#endif // HWBIND_BENCH_HAND_HANDLER_HPP
