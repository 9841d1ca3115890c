#include "genogram/gedcom.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <utility>

#include "genogram/ansel.h"

namespace kansrijk::genogram {
namespace {

// ---------------------------------------------------------------------------------------------
// Reading bytes into lines.

struct GLine {
  int number = 0;
  int level = 0;
  std::string xref;  // without the @ signs
  std::string tag;   // upper case
  std::string value;
  size_t end = 0;    // index just past this line's subtree
};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Valid UTF-8 stays; anything else becomes U+FFFD. Sets `changed` when something was replaced.
std::string FixUtf8(std::string_view s, bool& changed) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    bool ok = len > 0 && c >= 0xC2 && c <= 0xF4 && i + len <= s.size();
    uint32_t cp = ok ? (c & (0x7F >> len)) : 0;
    for (size_t k = 1; ok && k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      ok = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    ok = ok && !(len == 3 && cp < 0x800) && !(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) && !(cp >= 0xD800 && cp <= 0xDFFF);
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      changed = true;
      ++i;
    }
  }
  return out;
}

bool HasMultibyteUtf8(std::string_view s) {
  bool changed = false;
  bool high = std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (!high) return false;
  FixUtf8(s.substr(0, std::min<size_t>(s.size(), 1 << 20)), changed);
  return !changed;
}

// The value of HEAD.CHAR, read from the first lines before the next record starts.
std::string FindCharset(std::string_view text) {
  size_t pos = 0;
  int records = 0;
  for (int n = 0; n < 400 && pos < text.size(); ++n) {
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = TrimView(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    if (line[0] == '0' && ++records > 1) break;
    if (line.size() > 7 && line[0] == '1' && (line[1] == ' ' || line[1] == '\t')) {
      std::string_view rest = TrimView(line.substr(1));
      if (rest.size() >= 4 && Upper(rest.substr(0, 4)) == "CHAR" && (rest.size() == 4 || rest[4] == ' '))
        return Upper(TrimView(rest.substr(4)));
    }
  }
  return "";
}

Status CharsetError(std::string_view name) {
  return Status(Code::kInvalidArgument, "gedcom_charset_unsupported", {{"charset", std::string(name)}})
      .WithSlug("gedcom-charset");
}

// Converts the file to UTF-8 text; the charset name goes to `charset`.
Result<std::string> Decode(std::string_view bytes, std::string& charset) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    return CharsetError("UTF-16 (UNICODE)");
  if (bytes.size() >= 4 && (bytes[1] == '\0' || bytes[0] == '\0') && bytes[0] != bytes[2])
    return CharsetError("UTF-16 (UNICODE)");
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    charset = "UTF-8";
    return std::string(bytes.substr(3));
  }
  const std::string declared = FindCharset(bytes);
  if (declared == "UTF-8" || declared == "UTF8") {
    charset = "UTF-8";
  } else if (declared == "ASCII" || declared == "ANSEL") {
    charset = declared;
  } else if (declared.empty()) {
    // 5.5.1 says ANSEL without CHAR; a file that is valid UTF-8 with non-ASCII letters was
    // clearly written as UTF-8 by a program that forgot the line.
    charset = HasMultibyteUtf8(bytes) ? "UTF-8" : "ANSEL";
  } else if (declared == "UNICODE") {
    return CharsetError("UNICODE (UTF-16)");
  } else {
    return CharsetError(declared.substr(0, 40));
  }
  if (charset == "ANSEL") return AnselToUtf8(bytes);
  return std::string(bytes);  // ASCII files with high bytes are read as UTF-8 (programs often lie)
}

class Report {
 public:
  explicit Report(ImportReport& r) : r_(r) {}
  void Add(int line, std::string text, std::string code, Params params = {}, std::string left_out = {}) {
    if (r_.unused.size() >= kMaxReportedLines) {
      ++r_.unused_not_listed;
      return;
    }
    if (text.size() > 200) {
      size_t cut = 200;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text = text.substr(0, cut) + "…";
    }
    r_.unused.push_back({line, std::move(text), std::move(code), std::move(params), std::move(left_out)});
  }
  void Add(const GLine& l, std::string code, Params params = {}) { Add(l.number, Text(l), std::move(code), std::move(params)); }
  static std::string Text(const GLine& l) {
    std::string t = std::to_string(l.level);
    if (!l.xref.empty()) t += " @" + l.xref + "@";
    t += " " + l.tag;
    if (!l.value.empty()) t += " " + l.value.substr(0, 300);
    for (auto& c : t)
      if (c == '\n') c = ' ';
    return t;
  }

 private:
  ImportReport& r_;
};

// Splits the text into lines; CONC/CONT are joined onto their line. Broken lines are reported,
// together with the lines beneath them (they cannot be placed).
Status ParseLines(const std::string& text, std::vector<GLine>& lines, ImportReport& report, Report& rep) {
  lines.reserve(text.size() / 24);
  std::vector<size_t> last_at_level;  // index of the last kept line per level
  int depth = -1;
  int skip_deeper_than = INT_MAX;
  size_t pos = 0;
  int number = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string::npos) end = text.size();
    std::string_view raw(text.data() + pos, end - pos);
    pos = end;
    if (pos < text.size()) {
      const char first = text[pos++];
      if (pos < text.size() && (text[pos] == '\r' || text[pos] == '\n') && text[pos] != first) ++pos;
    }
    ++number;
    std::string_view s = raw;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\0')) s.remove_suffix(1);
    if (s.empty()) continue;
    bool fixed = false;
    const std::string clean = FixUtf8(s.substr(0, std::min<size_t>(s.size(), 1 << 20)), fixed);
    s = clean;
    auto bad = [&](std::string code, Params params = {}) {
      rep.Add(number, std::string(s.substr(0, 300)), std::move(code), std::move(params));
    };
    size_t i = 0;
    int level = 0;
    while (i < s.size() && i < 4 && s[i] >= '0' && s[i] <= '9') level = level * 10 + (s[i++] - '0');
    if (i == 0 || i == 4 || i >= s.size() || (s[i] != ' ' && s[i] != '\t')) {
      bad("gedcom_line_no_level");
      continue;
    }
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    GLine line;
    line.number = number;
    line.level = level;
    if (i < s.size() && s[i] == '@') {
      const size_t close = s.find('@', i + 1);
      if (close == std::string_view::npos || close == i + 1 || close + 1 >= s.size() || s[close + 1] != ' ') {
        bad("gedcom_xref_unclosed");
        continue;
      }
      line.xref = std::string(s.substr(i + 1, close - i - 1));
      i = close + 1;
      while (i < s.size() && s[i] == ' ') ++i;
    }
    size_t tag_end = i;
    while (tag_end < s.size() && s[tag_end] != ' ' && s[tag_end] != '\t') ++tag_end;
    if (tag_end == i) {
      bad("gedcom_line_no_tag");
      continue;
    }
    line.tag = Upper(s.substr(i, tag_end - i));
    if (tag_end < s.size()) line.value = std::string(s.substr(tag_end + 1));
    if (level > skip_deeper_than) {
      bad("gedcom_line_under_unused");
      continue;
    }
    skip_deeper_than = INT_MAX;
    if (level > kMaxGedcomLevel) {
      bad("gedcom_line_too_deep", {{"level", std::to_string(level)}, {"max", std::to_string(kMaxGedcomLevel)}});
      skip_deeper_than = level;
      continue;
    }
    if (level > depth + 1) {
      bad("gedcom_level_jump", {{"from", std::to_string(std::max(depth, 0))}, {"to", std::to_string(level)}});
      skip_deeper_than = level;
      continue;
    }
    if (fixed) rep.Add(number, line.tag, "gedcom_invalid_utf8");
    if (line.tag == "CONC" || line.tag == "CONT") {
      if (level == 0) {
        bad("gedcom_continuation_level_zero");
        continue;
      }
      std::string& target = lines[last_at_level[level - 1]].value;
      if (line.tag == "CONT") target += '\n';
      target += line.value;
      continue;
    }
    if (level == 0 && ++report.records > kMaxGedcomRecords)
      return Status(Code::kPayloadTooLarge, "gedcom_too_many_records", {{"max", std::to_string(kMaxGedcomRecords)}});
    last_at_level.resize(level);
    last_at_level.push_back(lines.size());
    depth = level;
    lines.push_back(std::move(line));
  }
  report.lines = static_cast<size_t>(number);
  std::vector<size_t> open;
  for (size_t k = 0; k < lines.size(); ++k) {
    while (!open.empty() && lines[open.back()].level >= lines[k].level) {
      lines[open.back()].end = k;
      open.pop_back();
    }
    open.push_back(k);
  }
  for (size_t k : open) lines[k].end = lines.size();
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Lines into the model.

std::string_view Pointer(std::string_view v) {
  v = TrimView(v);
  if (v.size() > 2 && v.front() == '@' && v.back() == '@' && v.find('@', 1) == v.size() - 1) return v.substr(1, v.size() - 2);
  return {};
}

// Values escape a literal @ as @@.
std::string Unescape(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    out += v[i];
    if (v[i] == '@' && i + 1 < v.size() && v[i + 1] == '@') ++i;
  }
  return out;
}

struct EventTag {
  std::string_view tag;
  EventKind kind;
  std::string_view label;
};
// Individual events and attributes of 5.5.1 and what they become.
constexpr EventTag kIndividualEvents[] = {
    {"RESI", EventKind::kMove, "Woonplaats"},       {"EMIG", EventKind::kMove, "Emigratie"},
    {"IMMI", EventKind::kMove, "Immigratie"},       {"GRAD", EventKind::kDiploma, "Diploma"},
    {"OCCU", EventKind::kNewJob, "Beroep"},         {"CHR", EventKind::kOther, "Doop"},
    {"BAPM", EventKind::kOther, "Doop"},            {"BURI", EventKind::kOther, "Begrafenis"},
    {"CREM", EventKind::kOther, "Crematie"},        {"ADOP", EventKind::kOther, "Adoptie"},
    {"CONF", EventKind::kOther, "Belijdenis of vormsel"}, {"FCOM", EventKind::kOther, "Eerste communie"},
    {"BARM", EventKind::kOther, "Bar mitswa"},      {"BASM", EventKind::kOther, "Bat mitswa"},
    {"BLES", EventKind::kOther, "Zegening"},        {"CHRA", EventKind::kOther, "Volwassendoop"},
    {"ORDN", EventKind::kOther, "Wijding"},         {"NATU", EventKind::kOther, "Naturalisatie"},
    {"CENS", EventKind::kOther, "Volkstelling"},    {"PROB", EventKind::kOther, "Erfrecht"},
    {"WILL", EventKind::kOther, "Testament"},       {"RETI", EventKind::kOther, "Pensioen"},
    {"EDUC", EventKind::kOther, "Opleiding"},       {"RELI", EventKind::kOther, "Geloof"},
    {"TITL", EventKind::kOther, "Titel"},           {"NATI", EventKind::kOther, "Nationaliteit"},
    {"CAST", EventKind::kOther, "Kaste"},           {"DSCR", EventKind::kOther, "Beschrijving"},
    {"NCHI", EventKind::kOther, "Aantal kinderen"}, {"NMR", EventKind::kOther, "Aantal huwelijken"},
    {"PROP", EventKind::kOther, "Bezit"},           {"IDNO", EventKind::kOther, "Nummer"},
    {"SSN", EventKind::kOther, "Sofinummer"},
};

const EventTag* FindEventTag(std::string_view tag) {
  for (const auto& e : kIndividualEvents)
    if (e.tag == tag) return &e;
  return nullptr;
}

// The reason code for a tag that is not used.
const char* UnusedReason(const std::string& tag) {
  if (!tag.empty() && tag[0] == '_') return "gedcom_vendor_tag";
  if (tag == "SOUR" || tag == "OBJE" || tag == "REPO") return "gedcom_sources_not_used";
  if (tag == "CHAN" || tag == "RIN" || tag == "REFN" || tag == "AFN" || tag == "RFN" || tag == "UID")
    return "gedcom_admin_tag";
  return "gedcom_tag_not_used";
}

std::optional<ParentKind> RelationWord(std::string_view value) {
  const std::string v = Lower(TrimView(value));
  if (v == "natural" || v == "birth" || v == "biological" || v == "biologisch") return ParentKind::kBiological;
  if (v == "adopted" || v == "adoptive" || v == "adoptief") return ParentKind::kAdoptive;
  if (v == "foster" || v == "pleeg") return ParentKind::kFoster;
  if (v == "step" || v == "stepchild" || v == "stief") return ParentKind::kStep;
  return std::nullopt;
}

struct ChildKinds {
  std::optional<ParentKind> father, mother;
};

class Importer {
 public:
  Importer(std::vector<GLine>& lines, ImportReport& report, Report& rep) : l_(lines), report_(report), rep_(rep) {}

  ImportResult Run() {
    IndexRecords();
    for (size_t k = 0; k < indi_.size(); ++k) ReadIndividual(indi_[k], static_cast<int>(k));
    for (size_t k = 0; k < famc_.size(); ++k) famc_by_fam_[famc_[k].fam].push_back(k);
    for (size_t k = 0; k < adoptions_.size(); ++k) adoptions_by_fam_[adoptions_[k].fam].push_back(k);
    for (size_t r : fam_) ReadFamily(r);
    BuildTwins();
    DropWhatTheModelRefuses();
    std::stable_sort(report_.unused.begin(), report_.unused.end(), [](const UnusedLine& a, const UnusedLine& b) { return a.line < b.line; });
    ImportResult result;
    g_.themes = DefaultThemes();
    result.genogram = std::move(g_);
    result.report = std::move(report_);
    return result;
  }

 private:
  std::vector<GLine>& l_;
  ImportReport& report_;
  Report& rep_;
  Genogram g_;
  std::vector<size_t> indi_, fam_;
  std::unordered_map<std::string, size_t> fam_index_;      // xref -> line
  std::unordered_map<std::string, int> person_index_;      // xref -> person
  std::unordered_map<std::string, size_t> note_index_;     // xref -> line
  std::vector<int> person_line_, partner_line_, link_line_, twin_line_, emo_line_, event_line_;
  // Child links declared on the INDI side: (person, family xref) -> kinds and line.
  struct FamcLink { int person; std::string fam; ChildKinds kinds; int line; };
  std::vector<FamcLink> famc_;
  std::unordered_map<std::string, std::vector<size_t>> famc_by_fam_;  // family xref -> famc_ entries
  struct Adoption { int person; std::string fam; std::string who; };
  std::vector<Adoption> adoptions_;
  std::unordered_map<std::string, std::vector<size_t>> adoptions_by_fam_;
  struct TwinPair { int a; std::string b; bool identical; int line; };
  std::vector<TwinPair> twin_pairs_;
  struct EmoLink { int a; std::string b; EmotionalKind kind; std::string note; int line; };
  std::vector<EmoLink> emos_;

  template <typename F>
  void Children(size_t i, F f) {
    for (size_t c = i + 1; c < l_[i].end; c = l_[c].end) f(c);
  }
  void Unused(size_t i) { rep_.Add(l_[i], UnusedReason(l_[i].tag), {{"tag", l_[i].tag}}); }
  void Missing(size_t i, std::string_view ptr) {
    rep_.Add(l_[i], "gedcom_pointer_missing", {{"xref", std::string(ptr)}});
  }

  void IndexRecords() {
    for (size_t i = 0; i < l_.size(); i = l_[i].end) {
      const GLine& r = l_[i];
      if (r.level != 0) { rep_.Add(r, "gedcom_line_no_record"); continue; }
      if (r.tag == "HEAD" || r.tag == "TRLR" || r.tag == "SUBM" || r.tag == "SUBN") continue;  // bookkeeping of the file
      if (r.tag == "INDI" || r.tag == "FAM" || r.tag == "NOTE") {
        if (!r.xref.empty()) {
          bool fresh = r.tag == "INDI" ? !person_index_.contains(r.xref)
                       : r.tag == "FAM" ? fam_index_.emplace(r.xref, i).second
                                        : note_index_.emplace(r.xref, i).second;
          if (!fresh) { rep_.Add(r, "gedcom_xref_duplicate", {{"xref", r.xref}}); continue; }
        } else if (r.tag != "INDI") {
          rep_.Add(r, "gedcom_record_no_xref");
          continue;
        }
        if (r.tag == "INDI") {
          Person p;
          p.id = r.xref.empty() ? "regel-" + std::to_string(r.number) : r.xref;
          if (!r.xref.empty()) person_index_.emplace(r.xref, static_cast<int>(g_.persons.size()));
          g_.persons.push_back(std::move(p));
          person_line_.push_back(r.number);
          indi_.push_back(i);
        } else if (r.tag == "FAM") {
          fam_.push_back(i);
        } else {
          Children(i, [&](size_t c) { Unused(c); });
        }
        continue;
      }
      rep_.Add(r, UnusedReason(r.tag), {{"tag", r.tag}});
    }
  }

  std::string NoteText(size_t i) {
    const std::string_view ptr = Pointer(l_[i].value);
    if (ptr.empty()) {
      Children(i, [&](size_t c) { Unused(c); });
      return Unescape(l_[i].value);
    }
    auto it = note_index_.find(std::string(ptr));
    if (it == note_index_.end()) { Missing(i, ptr); return ""; }
    return Unescape(l_[it->second].value);
  }

  struct Event {
    PartialDate date;
    std::string place, from, note, type, famc, adop;
  };
  Event ReadEvent(size_t i, bool keep_place) {
    Event e;
    Children(i, [&](size_t c) {
      const std::string& t = l_[c].tag;
      if (t == "DATE") {
        e.date = ParseDate(l_[c].value);
        Children(c, [&](size_t d) { Unused(d); });
      } else if (t == "PLAC" && keep_place) {
        e.place = Unescape(TrimView(l_[c].value));
        Children(c, [&](size_t d) { Unused(d); });
      } else if (t == "_FROM" && keep_place) {
        e.from = Unescape(TrimView(l_[c].value));
      } else if (t == "NOTE") {
        const std::string n = NoteText(c);
        if (!n.empty()) e.note += (e.note.empty() ? "" : "\n") + n;
      } else if (t == "TYPE") {
        e.type = Unescape(TrimView(l_[c].value));
      } else if (t == "FAMC" && l_[i].tag == "ADOP") {
        e.famc = std::string(Pointer(l_[c].value));
        Children(c, [&](size_t d) {
          if (l_[d].tag == "ADOP") e.adop = Upper(TrimView(l_[d].value));
          else Unused(d);
        });
      } else if (t == "PLAC") {
        rep_.Add(l_[c], "gedcom_family_place_not_kept");
      } else {
        Unused(c);
      }
    });
    return e;
  }

  void AddEvent(int person, EventKind kind, const Event& e, std::string description, std::string tag, int line) {
    LifeEvent ev;
    ev.id = "E" + std::to_string(g_.events.size() + 1);
    ev.person_id = g_.persons[person].id;
    ev.kind = kind;
    ev.date = e.date;
    ev.place = e.place;
    ev.place_from = e.from;
    ev.source_tag = std::move(tag);
    if (!e.note.empty()) description += (description.empty() ? "" : "\n") + e.note;
    ev.description = std::move(description);
    g_.events.push_back(std::move(ev));
    event_line_.push_back(line);
  }

  void ReadName(Person& p, size_t i) {
    std::string v = Unescape(l_[i].value);
    const size_t a = v.find('/');
    if (a != std::string::npos) {
      const size_t b = v.find('/', a + 1);
      const std::string surname(TrimView(std::string_view(v).substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1)));
      std::string given(TrimView(std::string_view(v).substr(0, a)));
      if (b != std::string::npos) {
        const std::string_view suffix = TrimView(std::string_view(v).substr(b + 1));
        if (!suffix.empty()) given += (given.empty() ? "" : " ") + std::string(suffix);
      }
      p.given_names = given;
      p.surname = surname;
    } else {
      p.given_names = std::string(TrimView(v));
    }
    Children(i, [&](size_t c) {
      const std::string& t = l_[c].tag;
      if (t == "GIVN") { if (p.given_names.empty()) p.given_names = Unescape(TrimView(l_[c].value)); }
      else if (t == "SURN") { if (p.surname.empty()) p.surname = Unescape(TrimView(l_[c].value)); }
      else if (t == "NICK") p.role_label = Unescape(TrimView(l_[c].value));
      else Unused(c);
    });
  }

  // `self`: the person made for this record (persons are made in record order).
  void ReadIndividual(size_t r, int self) {
    bool named = false;
    Children(r, [&](size_t c) {
      Person& p = g_.persons[self];
      const std::string& t = l_[c].tag;
      const int line = l_[c].number;
      if (t == "NAME") {
        if (named) { rep_.Add(l_[c], "gedcom_only_first_name"); return; }
        named = true;
        ReadName(p, c);
      } else if (t == "SEX") {
        const std::string v = Upper(TrimView(l_[c].value));
        if (v == "M") p.sex = Sex::kMale;
        else if (v == "F") p.sex = Sex::kFemale;
        else if (v == "X") p.sex = Sex::kOther;
        else if (v == "U" || v.empty()) p.sex = Sex::kUnknown;
        else rep_.Add(l_[c], "gedcom_sex_unknown");
      } else if (t == "_SYMBOL") {
        // Our own tag for the small genogram symbols (see ExportGedcom).
        if (auto kind = ParsePersonKind(Lower(TrimView(l_[c].value)))) p.kind = *kind;
        else rep_.Add(l_[c], "gedcom_symbol_unknown");
      } else if (t == "BIRT" || t == "DEAT") {
        Event e = ReadEvent(c, true);
        const bool birth = t == "BIRT";
        (birth ? p.birth : p.death) = e.date;
        if (!birth) p.deceased = true;
        std::string v = Unescape(TrimView(l_[c].value));
        if (Upper(v) == "Y") v.clear();
        if (!e.place.empty() || !e.note.empty() || !v.empty())
          AddEvent(self, birth ? EventKind::kBirth : EventKind::kDeath, e, v, "", line);
      } else if (const EventTag* et = FindEventTag(t)) {
        Event e = ReadEvent(c, true);
        std::string v = Unescape(TrimView(l_[c].value));
        if (Upper(v) == "Y") v.clear();
        if (t == "ADOP" && !e.famc.empty()) adoptions_.push_back({self, e.famc, e.adop.empty() ? "BOTH" : e.adop});
        AddEvent(self, et->kind, e, v, t, line);
      } else if (t == "EVEN" || t == "FACT") {
        Event e = ReadEvent(c, true);
        std::string v = Unescape(TrimView(l_[c].value));
        std::optional<EventKind> kind;
        for (int k = 0; k <= static_cast<int>(EventKind::kOther) && !e.type.empty(); ++k)
          if (Lower(DutchLabel(static_cast<EventKind>(k))) == Lower(e.type)) kind = static_cast<EventKind>(k);
        if (kind) AddEvent(self, *kind, e, v, "", line);
        else AddEvent(self, EventKind::kOther, e, e.type.empty() ? v : (v.empty() ? e.type : e.type + ": " + v), "", line);
      } else if (t == "FAMC") {
        const std::string ptr(Pointer(l_[c].value));
        if (!fam_index_.contains(ptr)) { Missing(c, ptr); return; }
        FamcLink link{self, ptr, {}, line};
        Children(c, [&](size_t d) {
          const std::string& dt = l_[d].tag;
          if (dt == "PEDI") {
            const std::string v = Lower(TrimView(l_[d].value));
            std::optional<ParentKind> k = v == "adopted" ? std::optional(ParentKind::kAdoptive)
                                          : v == "foster" ? std::optional(ParentKind::kFoster)
                                          : v == "birth" ? std::optional(ParentKind::kBiological)
                                                         : std::nullopt;
            if (!k) { rep_.Add(l_[d], "gedcom_pedigree_unknown", {{"value", l_[d].value}}); return; }
            link.kinds.father = link.kinds.mother = k;
          } else if (dt == "_FREL" || dt == "_MREL") {
            auto k = RelationWord(l_[d].value);
            if (!k) { rep_.Add(l_[d], "gedcom_relation_kind_unknown", {{"value", l_[d].value}}); return; }
            (dt == "_FREL" ? link.kinds.father : link.kinds.mother) = k;
          } else {
            Unused(d);
          }
        });
        famc_.push_back(std::move(link));
      } else if (t == "FAMS") {
        const std::string ptr(Pointer(l_[c].value));
        if (!fam_index_.contains(ptr)) Missing(c, ptr);
        Children(c, [&](size_t d) { Unused(d); });
      } else if (t == "NOTE") {
        const std::string n = NoteText(c);
        if (!n.empty()) p.note += (p.note.empty() ? "" : "\n") + n;
      } else if (t == "ASSO") {
        const std::string ptr(Pointer(l_[c].value));
        std::string rela;
        Children(c, [&](size_t d) {
          if (l_[d].tag == "RELA") rela = Lower(TrimView(l_[d].value));
          else Unused(d);
        });
        if (rela.find("twin") == std::string::npos && rela.find("tweeling") == std::string::npos) {
          rep_.Add(l_[c], "gedcom_asso_twins_only");
          return;
        }
        if (!person_index_.contains(ptr)) { Missing(c, ptr); return; }
        twin_pairs_.push_back({self, ptr, rela.find("identical") != std::string::npos || rela.find("eeneiig") != std::string::npos, line});
      } else if (t == "_EMOT") {
        const std::string ptr(Pointer(l_[c].value));
        std::optional<EmotionalKind> kind;
        std::string note;
        Children(c, [&](size_t d) {
          if (l_[d].tag == "TYPE") kind = ParseEmotionalKind(Lower(TrimView(l_[d].value)));
          else if (l_[d].tag == "NOTE") note = NoteText(d);
          else Unused(d);
        });
        if (!person_index_.contains(ptr)) { Missing(c, ptr); return; }
        if (!kind) { rep_.Add(l_[c], "gedcom_emotional_kind_unknown"); return; }
        emos_.push_back({self, ptr, *kind, note, line});
      } else {
        Unused(c);
      }
    });
  }

  void ReadFamily(size_t r) {
    const std::string& xref = l_[r].xref;
    int husb = -1, wife = -1;
    bool married = false, divorced = false, separated = false, cohabiting = false;
    PartialDate start, end;
    std::string note;
    struct Child { int person; ChildKinds kinds; int line; };
    std::vector<Child> children;
    auto spouse = [&](size_t c, int& slot) {
      const std::string ptr(Pointer(l_[c].value));
      Children(c, [&](size_t d) { Unused(d); });
      auto it = person_index_.find(ptr);
      if (it == person_index_.end()) { Missing(c, ptr); return; }
      if (slot >= 0) { rep_.Add(l_[c], "gedcom_family_slot_taken", {{"tag", l_[c].tag}}); return; }
      slot = it->second;
    };
    Children(r, [&](size_t c) {
      const std::string& t = l_[c].tag;
      if (t == "HUSB") spouse(c, husb);
      else if (t == "WIFE") spouse(c, wife);
      else if (t == "CHIL") {
        const std::string ptr(Pointer(l_[c].value));
        Child child{-1, {}, l_[c].number};
        Children(c, [&](size_t d) {
          if (l_[d].tag == "_FREL" || l_[d].tag == "_MREL") {
            auto k = RelationWord(l_[d].value);
            if (!k) { rep_.Add(l_[d], "gedcom_relation_kind_unknown", {{"value", l_[d].value}}); return; }
            (l_[d].tag == "_FREL" ? child.kinds.father : child.kinds.mother) = k;
          } else {
            Unused(d);
          }
        });
        auto it = person_index_.find(ptr);
        if (it == person_index_.end()) { Missing(c, ptr); return; }
        child.person = it->second;
        children.push_back(child);
      } else if (t == "MARR") {
        married = true;
        start = ReadEvent(c, false).date;
      } else if (t == "DIV") {
        divorced = true;
        end = ReadEvent(c, false).date;
      } else if (t == "_SEPR") {
        separated = true;
        end = ReadEvent(c, false).date;
      } else if (t == "EVEN" && !married) {
        Event e = ReadEvent(c, false);
        const std::string type = Lower(e.type);
        if (type == "samenwonen" || type == "samenwonend" || type == "cohabiting" || type == "cohabitation") {
          cohabiting = true;
          start = e.date;
        } else {
          rep_.Add(l_[c], "gedcom_family_event_not_used");
        }
      } else if (t == "NOTE") {
        const std::string n = NoteText(c);
        if (!n.empty()) note += (note.empty() ? "" : "\n") + n;
      } else {
        Unused(c);
      }
    });
    if (husb >= 0 && wife >= 0 && husb != wife) {
      PartnerRelation rel;
      rel.id = xref;
      rel.a = g_.persons[husb].id;
      rel.b = g_.persons[wife].id;
      rel.kind = married ? PartnerKind::kMarried : cohabiting ? PartnerKind::kCohabiting : PartnerKind::kRelationship;
      const bool widowed = married && (g_.persons[husb].deceased || g_.persons[wife].deceased);
      rel.state = divorced ? PartnerState::kDivorced : separated ? PartnerState::kSeparated
                  : widowed ? PartnerState::kWidowed : PartnerState::kTogether;
      rel.start = start;
      rel.end = end;
      rel.note = note;
      g_.partners.push_back(std::move(rel));
      partner_line_.push_back(l_[r].number);
    } else if (married || divorced) {
      rep_.Add(l_[r], "gedcom_marriage_without_partners");
    }
    // Children named on the INDI side (FAMC) count too; their PEDI/_FREL/_MREL fill gaps.
    auto by_fam = famc_by_fam_.find(xref);
    for (size_t k : by_fam == famc_by_fam_.end() ? std::vector<size_t>{} : by_fam->second) {
      const FamcLink& link = famc_[k];
      auto it = std::find_if(children.begin(), children.end(), [&](const Child& c) { return c.person == link.person; });
      if (it == children.end()) {
        children.push_back({link.person, link.kinds, link.line});
      } else {
        if (!it->kinds.father) it->kinds.father = link.kinds.father;
        if (!it->kinds.mother) it->kinds.mother = link.kinds.mother;
      }
    }
    if (husb < 0 && wife < 0 && !children.empty())
      rep_.Add(l_[r], "gedcom_family_without_parents");
    std::set<int> seen;
    for (const Child& child : children) {
      if (!seen.insert(child.person).second) continue;
      ChildKinds kinds = child.kinds;
      auto adopted = adoptions_by_fam_.find(xref);
      for (size_t k : adopted == adoptions_by_fam_.end() ? std::vector<size_t>{} : adopted->second)
        if (const Adoption& a = adoptions_[k]; a.person == child.person) {
          if (a.who != "WIFE") kinds.father = ParentKind::kAdoptive;
          if (a.who != "HUSB") kinds.mother = ParentKind::kAdoptive;
        }
      for (auto [parent, kind, suffix] : {std::tuple{husb, kinds.father, "a"}, std::tuple{wife, kinds.mother, "b"}}) {
        if (parent < 0 || parent == child.person) continue;
        g_.parent_child.push_back({xref + "-" + g_.persons[child.person].id + "-" + suffix, g_.persons[parent].id,
                                   g_.persons[child.person].id, kind.value_or(ParentKind::kBiological)});
        link_line_.push_back(child.line);
      }
    }
  }

  void BuildTwins() {
    std::vector<int> uf(g_.persons.size());
    std::iota(uf.begin(), uf.end(), 0);
    auto root = [&](int x) {
      while (uf[x] != x) x = uf[x] = uf[uf[x]];
      return x;
    };
    std::map<int, bool> identical;
    std::map<int, int> line;
    for (const auto& t : twin_pairs_) {
      const int b = person_index_[t.b];
      if (b == t.a) continue;
      uf[root(b)] = root(t.a);
    }
    for (const auto& t : twin_pairs_) {
      const int r = root(t.a);
      identical[r] = identical[r] || t.identical;
      if (!line.contains(r)) line[r] = t.line;
    }
    std::map<int, std::vector<int>> groups;
    for (size_t p = 0; p < g_.persons.size(); ++p)
      if (identical.contains(root(static_cast<int>(p)))) groups[root(static_cast<int>(p))].push_back(static_cast<int>(p));
    for (const auto& [r, members] : groups) {
      if (members.size() < 2) continue;
      TwinGroup t;
      t.id = "tweeling-" + g_.persons[members[0]].id;
      for (int m : members) t.person_ids.push_back(g_.persons[m].id);
      t.identical = identical[r];
      g_.twins.push_back(std::move(t));
      twin_line_.push_back(line[r]);
    }
    for (const auto& e : emos_) {
      g_.emotional.push_back({"emo-" + std::to_string(g_.emotional.size() + 1), g_.persons[e.a].id,
                              g_.persons[person_index_[e.b]].id, e.kind, e.note});
      emo_line_.push_back(e.line);
    }
  }

  // The model refuses what cannot be true (a child born before a parent, someone their own
  // ancestor). Leave out exactly the item it names, say so, and check again.
  void DropWhatTheModelRefuses() {
    for (int round = 0; round < 50; ++round) {
      const auto problems = FindProblems(g_);
      if (problems.empty()) return;
      std::map<std::string, std::set<size_t>> drop;
      for (const auto& p : problems) {
        const size_t open = p.field.find('['), close = p.field.find(']');
        if (open == std::string::npos || close == std::string::npos) continue;
        const std::string collection = p.field.substr(0, open);
        const size_t index = std::stoul(p.field.substr(open + 1, close - open - 1));
        const std::string sub = p.field.substr(close + 1);
        if (collection == "persons") {
          if (sub == ".death" && index < g_.persons.size()) {
            rep_.Add(person_line_[index], g_.persons[index].id, p.code, p.params, "gedcom_left_out_death");
            g_.persons[index].death = {};
          }
          continue;
        }
        if (collection == "partners" && sub == ".end" && index < g_.partners.size()) {
          rep_.Add(partner_line_[index], g_.partners[index].id, p.code, p.params, "gedcom_left_out_end");
          g_.partners[index].end = {};
          continue;
        }
        drop[collection].insert(index);
      }
      Drop(g_.partners, partner_line_, drop["partners"], problems, "partners");
      Drop(g_.parent_child, link_line_, drop["parent_child"], problems, "parent_child");
      Drop(g_.twins, twin_line_, drop["twins"], problems, "twins");
      Drop(g_.emotional, emo_line_, drop["emotional"], problems, "emotional");
      Drop(g_.events, event_line_, drop["events"], problems, "events");
    }
  }

  template <typename T>
  void Drop(std::vector<T>& items, std::vector<int>& lines, const std::set<size_t>& which, const std::vector<Problem>& problems,
            const std::string& collection) {
    for (auto it = which.rbegin(); it != which.rend(); ++it) {
      if (*it >= items.size()) continue;
      const Problem* problem = nullptr;
      const std::string prefix = collection + "[" + std::to_string(*it) + "]";
      for (const auto& p : problems)
        if (p.field.rfind(prefix, 0) == 0) { problem = &p; break; }
      rep_.Add(lines[*it], items[*it].id, problem ? problem->code : "gedcom_item_refused",
               problem ? problem->params : Params{}, "gedcom_left_out_item");
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(*it));
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(*it));
    }
  }
};

}  // namespace

Result<ImportResult> ImportGedcom(std::string_view bytes) {
  if (bytes.size() > kMaxGedcomBytes)
    return Status(Code::kPayloadTooLarge, "gedcom_too_large", {{"max", "50 MiB"}});
  ImportReport report;
  Report rep(report);
  ASSIGN_OR_RETURN(std::string text, Decode(bytes, report.charset));
  std::vector<GLine> lines;
  RETURN_IF_ERROR(ParseLines(text, lines, report, rep));
  if (lines.empty() || report.records == 0)
    return Status(Code::kInvalidArgument, "gedcom_empty").WithSlug("gedcom-empty");
  // A GEDCOM file starts with its header record. Without it, this is some other file whose
  // bytes happen to hold a line that looks like GEDCOM: refuse it rather than guess.
  if (lines.front().level != 0 || lines.front().tag != "HEAD")
    return Status(Code::kInvalidArgument, "gedcom_no_head").WithSlug("gedcom-no-head");
  Importer importer(lines, report, rep);
  return importer.Run();
}

std::string DescribeImport(const ImportResult& result,
                           const std::function<std::string(const UnusedLine&)>& reason_text) {
  const Genogram& g = result.genogram;
  const ImportReport& r = result.report;
  std::unordered_map<std::string_view, const Person*> persons;
  for (const auto& p : g.persons) persons.emplace(p.id, &p);
  auto name = [&](const std::string& id) {
    auto it = persons.find(id);
    return it == persons.end() ? id : DisplayName(*it->second);
  };
  std::string out = "Proefimport (er is nog niets opgeslagen).\nTekenset: " + r.charset + ". " + std::to_string(r.lines) +
                    " regels, " + std::to_string(r.records) + " records.\n";
  out += "Dit wordt gemaakt: " + std::to_string(g.persons.size()) + " personen, " + std::to_string(g.partners.size()) +
         " partnerrelaties, " + std::to_string(g.parent_child.size()) + " ouder-kindrelaties, " +
         std::to_string(g.twins.size()) + " tweelingen, " + std::to_string(g.emotional.size()) +
         " emotionele relaties, " + std::to_string(g.events.size()) + " gebeurtenissen.\n\nPersonen:\n";
  for (const auto& p : g.persons) {
    out += "- " + DisplayName(p);
    if (!p.birth.empty()) out += ", geboren " + FormatDutchDate(p.birth);
    if (p.deceased) out += p.death.empty() ? ", overleden" : ", overleden " + FormatDutchDate(p.death);
    out += "\n";
  }
  out += "\nRelaties:\n";
  for (const auto& rel : g.partners)
    out += "- " + name(rel.a) + " en " + name(rel.b) + ": " + std::string(DutchLabel(rel.kind)) + ", " + std::string(DutchLabel(rel.state)) + "\n";
  for (const auto& l : g.parent_child)
    out += "- " + name(l.child_id) + " is " + std::string(DutchLabel(l.kind)) + " van " + name(l.parent_id) + "\n";
  for (const auto& t : g.twins) {
    out += std::string("- ") + (t.identical ? "eeneiige tweeling:" : "tweeling:");
    for (const auto& id : t.person_ids) out += " " + name(id);
    out += "\n";
  }
  for (const auto& e : g.emotional) out += "- " + name(e.a) + " en " + name(e.b) + ": " + std::string(DutchLabel(e.kind)) + "\n";
  out += "\nGebeurtenissen:\n";
  for (const auto& e : g.events) {
    out += "- " + name(e.person_id) + ": " + std::string(DutchLabel(e.kind));
    if (!e.date.empty()) out += ", " + FormatDutchDate(e.date);
    if (!e.place.empty()) out += ", " + e.place;
    out += "\n";
  }
  out += "\nNiet gebruikt (" + std::to_string(r.unused.size() + r.unused_not_listed) + " regels):\n";
  for (const auto& u : r.unused) out += "- regel " + std::to_string(u.line) + " \"" + u.text + "\": " + reason_text(u) + "\n";
  if (r.unused_not_listed) out += "- en nog " + std::to_string(r.unused_not_listed) + " regels.\n";
  return out;
}

// ---------------------------------------------------------------------------------------------
// Export.

namespace {

class Writer {
 public:
  std::string out;
  void Line(int level, std::string_view tag, std::string_view value = {}) {
    out += std::to_string(level);
    out += ' ';
    out += tag;
    if (!value.empty()) {
      out += ' ';
      out += value;
    }
    out += '\n';
  }
  // Free text: @ doubled, newlines as CONT, long lines split with CONC at a character boundary
  // that is not next to a space (some readers trim spaces at the ends of lines).
  void Text(int level, std::string_view tag, std::string_view text) {
    std::string escaped;
    for (char c : text) {
      if (c == '@') escaped += "@@";
      else if (c != '\r') escaped += c;
    }
    size_t start = 0;
    bool first = true;
    while (true) {
      const size_t nl = escaped.find('\n', start);
      std::string_view piece = std::string_view(escaped).substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      bool first_chunk = true;
      do {
        size_t take = piece.size();
        if (take > 200) {
          take = 200;
          while (take > 150 && ((static_cast<unsigned char>(piece[take]) & 0xC0) == 0x80 || piece[take] == ' ' || piece[take - 1] == ' ')) --take;
          while (take > 0 && (static_cast<unsigned char>(piece[take]) & 0xC0) == 0x80) --take;
        }
        const std::string_view chunk = piece.substr(0, take);
        if (first) Line(level, tag, chunk);
        else Line(level + 1, first_chunk ? "CONT" : "CONC", chunk);
        first = false;
        first_chunk = false;
        piece.remove_prefix(take);
      } while (!piece.empty());
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
};

std::string OneLine(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : (c == '@' ? '@' : c);
  std::string escaped;
  for (char c : out) escaped += c == '@' ? std::string("@@") : std::string(1, c);
  return escaped;
}

std::string_view RelationValue(ParentKind k) {
  switch (k) {
    case ParentKind::kBiological: return "Natural";
    case ParentKind::kAdoptive: return "Adopted";
    case ParentKind::kFoster: return "Foster";
    case ParentKind::kStep: return "Step";
  }
  return "Natural";
}

}  // namespace

ExportResult ExportGedcom(const Genogram& g, const ExportOptions& options) {
  ExportResult result;
  const size_t n = g.persons.size();
  std::unordered_map<std::string_view, int> index;
  for (size_t i = 0; i < n; ++i) index.emplace(g.persons[i].id, static_cast<int>(i));
  auto find = [&](std::string_view id) {
    auto it = index.find(id);
    return it == index.end() ? -1 : it->second;
  };
  auto xref = [](int i) { return "@I" + std::to_string(i + 1) + "@"; };

  struct Fam {
    int husb = -1, wife = -1;
    const PartnerRelation* relation = nullptr;
    std::vector<std::tuple<int, ParentKind, ParentKind>> children;  // child, father's kind, mother's kind
  };
  std::vector<Fam> fams;
  std::map<std::pair<int, int>, size_t> fam_of;
  auto place = [&](int a, int b) {  // husband left: by sex, else as given
    if (b >= 0 && g.persons[a].sex == Sex::kFemale && g.persons[b].sex != Sex::kFemale) std::swap(a, b);
    if (b < 0 && g.persons[a].sex == Sex::kFemale) return std::make_pair(-1, a);
    return std::make_pair(a, b);
  };
  auto fam_for = [&](int a, int b, const PartnerRelation* rel) {
    const std::pair<int, int> key(b < 0 ? a : std::min(a, b), b < 0 ? -1 : std::max(a, b));
    auto [it, fresh] = fam_of.emplace(key, fams.size());
    if (fresh) {
      Fam f;
      std::tie(f.husb, f.wife) = place(a, b);
      f.relation = rel;
      fams.push_back(f);
    }
    return it->second;
  };
  for (const auto& r : g.partners) {
    const int a = find(r.a), b = find(r.b);
    if (a >= 0 && b >= 0 && a != b) fam_for(a, b, &r);
  }
  bool implicit_pairs = false, step = false;
  std::vector<std::vector<std::pair<int, ParentKind>>> parents(n);
  for (const auto& l : g.parent_child) {
    const int p = find(l.parent_id), c = find(l.child_id);
    if (p >= 0 && c >= 0 && p != c) parents[c].push_back({p, l.kind});
    step = step || l.kind == ParentKind::kStep;
  }
  std::vector<std::vector<size_t>> famc(n), fams_of(n);
  for (size_t c = 0; c < n; ++c) {
    auto& ps = parents[c];
    std::vector<char> used(ps.size(), 0);
    auto add_child = [&](size_t f, int p1, ParentKind k1, int p2, ParentKind k2) {
      ParentKind father = ParentKind::kBiological, mother = ParentKind::kBiological;
      for (auto [p, k] : {std::pair{p1, k1}, std::pair{p2, k2}}) {
        if (p < 0) continue;
        (p == fams[f].husb ? father : mother) = k;
      }
      if (fams[f].husb < 0) father = mother;
      if (fams[f].wife < 0) mother = father;
      fams[f].children.push_back({static_cast<int>(c), father, mother});
      famc[c].push_back(f);
    };
    // Parents who are partners first, then two of the same kind, then one by one. Pairs are
    // looked for among the first few parents only, so a file with thousands of foster parents
    // for one child cannot make this quadratic.
    const size_t pairable = std::min<size_t>(ps.size(), 8);
    for (int pass = 0; pass < 2; ++pass)
      for (size_t i = 0; i < pairable; ++i)
        for (size_t j = i + 1; j < pairable && !used[i]; ++j) {
          if (used[j]) continue;
          const std::pair<int, int> key(std::min(ps[i].first, ps[j].first), std::max(ps[i].first, ps[j].first));
          const bool partners = fam_of.contains(key) && fams[fam_of[key]].relation;
          if (pass == 0 ? !partners : ps[i].second != ps[j].second) continue;
          if (pass == 1) implicit_pairs = true;
          add_child(fam_for(ps[i].first, ps[j].first, nullptr), ps[i].first, ps[i].second, ps[j].first, ps[j].second);
          used[i] = used[j] = 1;
        }
    for (size_t i = 0; i < ps.size(); ++i)
      if (!used[i]) add_child(fam_for(ps[i].first, -1, nullptr), ps[i].first, ps[i].second, -1, ps[i].second);
  }
  for (size_t f = 0; f < fams.size(); ++f) {
    if (fams[f].husb >= 0) fams_of[fams[f].husb].push_back(f);
    if (fams[f].wife >= 0) fams_of[fams[f].wife].push_back(f);
  }

  Writer w;
  w.Line(0, "HEAD");
  w.Line(1, "SOUR", "KANSRIJK");
  w.Line(2, "NAME", "kansrijk");
  if (!options.date.empty()) w.Line(1, "DATE", OneLine(options.date));
  w.Line(1, "SUBM", "@SUBM1@");
  w.Line(1, "GEDC");
  w.Line(2, "VERS", "5.5.1");
  w.Line(2, "FORM", "LINEAGE-LINKED");
  w.Line(1, "CHAR", "UTF-8");
  w.Line(0, "@SUBM1@ SUBM");
  w.Line(1, "NAME", "kansrijk");

  std::vector<std::vector<const LifeEvent*>> events(n);
  for (const auto& e : g.events)
    if (int p = find(e.person_id); p >= 0) events[p].push_back(&e);
  // Each twin points at the next one of its group: a chain, which the import joins back into one
  // group, and linear in the size of the group.
  std::vector<std::vector<std::pair<int, bool>>> twins(n);
  for (const auto& t : g.twins)
    for (size_t k = 0; k + 1 < t.person_ids.size(); ++k)
      if (find(t.person_ids[k]) >= 0 && find(t.person_ids[k + 1]) >= 0)
        twins[find(t.person_ids[k])].push_back({find(t.person_ids[k + 1]), t.identical});
  std::vector<std::vector<const EmotionalRelation*>> emotional(n);
  for (const auto& e : g.emotional)
    if (find(e.a) >= 0 && find(e.b) >= 0) emotional[find(e.a)].push_back(&e);
  bool other_sex = false, dropped = false, from = false, with_whom = false, pregnancies = false;
  auto date_line = [&](const PartialDate& d) {
    if (!d.empty()) w.Line(2, "DATE", OneLine(FormatGedcomDate(d)));
  };
  for (size_t i = 0; i < n; ++i) {
    const Person& p = g.persons[i];
    w.Line(0, xref(static_cast<int>(i)) + " INDI");
    w.Line(1, "NAME", OneLine(p.given_names) + " /" + OneLine(p.surname) + "/");
    if (!p.role_label.empty()) w.Line(2, "NICK", OneLine(p.role_label));
    w.Line(1, "SEX", p.sex == Sex::kMale ? "M" : p.sex == Sex::kFemale ? "F" : p.sex == Sex::kOther ? "X" : "U");
    other_sex = other_sex || p.sex == Sex::kOther;
    if (p.kind != PersonKind::kBorn) {
      std::string kind(ToString(p.kind));
      for (auto& ch : kind) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      w.Line(1, "_SYMBOL", kind);
      pregnancies = true;
    }
    dropped = dropped || !p.theme_ids.empty() || p.index_person || p.in_household;
    for (bool birth : {true, false}) {
      const PartialDate& d = birth ? p.birth : p.death;
      const LifeEvent* e = nullptr;
      for (const auto* ev : events[i])
        if (ev->kind == (birth ? EventKind::kBirth : EventKind::kDeath)) { e = ev; break; }
      if (d.empty() && !e && (birth || !p.deceased)) continue;
      const PartialDate& date = d.empty() && e ? e->date : d;
      const bool bare = date.empty() && (!e || (e->place.empty() && e->description.empty()));
      w.Line(1, birth ? "BIRT" : "DEAT", !birth && bare ? "Y" : "");
      date_line(date);
      if (e && !e->place.empty()) w.Line(2, "PLAC", OneLine(e->place));
      if (e && !e->description.empty()) w.Text(2, "NOTE", e->description);
    }
    bool first_birth = true, first_death = true;
    for (const auto* e : events[i]) {
      if (e->kind == EventKind::kBirth && std::exchange(first_birth, false)) continue;
      if (e->kind == EventKind::kDeath && std::exchange(first_death, false)) continue;
      std::string tag;
      if (!e->source_tag.empty() && FindEventTag(e->source_tag)) tag = e->source_tag;
      else if (e->kind == EventKind::kMove) tag = "RESI";
      else if (e->kind == EventKind::kDiploma) tag = "GRAD";
      else if (e->kind == EventKind::kNewJob) tag = "OCCU";
      else tag = "EVEN";
      w.Line(1, tag);
      bool description_done = false;
      if (tag == "EVEN") {
        if (e->kind == EventKind::kOther) {
          w.Line(2, "TYPE", OneLine(e->description.empty() ? "Gebeurtenis" : e->description));
          description_done = true;
        } else {
          w.Line(2, "TYPE", DutchLabel(e->kind));
        }
      }
      date_line(e->date);
      if (!e->place.empty()) w.Line(2, "PLAC", OneLine(e->place));
      if (!e->place_from.empty()) { w.Line(2, "_FROM", OneLine(e->place_from)); from = true; }
      if (!description_done && !e->description.empty()) w.Text(2, "NOTE", e->description);
      with_whom = with_whom || !e->other_person_id.empty();
    }
    for (size_t f : famc[i]) {
      w.Line(1, "FAMC", "@F" + std::to_string(f + 1) + "@");
      for (const auto& [child, father, mother] : fams[f].children)
        if (child == static_cast<int>(i) && father == mother && (father == ParentKind::kAdoptive || father == ParentKind::kFoster))
          w.Line(2, "PEDI", father == ParentKind::kAdoptive ? "adopted" : "foster");
    }
    for (size_t f : fams_of[i]) w.Line(1, "FAMS", "@F" + std::to_string(f + 1) + "@");
    for (auto [other, identical] : twins[i]) {
      w.Line(1, "ASSO", xref(other));
      w.Line(2, "RELA", identical ? "Identical twin" : "Twin");
    }
    for (const EmotionalRelation* e : emotional[i]) {
      w.Line(1, "_EMOT", xref(find(e->b)));
      w.Line(2, "TYPE", ToString(e->kind));
      if (!e->note.empty()) w.Text(2, "NOTE", e->note);
    }
    if (!p.note.empty()) w.Text(1, "NOTE", p.note);
  }
  for (size_t f = 0; f < fams.size(); ++f) {
    const Fam& fam = fams[f];
    w.Line(0, "@F" + std::to_string(f + 1) + "@ FAM");
    if (fam.husb >= 0) w.Line(1, "HUSB", xref(fam.husb));
    if (fam.wife >= 0) w.Line(1, "WIFE", xref(fam.wife));
    for (const auto& [child, father, mother] : fam.children) {
      w.Line(1, "CHIL", xref(child));
      if (father != ParentKind::kBiological || mother != ParentKind::kBiological) {
        if (fam.husb >= 0) w.Line(2, "_FREL", RelationValue(father));
        if (fam.wife >= 0) w.Line(2, "_MREL", RelationValue(mother));
      }
    }
    if (const PartnerRelation* r = fam.relation) {
      if (r->kind == PartnerKind::kMarried) {
        w.Line(1, "MARR", r->start.empty() ? "Y" : "");
        date_line(r->start);
      } else if (r->kind == PartnerKind::kCohabiting) {
        w.Line(1, "EVEN");
        w.Line(2, "TYPE", "Samenwonen");
        date_line(r->start);
      }
      if (r->state == PartnerState::kDivorced || r->state == PartnerState::kSeparated) {
        w.Line(1, r->state == PartnerState::kDivorced ? "DIV" : "_SEPR", r->end.empty() ? "Y" : "");
        date_line(r->end);
      }
      if (!r->note.empty()) w.Text(1, "NOTE", r->note);
    }
  }
  w.Line(0, "TRLR");
  result.gedcom = std::move(w.out);

  if (!g.emotional.empty())
    result.notes.push_back("Emotionele relaties staan in het eigen veld _EMOT; andere stamboomprogramma's slaan dat meestal over.");
  if (dropped) result.notes.push_back("Thema's, de hoofdpersoon en wie in het huishouden woont, staan niet in een stamboombestand. Die zijn weggelaten.");
  if (pregnancies)
    result.notes.push_back("Zwangerschappen, miskramen en doodgeboren kinderen staan er met het eigen veld _SYMBOL; "
                           "andere programma's tonen ze als gewone persoon.");
  if (other_sex) result.notes.push_back("Geslacht 'anders' staat er als SEX X (uit GEDCOM 7); niet elk programma kent dat.");
  if (step) result.notes.push_back("Stiefkinderen staan er als _FREL/_MREL Step: GEDCOM 5.5.1 kent geen stiefkind.");
  if (implicit_pairs) result.notes.push_back("Ouders zonder vastgelegde relatie staan samen in één gezin (FAM) zonder huwelijk.");
  if (from) result.notes.push_back("Waar iemand vandaan verhuisde staat in het eigen veld _FROM bij de woonplaats (RESI).");
  if (with_whom) result.notes.push_back("Met wie iemand contact verbrak of zich verzoende staat niet in het bestand.");
  if (!g.twins.empty()) result.notes.push_back("Tweelingen staan er als relatie (ASSO) met RELA Twin of Identical twin.");
  return result;
}

}  // namespace kansrijk::genogram
