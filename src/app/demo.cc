#include "app/demo.h"

#include <cstdio>
#include <random>
#include <vector>

#include "families/model.h"
#include "families/repo.h"
#include "platform/random.h"
#include "platform/time.h"
#include "security/accounts.h"

namespace kansrijk::app {
namespace {

// A password that is easy to type from a terminal: four groups of four letters and digits.
std::string ReadablePassword() {
  static const char* kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string hex = RandomHex(16), out;
  for (size_t i = 0; i < 16; ++i) {
    if (i && i % 4 == 0) out.push_back('-');
    out.push_back(kAlphabet[std::stoi(hex.substr(i * 2, 2), nullptr, 16) % 31]);
  }
  return out;
}

struct DemoPerson {
  const char* given;
  const char* sex;
  const char* role;
  int birth_year;
};

struct DemoFamily {
  const char* surname;
  std::vector<DemoPerson> people;
};

// Fictional households over three generations, as the coaches meet them at the kitchen table.
const std::vector<DemoFamily>& HandWrittenFamilies() {
  static const std::vector<DemoFamily> kFamilies = {
      {"Bakker", {{"Gerda", "female", "grandparent", 1956}, {"Sandra", "female", "parent", 1984},
                  {"Dylan", "male", "child", 2009}, {"Noa", "female", "child", 2014}}},
      {"de Vries", {{"Henk", "male", "parent", 1979}, {"Ilse", "female", "parent", 1982},
                    {"Jesse", "male", "child", 2007}, {"Lotte", "female", "child", 2011}, {"Sem", "male", "child", 2016}}},
      {"Jansen", {{"Marco", "male", "parent", 1988}, {"Finn", "male", "child", 2013}}},
      {"Mulder", {{"Truus", "female", "grandparent", 1951}, {"Kim", "female", "parent", 1990},
                  {"Milan", "male", "child", 2018}}},
      {"Hoekstra", {{"Jan", "male", "parent", 1975}, {"Anouk", "female", "parent", 1977},
                    {"Bram", "male", "child", 2005}, {"Sanne", "female", "child", 2008}}},
      {"Smit", {{"Patricia", "female", "parent", 1986}, {"Liam", "male", "child", 2012},
                {"Emma", "female", "child", 2015}, {"Luca", "male", "child", 2019}}},
      {"Visser", {{"Wim", "male", "grandparent", 1949}, {"Joke", "female", "grandparent", 1953},
                  {"Ronald", "male", "parent", 1980}, {"Tess", "female", "child", 2010}}},
      {"Meijer", {{"Chantal", "female", "parent", 1993}, {"Mees", "male", "child", 2017}}},
      {"Bos", {{"Erik", "male", "parent", 1983}, {"Nicole", "female", "parent", 1985},
               {"Julia", "female", "child", 2012}, {"Thijs", "male", "child", 2014}}},
      {"Kuipers", {{"Annie", "female", "grandparent", 1958}, {"Priscilla", "female", "parent", 1987},
                   {"Kevin", "male", "child", 2006}, {"Jayden", "male", "child", 2013}}},
      {"Dijkstra", {{"Gerrit", "male", "parent", 1976}, {"Fenna", "female", "child", 2009}}},
      {"van Dam", {{"Monique", "female", "parent", 1981}, {"Roos", "female", "child", 2008},
                   {"Daan", "male", "child", 2011}}},
      {"Postma", {{"Klaas", "male", "grandparent", 1950}, {"Jolanda", "female", "parent", 1978},
                  {"Stefan", "male", "parent", 1976}, {"Femke", "female", "child", 2004}}},
      {"Wiersma", {{"Samira", "female", "parent", 1991}, {"Yara", "female", "child", 2016},
                   {"Adam", "male", "child", 2020}}},
      {"Kok", {{"Ricardo", "male", "parent", 1985}, {"Melissa", "female", "parent", 1989},
               {"Levi", "male", "child", 2014}, {"Mila", "female", "child", 2017}}},
      {"Brouwer", {{"Hennie", "female", "grandparent", 1955}, {"Sabrina", "female", "parent", 1983},
                   {"Ryan", "male", "child", 2007}}},
      {"Veenstra", {{"Alex", "other", "parent", 1990}, {"Sky", "unknown", "child", 2015}}},
      {"Boer", {{"Johan", "male", "parent", 1972}, {"Marja", "female", "parent", 1974},
                {"Robin", "male", "child", 2003}, {"Esmee", "female", "child", 2006}}},
      {"Huisman", {{"Diana", "female", "parent", 1989}, {"Noah", "male", "child", 2011},
                   {"Lina", "female", "child", 2013}, {"Zoë", "female", "child", 2018}}},
      {"Schouten", {{"Bert", "male", "grandparent", 1947}, {"Carla", "female", "parent", 1979},
                    {"Sven", "male", "child", 2012}}},
  };
  return kFamilies;
}

const char* kSurnames[] = {"Bakker", "de Vries", "Jansen", "Mulder", "Hoekstra", "Smit", "Visser", "Meijer", "Bos",
                           "Kuipers", "Dijkstra", "van Dam", "Postma", "Wiersma", "Kok", "Brouwer", "Veenstra",
                           "Boer", "Huisman", "Schouten", "de Jong", "van der Meer", "Zijlstra", "Hofstra"};
const char* kGivenFemale[] = {"Anna", "Sara", "Eva", "Lisa", "Fleur", "Iris", "Noor", "Julia", "Tessa", "Maud"};
const char* kGivenMale[] = {"Tim", "Lars", "Ruben", "Koen", "Bas", "Niels", "Joris", "Sven", "Gijs", "Pim"};

}  // namespace

Status CreateDemo(db::Database& db, const security::AuditLog& audit, int families) {
  const std::string org_name = "Demo Gezinscoaching";
  struct Login {
    const char* username;
    const char* display_name;
    const char* role;
    std::string password;
    std::string id;
  };
  std::vector<Login> logins = {{"admin", "Beheer Demo", "admin", ReadablePassword(), ""},
                               {"teamlead", "Tineke Teamleider", "team_lead", ReadablePassword(), ""},
                               {"coach1", "Carla Coach", "coach", ReadablePassword(), ""},
                               {"coach2", "Kees Coach", "coach", ReadablePassword(), ""}};
  std::string org_id;
  RETURN_IF_ERROR(db.Write([&](db::Connection& tx) -> Status {
    auto existing = security::AccountRepo::OrganisationIdByName(tx, org_name);
    if (existing.ok())
      return Status(Code::kConflict, "this database already has demo data; use a fresh database for `demo`");
    ASSIGN_OR_RETURN(org_id, security::AccountRepo::AddOrganisation(tx, org_name));
    for (auto& l : logins) {
      ASSIGN_OR_RETURN(auto user, security::AccountRepo::AddUser(tx, {org_id, l.username, l.display_name, l.role,
                                                                      l.password}));
      l.id = user.id;
    }
    return audit.Append(tx, {.role = "cli", .organisation_id = org_id, .action = "demo.create_users",
                             .resource = "organisation/" + org_id, .outcome = "success"});
  }));

  const auto& hand = HandWrittenFamilies();
  std::mt19937 rng(20261123);  // fixed seed: the same synthetic data every run
  const int kBatch = 500;
  int done = 0;
  Date today = TodayInAmsterdam(Now());
  while (done < families) {
    int batch_end = std::min(families, done + kBatch);
    RETURN_IF_ERROR(db.Write([&](db::Connection& tx) -> Status {
      for (int i = done; i < batch_end; ++i) {
        DemoFamily synthetic;
        const DemoFamily* f;
        if (i < int(hand.size())) {
          f = &hand[i];
        } else {
          synthetic.surname = kSurnames[rng() % std::size(kSurnames)];
          int parent_year = 1970 + int(rng() % 30);
          synthetic.people.push_back({rng() % 2 ? kGivenFemale[rng() % 10] : kGivenMale[rng() % 10],
                                      rng() % 2 ? "female" : "male", "parent", parent_year});
          if (rng() % 3 == 0)
            synthetic.people.push_back({kGivenFemale[rng() % 10], "female", "grandparent", parent_year - 25});
          int children = 1 + int(rng() % 3);
          for (int c = 0; c < children; ++c)
            synthetic.people.push_back({c % 2 ? kGivenFemale[rng() % 10] : kGivenMale[rng() % 10],
                                        c % 2 ? "female" : "male", "child",
                                        std::min(today.year - 1, parent_year + 20 + int(rng() % 15))});
          f = &synthetic;
        }
        // Most families have a coach; every seventh waits for one (the waiting list).
        std::optional<std::string> coach;
        if (i % 7 != 6) coach = logins[2 + (i % 3 == 2 ? 1 : 0)].id;
        std::string name = std::string("Familie ") + f->surname + (i >= int(hand.size()) ? " " + std::to_string(i + 1) : "");
        ASSIGN_OR_RETURN(auto family, families::FamilyRepo::Insert(tx, org_id, name, coach));
        int person = 0;
        for (const auto& p : f->people) {
          families::MemberFields m;
          m.given_name = p.given;
          m.family_name = f->surname;
          m.birth_date = std::optional<std::string>(
              FormatDate({p.birth_year, 1 + (person * 5 + i) % 12, 1 + (person * 11 + i) % 28}));
          m.sex = p.sex;
          m.household_role = p.role;
          RETURN_IF_ERROR(families::FamilyRepo::InsertMember(tx, family.id, m).status());
          ++person;
        }
      }
      return Status::Ok();
    }));
    done = batch_end;
    if (families > kBatch) std::fprintf(stderr, "\rdemo families: %d / %d (%d%%)", done, families, done * 100 / families);
  }
  if (families > kBatch) std::fprintf(stderr, "\n");
  RETURN_IF_ERROR(audit.AppendNow(db, {.role = "cli", .organisation_id = org_id, .action = "demo.create_families",
                                       .resource = "families/" + std::to_string(families), .outcome = "success"}));

  std::printf("Demo logins (organisation \"%s\"):\n", org_name.c_str());
  for (const auto& l : logins)
    std::printf("  %-9s password: %s   (%s)\n", l.username, l.password.c_str(), l.role);
  std::printf("%d demo families created.\n", families);
  return Status::Ok();
}

}  // namespace kansrijk::app
