#include "platform/text.h"

namespace kansrijk {

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string_view Trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

std::string FoldName(std::string_view s) {
  s = Trim(s);
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (c >= 'A' && c <= 'Z') {
      out += char(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < s.size()) {
      // U+00C0..U+00DE are C3 80..C3 9E; their lower case is 0x20 further on (U+00D7 × is no letter).
      auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) next = static_cast<unsigned char>(next + 0x20);
      out += char(c);
      out += char(next);
      ++i;
    } else {
      out += char(c);
    }
  }
  return out;
}

bool HasControlChars(std::string_view s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) return true;
  return false;
}

}  // namespace kansrijk
