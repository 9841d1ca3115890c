// Test-data builders for genogram tests: valid defaults, so each test states only what matters.
// Header-only and included by *_test.cc and the benchmark only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>
#include <utility>

#include "genogram/model.h"

namespace kansrijk::genogram::testing {

class Builder {
 public:
  Builder() { g_.themes = DefaultThemes(); }

  // A person; `birth` in date syntax ("1950", "ABT 1950", "1950-03-12"), given name = id.
  Builder& Man(const std::string& id, const std::string& birth = "") { return Add(id, Sex::kMale, birth); }
  Builder& Woman(const std::string& id, const std::string& birth = "") { return Add(id, Sex::kFemale, birth); }
  Builder& Add(const std::string& id, Sex sex, const std::string& birth = "") {
    Person p;
    p.id = id;
    p.given_names = id;
    p.sex = sex;
    p.birth = ParseDate(birth);
    g_.persons.push_back(std::move(p));
    return *this;
  }
  Person& Last() { return g_.persons.back(); }
  Person& Get(const std::string& id) { return g_.persons[g_.FindPerson(id)]; }

  Builder& Partners(const std::string& a, const std::string& b, PartnerKind kind = PartnerKind::kMarried,
                    PartnerState state = PartnerState::kTogether) {
    g_.partners.push_back({"r-" + a + "-" + b, a, b, kind, state, {}, {}, {}});
    return *this;
  }
  // Links child to each parent given (one or two).
  Builder& Child(const std::string& child, const std::string& parent1, const std::string& parent2 = "",
                 ParentKind kind = ParentKind::kBiological) {
    g_.parent_child.push_back({"pc-" + parent1 + "-" + child, parent1, child, kind});
    if (!parent2.empty()) g_.parent_child.push_back({"pc-" + parent2 + "-" + child, parent2, child, kind});
    return *this;
  }
  Builder& Emotional(const std::string& a, const std::string& b, EmotionalKind kind) {
    g_.emotional.push_back({"e-" + a + "-" + b, a, b, kind, {}});
    return *this;
  }
  Builder& Event(const std::string& person, EventKind kind, const std::string& date = "", const std::string& description = "") {
    g_.events.push_back({"ev" + std::to_string(g_.events.size()), person, kind, ParseDate(date), description, {}, {}, {}, {}});
    return *this;
  }
  Builder& Theme(const std::string& person, const std::string& theme) {
    Get(person).theme_ids.push_back(theme);
    return *this;
  }
  Builder& Twins(const std::string& a, const std::string& b, bool identical) {
    g_.twins.push_back({"t-" + a + "-" + b, {a, b}, identical});
    return *this;
  }
  Genogram& genogram() { return g_; }
  Genogram Build() const { return g_; }

 private:
  Genogram g_;
};

// Three generations around an index child: both grandparent couples, parents (divorced), the
// father's second partner and a half-sibling, an aunt. Used by layout, SVG and pattern tests.
inline Builder ThreeGenerations() {
  Builder b;
  b.Man("opa_v", "1940").Woman("oma_v", "ABT 1942").Man("opa_m", "1938").Woman("oma_m", "1945");
  b.Man("vader", "1965").Woman("moeder", "1968").Woman("tante", "1970").Woman("nieuwe", "1975");
  b.Woman("kind1", "1990-04-02").Man("kind2", "1993").Man("halfbroer", "2005");
  b.Partners("opa_v", "oma_v").Partners("opa_m", "oma_m");
  b.Partners("vader", "moeder", PartnerKind::kMarried, PartnerState::kDivorced);
  b.Partners("vader", "nieuwe", PartnerKind::kCohabiting);
  b.Child("vader", "opa_v", "oma_v").Child("moeder", "opa_m", "oma_m").Child("tante", "opa_m", "oma_m");
  b.Child("kind1", "vader", "moeder").Child("kind2", "vader", "moeder").Child("halfbroer", "vader", "nieuwe");
  b.Get("kind1").index_person = true;
  for (auto id : {"moeder", "kind1", "kind2"}) b.Get(id).in_household = true;
  return b;
}

// A deterministic family of about `target` persons over many generations: founder couples,
// 1–4 children each, most children with a partner who married in, some with a second partner,
// themes and events scattered so patterns exist. For scale tests and benchmarks.
inline Genogram Synthetic(size_t target, uint32_t seed = 1) {
  Builder b;
  uint32_t state = seed;
  auto rnd = [&](uint32_t n) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % n;
  };
  struct Couple { std::string a, b; int year; };
  std::vector<Couple> queue;
  size_t head = 0;
  int next = 0;
  auto person = [&](bool male, int year) {
    const std::string id = "p" + std::to_string(next++);
    b.Add(id, male ? Sex::kMale : Sex::kFemale, std::to_string(year));
    if (rnd(5) == 0) b.Theme(id, rnd(2) ? "schulden" : "sportief");
    if (rnd(6) == 0) b.Event(id, rnd(2) ? EventKind::kJobLoss : EventKind::kDiploma, std::to_string(year + 20));
    return id;
  };
  while (b.genogram().persons.size() < target) {
    if (head == queue.size()) {
      const std::string a = person(true, 1900), w = person(false, 1902);
      b.Partners(a, w);
      queue.push_back({a, w, 1925});
    }
    const Couple c = queue[head++];
    const uint32_t children = 1 + rnd(4);
    for (uint32_t k = 0; k < children && b.genogram().persons.size() < target; ++k) {
      const bool male = rnd(2);
      const std::string child = person(male, c.year + static_cast<int>(k) * 2);
      b.Child(child, c.a, c.b);
      if (rnd(10) < 6 && b.genogram().persons.size() < target) {
        const std::string partner = person(!male, c.year + static_cast<int>(k) * 2 + 1);
        male ? b.Partners(child, partner) : b.Partners(partner, child);
        queue.push_back({male ? child : partner, male ? partner : child, c.year + 27});
        if (rnd(10) == 0 && b.genogram().persons.size() < target) {
          const std::string second = person(!male, c.year + static_cast<int>(k) * 2 + 5);
          male ? b.Partners(child, second, PartnerKind::kCohabiting) : b.Partners(second, child, PartnerKind::kCohabiting);
          queue.push_back({male ? child : second, male ? second : child, c.year + 35});
        }
      }
    }
  }
  return b.Build();
}

}  // namespace kansrijk::genogram::testing
