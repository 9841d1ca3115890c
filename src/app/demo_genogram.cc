#include "app/demo_genogram.h"

#include <array>
#include <functional>

#include "genogram/record.h"
#include "genogram/repo.h"
#include "genogram/service.h"

namespace kansrijk::app {

using namespace genogram;

namespace {

// Writes what it adds straight away and keeps the whole genogram in memory for the final check.
class DemoWriter {
 public:
  DemoWriter(db::Connection& tx, std::string family_id, FamilyGenogram& g)
      : tx_(tx), family_id_(std::move(family_id)), g_(g) {}

  Result<std::string> Person(const std::string& given, const std::string& role_label, Sex sex, const std::string& birth,
                             bool deceased, std::vector<std::string> themes = {}) {
    PersonRecord r;
    r.person.given_names = given;
    r.person.role_label = role_label;
    r.person.sex = sex;
    r.person.birth = genogram::ParseDate(birth);
    r.person.deceased = deceased;
    r.person.theme_ids = std::move(themes);
    r.details = Details::kMinimal;
    RETURN_IF_ERROR(GenogramRepo::InsertPerson(tx_, family_id_, r));
    g_.persons.push_back(r);
    return r.person.id;
  }

  Status Relation(RelationType type, const std::string& a, const std::string& b, const std::string& kind,
                  const std::string& state = "", const std::string& start = "", const std::string& end = "") {
    RelationRecord r;
    r.type = type;
    r.a = a;
    r.b = b;
    r.kind = kind;
    r.state = state;
    r.start = genogram::ParseDate(start);
    r.end = genogram::ParseDate(end);
    RETURN_IF_ERROR(GenogramRepo::InsertRelation(tx_, family_id_, r));
    g_.relations.push_back(r);
    return Status::Ok();
  }

  Status Event(const std::string& person, EventKind kind, const std::string& date, const std::string& description,
               const std::string& place = "", const std::string& from = "") {
    EventRecord e;
    e.event.person_id = person;
    e.event.kind = kind;
    e.event.date = genogram::ParseDate(date);
    e.event.description = description;
    e.event.place = place;
    e.event.place_from = from;
    RETURN_IF_ERROR(GenogramRepo::InsertEvent(tx_, family_id_, e));
    g_.events.push_back(e);
    return Status::Ok();
  }

  Status Update(const std::string& id, const std::function<void(PersonRecord&)>& change) {
    PersonRecord& r = g_.persons.at(g_.FindPerson(id));
    change(r);
    return GenogramRepo::UpdatePerson(tx_, family_id_, r, r.version);
  }

 private:
  db::Connection& tx_;
  std::string family_id_;
  FamilyGenogram& g_;
};

int BirthYear(const FamilyGenogram& g, const std::string& id) {
  return DisplayYear(g.persons.at(g.FindPerson(id)).person.birth).value_or(1980);
}

}  // namespace

Status AddDemoGenogram(db::Connection& tx, const std::string& organisation_id, const std::string& family_id,
                       const std::vector<families::Member>& members, int variant) {
  // The household first, linked as the family told it at intake: the same use case as the
  // "take over the household" button.
  const FamilyRef family{family_id, organisation_id};
  RETURN_IF_ERROR(TakeOverHousehold(tx, family).status());
  ASSIGN_OR_RETURN(FamilyGenogram g, LoadGenogram(tx, family));
  DemoWriter w(tx, family_id, g);
  auto person_of = [&](const std::string& member_id) {
    for (const auto& p : g.persons)
      if (p.member_id == member_id) return p.person.id;
    return std::string();
  };

  std::vector<std::string> parents, grandparents, children;
  std::string anchor_sex = "female";
  for (const auto& m : members) {
    if (m.household_role == "parent") {
      if (parents.empty()) anchor_sex = m.sex;
      parents.push_back(person_of(m.id));
    }
    if (m.household_role == "grandparent") grandparents.push_back(person_of(m.id));
    if (m.household_role == "child") children.push_back(person_of(m.id));
  }
  if (parents.empty()) return Status::Ok();
  const std::string anchor = parents.front();
  const int anchor_year = BirthYear(g, anchor);

  static const std::array<const char*, 4> kStrengths = {"zorgzaam", "ondernemend", "creatief", "sportief"};
  static const std::array<const char*, 4> kProblems = {"schulden", "vroegtijdig_schoolverlaten", "uitkering",
                                                        "jong_ouderschap"};
  const std::string strength = kStrengths[variant % kStrengths.size()];
  const std::string problem = kProblems[variant % kProblems.size()];
  const std::string side = anchor_sex == "male" ? "vaderskant" : "moederskant";

  // Grandparents of the children: the household's own grandparent(s), or relatives outside it.
  // A grandparent who lives in takes the place that fits their sex (opa Klaas is no grandmother).
  std::string grandmother, grandfather;
  for (const auto& gp : grandparents) {
    const bool male = g.persons.at(g.FindPerson(gp)).person.sex == Sex::kMale;
    std::string& slot = male ? grandfather : grandmother;
    if (slot.empty()) slot = gp;
  }
  if (grandmother.empty()) {
    ASSIGN_OR_RETURN(grandmother, w.Person("", "oma " + side, Sex::kFemale, std::to_string(anchor_year - 24), false));
  }
  if (grandfather.empty()) {
    ASSIGN_OR_RETURN(grandfather, w.Person("", "opa " + side, Sex::kMale, "ABT " + std::to_string(anchor_year - 27),
                                           variant % 3 == 1));
  }
  const int gm_year = BirthYear(g, grandmother);
  RETURN_IF_ERROR(w.Relation(RelationType::kPartner, grandfather, grandmother, "married",
                             variant % 2 ? "divorced" : "together", std::to_string(gm_year + 20),
                             variant % 2 ? std::to_string(anchor_year + 8) : ""));
  for (const auto& gp : {grandmother, grandfather})
    RETURN_IF_ERROR(w.Relation(RelationType::kParentChild, gp, anchor, "biological"));

  // An aunt or uncle: the anchor's sibling, and how contact went.
  // Names differ per family: twenty genograms with the same "tante Marian" read as a template.
  static const std::array<const char*, 10> kAunts = {"Marian", "Yvonne", "Petra", "Hilda", "Sylvia",
                                                      "Jacqueline", "Anita", "Grietje", "Miranda", "Astrid"};
  static const std::array<const char*, 10> kUncles = {"Peter", "Harm", "Rob", "Gert-Jan", "Frank",
                                                       "Albert", "Roelof", "Marcel", "Johan", "Erwin"};
  const char* sibling = variant % 2 ? kAunts[(variant / 2) % kAunts.size()] : kUncles[(variant / 2) % kUncles.size()];
  ASSIGN_OR_RETURN(std::string aunt, w.Person(sibling, variant % 2 ? "tante" : "oom",
                                              variant % 2 ? Sex::kFemale : Sex::kMale, std::to_string(anchor_year - 3),
                                              false, {problem}));
  for (const auto& gp : {grandmother, grandfather})
    RETURN_IF_ERROR(w.Relation(RelationType::kParentChild, gp, aunt, "biological"));
  RETURN_IF_ERROR(w.Relation(RelationType::kEmotional, anchor, aunt, variant % 2 ? "close" : "distant"));

  // Great-grandparents: the fourth generation, both deceased.
  ASSIGN_OR_RETURN(std::string great_grandmother,
                   w.Person("", "overgrootmoeder", Sex::kFemale, "ABT " + std::to_string(gm_year - 26), true, {strength}));
  ASSIGN_OR_RETURN(std::string great_grandfather,
                   w.Person("", "overgrootvader", Sex::kMale, "ABT " + std::to_string(gm_year - 29), true, {problem}));
  RETURN_IF_ERROR(w.Relation(RelationType::kPartner, great_grandfather, great_grandmother, "married", "widowed"));
  for (const auto& ggp : {great_grandmother, great_grandfather})
    RETURN_IF_ERROR(w.Relation(RelationType::kParentChild, ggp, grandmother, "biological"));

  // The pattern: a strength from great-grandmother down to a child, a problem that skips nobody
  // in the grandmother's line. Events the family tells about at the table.
  RETURN_IF_ERROR(w.Update(grandmother, [&](PersonRecord& r) { r.person.theme_ids = {strength, problem}; }));
  RETURN_IF_ERROR(w.Update(anchor, [&](PersonRecord& r) {
    r.person.theme_ids = {strength};
    r.person.index_person = true;
  }));
  if (!children.empty())
    RETURN_IF_ERROR(w.Update(children.front(), [&](PersonRecord& r) { r.person.theme_ids = {strength}; }));

  RETURN_IF_ERROR(w.Event(great_grandfather, EventKind::kJobLoss, std::to_string(gm_year + 10),
                          "De fabriek ging dicht."));
  RETURN_IF_ERROR(w.Event(grandmother, EventKind::kMove, std::to_string(gm_year + 19), "Verhuisd voor werk.",
                          "Coevorden", variant % 2 ? "Emmen" : "Hoogeveen"));
  RETURN_IF_ERROR(w.Event(grandmother, EventKind::kJobLoss, std::to_string(anchor_year + 12), "Ontslag bij een reorganisatie."));
  RETURN_IF_ERROR(w.Event(anchor, EventKind::kSchoolDropOut, std::to_string(anchor_year + 16), "Gestopt met de opleiding."));
  RETURN_IF_ERROR(w.Event(anchor, EventKind::kDiploma, std::to_string(anchor_year + 30), "Diploma via een avondopleiding."));
  RETURN_IF_ERROR(w.Event(anchor, EventKind::kDebtsStarted, std::to_string(anchor_year + 25), "Achterstand met de huur."));
  if (variant % 3 == 0) {
    RETURN_IF_ERROR(w.Event(anchor, EventKind::kBrokenContact, std::to_string(anchor_year + 20), "Geen contact meer met opa."));
    RETURN_IF_ERROR(w.Relation(RelationType::kEmotional, anchor, grandfather, "cut_off"));
  }
  return CheckConsistent(g);
}

}  // namespace kansrijk::app
