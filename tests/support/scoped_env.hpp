// The process environment and home directory of a test: variables set for a scope and put
// back after it, and a temporary home directory with files in it, removed afterwards.
#ifndef HWBIND_TESTS_SUPPORT_SCOPED_ENV_HPP
#define HWBIND_TESTS_SUPPORT_SCOPED_ENV_HPP

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <stdlib.h>

namespace hwbind::test {

/// Sets (or, with a null value, unsets) an environment variable for the lifetime of the
/// object, then restores what it was.
class scoped_env {
public:
    scoped_env(const char* name, const char* value) : name_(name)
    {
        if (const char* old = std::getenv(name))
            old_ = old;
        if (value != nullptr)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~scoped_env()
    {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

/// A new empty directory under the system's temporary directory, removed with its contents
/// when the object is destroyed.
class temp_dir {
public:
    temp_dir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "hwbind-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::filesystem::filesystem_error("mkdtemp", std::error_code(errno, std::generic_category()));
        path_ = pattern;
    }
    ~temp_dir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    const std::filesystem::path& path() const noexcept { return path_; }

    /// Writes `contents` to `relative` (its folders made as needed); returns the full path.
    std::string write(const std::string& relative, std::string_view contents) const
    {
        const std::filesystem::path file = path_ / relative;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary).write(contents.data(), static_cast<std::streamsize>(contents.size()));
        return file.string();
    }

private:
    std::filesystem::path path_;
};

} // namespace hwbind::test

#endif // HWBIND_TESTS_SUPPORT_SCOPED_ENV_HPP
