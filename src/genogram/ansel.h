// ANSEL (ANSI Z39.47), the default character set of GEDCOM 5.5.1 files: ASCII plus special
// letters and combining diacritics that come BEFORE the letter they belong to.
#pragma once

#include <string>
#include <string_view>

namespace kansrijk::genogram {

// UTF-8 for ANSEL bytes. Combining marks are moved after their base letter and, for the Latin
// letters of Dutch, German, French, Scandinavian and Central European names, composed into one
// precomposed character (e + acute -> é), so names compare and sort as typed. Marks without a
// composed form stay as Unicode combining characters; unassigned bytes become U+FFFD.
std::string AnselToUtf8(std::string_view ansel);

}  // namespace kansrijk::genogram
