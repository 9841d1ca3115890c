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
// A name as a person would type it, for comparing two spellings: trimmed, inner runs of
// whitespace made one space, ASCII and Latin-1 capitals (À–Þ, as in "Özlem" or "Éric") made
// lower case. Other letters are compared as written.
std::string FoldName(std::string_view s);
// True when `s` contains control characters other than tab/newline (names must not).
bool HasControlChars(std::string_view s);

}  // namespace kansrijk
