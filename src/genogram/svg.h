// Draws a genogram as SVG with the McGoldrick symbols (domain.md, "Genogram conventions"), for the
// screen, for print on A4 landscape and for screen readers (a <title> and <desc> per person).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "genogram/layout.h"
#include "genogram/model.h"

namespace kansrijk::genogram {

struct SvgOptions {
  PartialDate today;                   // for the age of the living; empty: no age for the living
  std::vector<std::string> highlight;  // person ids to mark, e.g. the persons of one pattern
  std::string title = "Genogram";
  bool legend = true;
};

// The SVG document (UTF-8). Deterministic: the same input gives the same bytes, so it can be
// compared with golden files and cached. All text is XML-escaped; ids appear as data-person-id
// so the web page can open a person on click. `layout` must come from ComputeLayout(g).
std::string RenderSvg(const Genogram& g, const Layout& layout, const SvgOptions& options = {});

// ComputeLayout with default options, then RenderSvg.
std::string RenderSvg(const Genogram& g, const SvgOptions& options = {});

// Escapes & < > " ' for text and attributes, drops characters XML 1.0 forbids and replaces
// invalid UTF-8 with U+FFFD, so any name a family types yields a well-formed document.
std::string XmlEscape(std::string_view text);

}  // namespace kansrijk::genogram
