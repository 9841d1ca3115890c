// GEDCOM 5.5.1 in and out, so a family tree made in a genealogy program can become the start of a
// genogram, and a genogram can go back to such a program. Import is a dry run first: it returns
// what would be created plus every line it could not use, and the API commits the model in one
// transaction only after the coach has seen that report.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "genogram/model.h"
#include "platform/status.h"

namespace kansrijk::genogram {

constexpr size_t kMaxGedcomBytes = 50u * 1024 * 1024;
constexpr size_t kMaxGedcomRecords = 200'000;
constexpr int kMaxGedcomLevel = 30;           // real files stay under 10
constexpr size_t kMaxReportedLines = 1'000;   // the rest is counted, so garbage cannot flood a report

struct UnusedLine {
  int line = 0;          // 1-based line number in the file
  std::string text;      // the line as read (cut at 200 characters)
  std::string code;      // why it was not used: a reason code (data/messages/genogram.json)
  Params params;         // its parameters ({"tag": "_UID"})
  std::string left_out;  // what was left out because of it, as a code ("gedcom_left_out_end"), or empty
};

struct ImportReport {
  std::string charset;  // "UTF-8", "ASCII" or "ANSEL"
  size_t lines = 0, records = 0;
  std::vector<UnusedLine> unused;  // in line order, at most kMaxReportedLines
  size_t unused_not_listed = 0;    // lines beyond that limit
};

struct ImportResult {
  Genogram genogram;  // consistent (FindProblems is empty); ids are the file's xrefs ("I12")
  ImportReport report;
};

// Reads a GEDCOM 5.5.1 file (UTF-8 with or without BOM, ASCII, ANSEL; CR, LF or CRLF).
// Returns kPayloadTooLarge over kMaxGedcomBytes or kMaxGedcomRecords (gedcom_too_large,
// gedcom_too_many_records); kInvalidArgument for a character set it cannot read (UTF-16/UNICODE,
// IBMPC, ANSI, MACINTOSH: gedcom_charset_unsupported with params.charset), for bytes that hold no
// GEDCOM line at all (gedcom_empty), or when the first record is not 0 HEAD (gedcom_no_head):
// such bytes are some other file, and guessing at them would add nonsense to a genogram. Everything else — unknown and vendor tags, broken
// lines, pointers to missing records, data the model refuses (a child born before a parent) —
// is left out and listed in the report, never fatal. Never crashes or hangs on any input.
Result<ImportResult> ImportGedcom(std::string_view bytes);

// The dry-run report in Dutch for the command line: counts, the persons with their names and
// years, the relations and events that would be created, and every line that could not be used,
// its reason in words from `reason_text` (the catalogue lives outside this pure core).
std::string DescribeImport(const ImportResult& result,
                           const std::function<std::string(const UnusedLine&)>& reason_text);

struct ExportOptions {
  std::string date;  // for HEAD.DATE in GEDCOM form ("23 NOV 2026"); empty leaves it out
};

struct ExportResult {
  std::string gedcom;              // UTF-8, CRLF-free ("\n"), ends with "0 TRLR"
  std::vector<std::string> notes;  // Dutch: what the file holds differently or leaves out
};

// Writes the genogram as GEDCOM 5.5.1 (HEAD with CHAR UTF-8, GEDC VERS 5.5.1 FORM
// LINEAGE-LINKED, SUBM). Persons become INDI, partner pairs and the parents of children FAM;
// adoptive and foster links FAMC + PEDI and _FREL/_MREL; twins ASSO with RELA; emotional
// relations the vendor tag _EMOT; moves RESI (with _FROM). Themes, the index person and the
// household are left out (notes say so). ImportGedcom(ExportGedcom(g)) keeps every person,
// relation and dated event.
ExportResult ExportGedcom(const Genogram& g, const ExportOptions& options = {});

}  // namespace kansrijk::genogram
