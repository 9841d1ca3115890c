// Small text helpers for validation: UTF-8 length and trimming.
#pragma once

#include <string>
#include <string_view>

namespace kansrijk {

// Number of code points, assuming valid UTF-8 (the JSON parser has already checked it).
size_t Utf8Length(std::string_view s);
// Without leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view s);
// ASCII lower case; other bytes unchanged (used for sort keys and case-insensitive search).
std::string AsciiLower(std::string_view s);
// True when `s` contains control characters other than tab/newline (names must not).
bool HasControlChars(std::string_view s);

}  // namespace kansrijk
