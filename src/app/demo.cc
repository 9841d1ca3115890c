#include "app/demo.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string_view>
#include <vector>

#include "app/demo_genogram.h"
#include "consent/repo.h"
#include "eligibility/repo.h"
#include "families/model.h"
#include "families/repo.h"
#include "measurements/service.h"  // issue 10: demo measurement series
#include "programmes/repo.h"
#include "app/demo_casework.h"  // issue 11
#include "app/demo_plan.h"  // issue 11
#include "budget/repo.h"
#include "timeline/timeline.h"
#include "trajectory/repo.h"
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

// Surnames for the synthetic families, none of them one of the hand-written families: every
// family name in the demo is told apart without a number ("Familie Bakker 54" reads as a test).
const char* kSurnames[] = {"de Jong", "van der Meer", "Zijlstra", "Hofstra", "Vermeulen", "van den Berg", "Kramer",
                           "Prins", "Koster", "Dekker", "Willems", "Peters", "Hendriks", "van Leeuwen", "Brink",
                           "de Graaf", "Kuiper", "van der Linden", "Jacobs", "Vos", "Maas", "Verhoeven", "Scholten",
                           "Bosman", "Timmermans", "de Haan", "Groen", "Sanders", "Koning", "Evers", "Lammers",
                           "Wolters", "Ramdin", "Yilmaz", "El Idrissi", "Santos", "Nowak", "Tahiri", "Oosterhuis",
                           "Bouwman", "Venema", "Siersema", "Mensink", "Lubbers", "Nijboer", "Kremer", "Bruins",
                           "Haverkamp"};
const char* kGivenFemale[] = {"Anna", "Sara", "Eva", "Lisa", "Fleur", "Iris", "Noor", "Julia", "Tessa", "Maud",
                              "Yasmina", "Ilona", "Wendy", "Esther", "Romy", "Naomi", "Fatma", "Linda", "Bianca", "Merel"};
const char* kGivenMale[] = {"Tim", "Lars", "Ruben", "Koen", "Bas", "Niels", "Joris", "Sven", "Gijs", "Pim",
                            "Mohamed", "Dennis", "Mark", "Rik", "Jurgen", "Kevin", "Emre", "Sander", "Wouter", "Hidde"};

// The name of synthetic family `k` (0-based): first each surname once, then double names
// ("Kramer-Prins"); only beyond all of those a number tells them apart.
std::string SyntheticSurname(int k) {
  const int n = static_cast<int>(std::size(kSurnames));
  if (k < n) return kSurnames[k];
  k -= n;
  const int first = k % n, second = (first + 1 + (k / n) % (n - 1)) % n;
  std::string name = std::string(kSurnames[first]) + "-" + kSurnames[second];
  if (k >= n * (n - 1)) name += " (" + std::to_string(k / (n * (n - 1)) + 1) + ")";
  return name;
}

// Where each hand-written family stands in its trajectory, so every page has something to show.
struct DemoTrajectory {
  const char* phase;
  int coach;      // 0: none (waiting list), 1: coach1, 2: coach2
  int programme;  // 0: Gezinscoaching Coevorden 2026, 1: Toukomst
  const char* referrer_kind;
  const char* referrer;
  const char* reason;
  int days_ago;             // referral (and waiting) this many days ago
  const char* household;    // for the eligibility check; nullptr: none yet
  int64_t income_cents;
  bool override_to_pass;    // the check fails, the team lead lets the family in with a reason
};

const DemoTrajectory kTrajectories[] = {
    {"actief", 1, 0, "woningcorporatie", "Woonservice Coevorden", "Huurachterstand van drie maanden; moeder wil hulp bij geld en werk.", 160, "alleenstaande_ouder", 128000, false},
    {"intake", 1, 0, "school", "OBS De Esch", "Jesse verzuimt vaak; ouders willen meedenken.", 40, nullptr, 0, false},
    {"aanmelding", 0, 0, "school", "Kindcentrum Dalen", "Vader alleen met zoon, weinig netwerk.", 45, nullptr, 0, false},
    {"afsluiting", 2, 0, "voedselbank", "Voedselbank Coevorden", "Lange tijd voedselpakket; wil weer zelf rondkomen.", 420, "alleenstaande_ouder", 110000, false},
    {"nazorg", 1, 1, "schuldhulp", "GKB Drenthe", "Schulden na baanverlies.", 600, "gehuwden", 200000, false},
    {"aanmelding", 0, 1, "voedselbank", "Voedselbank Emmen", "Moeder met drie kinderen vraagt hulp bij rondkomen.", 12, nullptr, 0, false},
    {"actief", 2, 1, "gemeente", "Gemeente Emmen, inkomensconsulent", "Drie generaties onder één dak, spanningen over geld.", 200, "gehuwden", 245000, true},
    {"aanmelding", 0, 0, "huisarts", "Huisartsenpraktijk Sleen", "Stress en slaapproblemen door rekeningen.", 3, nullptr, 0, false},
    {"actief", 1, 0, "zelf", "Zelf aangemeld", "Ouders zagen de folder in de bibliotheek.", 120, "gehuwden", 190000, false},
    {"intake", 2, 1, "woningcorporatie", "Lefier", "Dreigende ontruiming.", 30, "alleenstaande_ouder", 120000, false},
    {"actief", 2, 1, "school", "CS Vincent van Gogh", "Fenna mist spullen voor school.", 90, "alleenstaande_ouder", 100000, false},
    {"intake", 1, 0, "voedselbank", "Voedselbank Coevorden", "Net verhuisd, geen netwerk.", 25, nullptr, 0, false},
    {"actief", 2, 0, "gemeente", "Gemeente Coevorden", "Kostendelersnorm sinds zoon 27 werd.", 150, "alleenstaande", 95000, false},
    {"aanmelding", 0, 1, "anders", "Kledingbank Emmen", "Moeder vraagt hulp voor haar dochters.", 70, nullptr, 0, false},
    {"afsluiting", 1, 1, "woningcorporatie", "Domesta", "Huurachterstand.", 380, "gehuwden", 180000, false},
    {"actief", 2, 0, "schuldhulp", "GKB Drenthe", "Betalingsregeling loopt vast.", 100, "alleenstaande_ouder", 140000, false},
    {"intake", 1, 0, "huisarts", "Huisartsenpraktijk Coevorden", "Zorgen om geld en gezondheid.", 20, nullptr, 0, false},
    {"nazorg", 2, 0, "zelf", "Zelf aangemeld", "Wil de kinderen meer kansen geven.", 700, "gehuwden", 170000, false},
    {"actief", 1, 1, "school", "Esdal College", "Zoë en Lina lopen achter; moeder werkt in de nacht.", 130, "alleenstaande_ouder", 150000, false},
    {"aanmelding", 0, 0, "woningcorporatie", "Woonservice Coevorden", "Opa en moeder delen huis, huurschuld.", 8, nullptr, 0, false},
};

TimePoint DaysAgo(int days) { return Now() - std::chrono::milliseconds(int64_t(days) * 86'400'000); }
std::string DateDaysAgo(int days) { return FormatDate(TodayInAmsterdam(DaysAgo(days))); }

// Adds the referral, timeline, consents and eligibility check of a hand-written family.
Status AddDemoTrajectory(db::Connection& tx, const families::Family& family, const DemoTrajectory& t,
                         const std::vector<eligibility::NormTable>& norms, const std::string& lead_id,
                         const std::string& lead_name, const std::string& coach_id, const std::string& coach_name,
                         const std::string& given_by) {
  const int phase = std::max(0, int(std::string_view(t.phase) == "aanmelding"   ? 0
                                    : std::string_view(t.phase) == "intake"     ? 1
                                    : std::string_view(t.phase) == "actief"     ? 2
                                    : std::string_view(t.phase) == "afsluiting" ? 3
                                                                                : 4));
  auto event = [&](int days, const char* kind, std::optional<std::string> from, std::optional<std::string> to,
                   std::optional<std::string> note, bool by_lead) {
    timeline::Entry e;
    e.family_id = family.id;
    e.at = FormatUtc(DaysAgo(days));
    e.date = DateDaysAgo(days);
    e.kind = kind;
    e.from = std::move(from);
    e.to = std::move(to);
    e.note = std::move(note);
    e.user_id = by_lead ? lead_id : coach_id;
    e.user_name = by_lead ? lead_name : coach_name;
    return timeline::Append(tx, e);
  };
  RETURN_IF_ERROR(event(t.days_ago, "referral", std::nullopt, "aanmelding",
                        std::string(t.referrer) + " (" + t.referrer_kind + "): " + t.reason, true));
  if (t.coach == 0) return Status::Ok();
  const int step = std::max(1, t.days_ago / 8);
  RETURN_IF_ERROR(event(t.days_ago - step, "assign", std::nullopt, coach_name, std::nullopt, true));
  RETURN_IF_ERROR(event(t.days_ago - 2 * step, "phase", "aanmelding", "intake", "Kennismaking aan de keukentafel.", false));
  if (phase >= 1 || t.household) {
    consent::Consent c;
    c.family_id = family.id;
    c.purpose = "coaching";
    c.given_by = given_by;
    c.given_on = DateDaysAgo(t.days_ago - 2 * step);
    c.method = "paper";
    c.recorded_by_name = coach_name;
    RETURN_IF_ERROR(consent::ConsentRepo::Insert(tx, c, coach_id).status());
    RETURN_IF_ERROR(event(t.days_ago - 2 * step, "consent", std::nullopt, "coaching",
                          "coaching, gegeven door " + given_by + " (paper)", false));
    if (phase >= 2) {
      c.purpose = "sharing";
      c.partner_organisation = t.referrer;
      c.method = "verbal";
      RETURN_IF_ERROR(consent::ConsentRepo::Insert(tx, c, coach_id).status());
    }
  }
  if (t.household) {
    const Date on = TodayInAmsterdam(DaysAgo(t.days_ago - 3 * step));
    if (const auto* table = eligibility::TableFor(norms, on)) {
      eligibility::Check k;
      k.family_id = family.id;
      k.date = FormatDate(on);
      k.household_type = t.household;
      k.cost_sharers = 1;
      k.incomes_json = nlohmann::json::array({{{"source", "uitkering of loon"}, {"amount_cents", t.income_cents}}}).dump();
      k.threshold_percent = 120;
      k.norm_table_version = table->version;
      k.outcome = eligibility::Compute(eligibility::NormCents(*table, t.household, 1), {t.income_cents}, 120);
      k.created_by_name = coach_name;
      ASSIGN_OR_RETURN(auto check, eligibility::CheckRepo::Insert(tx, k, coach_id));
      RETURN_IF_ERROR(event(t.days_ago - 3 * step, "eligibility", std::nullopt,
                            k.outcome.passes ? "voldoet" : "voldoet_niet",
                            eligibility::FormatPercent(k.outcome.percent_tenths) + "% van de norm", false));
      if (t.override_to_pass) {
        RETURN_IF_ERROR(eligibility::CheckRepo::SetOverride(tx, check, true,
                                                            "Hoge vaste lasten door mantelzorg; past bij de doelgroep.",
                                                            lead_id, lead_name)
                            .status());
        RETURN_IF_ERROR(event(t.days_ago - 3 * step, "override", "voldoet_niet", "voldoet",
                              "Hoge vaste lasten door mantelzorg; past bij de doelgroep.", true));
      }
    }
  }
  if (phase >= 2) RETURN_IF_ERROR(event(t.days_ago - 4 * step, "phase", "intake", "actief", std::nullopt, false));
  if (phase >= 3)
    RETURN_IF_ERROR(event(t.days_ago - 6 * step, "phase", "actief", "afsluiting",
                          "doelen_bereikt: De familie heeft weer overzicht over geld en een plan voor werk.", false));
  if (phase >= 4) RETURN_IF_ERROR(event(t.days_ago - 7 * step, "phase", "afsluiting", "nazorg", std::nullopt, false));
  return Status::Ok();
}

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
  // The login names stay short and fixed (docs and tests use them); the people behind them have
  // ordinary names, as they would in a real team.
  std::vector<Login> logins = {{"admin", "Ingrid Hoogland", "admin", ReadablePassword(), ""},
                               {"teamlead", "Marloes Kramer", "team_lead", ReadablePassword(), ""},
                               {"coach1", "Esther Wolters", "coach", ReadablePassword(), ""},
                               {"coach2", "Rachid Bouzid", "coach", ReadablePassword(), ""}};
  std::string org_id;
  RETURN_IF_ERROR(db.Write([&](db::Connection& tx) -> Status {
    auto existing = security::AccountRepo::OrganisationIdByName(tx, org_name);
    if (existing.ok())
      return Status::Conflict("demo_data_present");
    ASSIGN_OR_RETURN(org_id, security::AccountRepo::AddOrganisation(tx, org_name));
    for (auto& l : logins) {
      ASSIGN_OR_RETURN(auto user, security::AccountRepo::AddUser(tx, {org_id, l.username, l.display_name, l.role,
                                                                      l.password}));
      l.id = user.id;
    }
    return audit.Append(tx, {.role = "cli", .organisation_id = org_id, .action = "demo.create_users",
                             .resource = "organisation/" + org_id, .outcome = "success"});
  }));

  // Norm tables first: the demo's eligibility checks use them.
  RETURN_IF_ERROR(eligibility::LoadShippedNorms(db).status());
  // Issue 10: the shipped instruments, for the families' measurement series.
  RETURN_IF_ERROR(measurements::LoadShippedInstruments(db).status());
  measurements::DemoInstruments instruments;
  int measured = 0;
  std::string programme_ids[2];
  std::map<std::string, std::string> pot_of;
  std::map<std::string, int64_t> pot_left;
  std::map<std::string, int64_t> default_budget;
  std::vector<eligibility::NormTable> norms;
  RETURN_IF_ERROR(db.Write([&](db::Connection& tx) -> Status {
    programmes::Programme coevorden;
    coevorden.organisation_id = org_id;
    coevorden.name = "Gezinscoaching Coevorden 2026";
    coevorden.default_budget_cents = 250000;
    programmes::Programme toukomst = coevorden;
    toukomst.name = "Toukomst";
    toukomst.default_budget_cents = 150000;
    toukomst.contact_target_minutes_per_week = 240;
    toukomst.planned_duration_weeks = 104;
    ASSIGN_OR_RETURN(auto a, programmes::ProgrammeRepo::Insert(tx, coevorden));
    ASSIGN_OR_RETURN(auto b, programmes::ProgrammeRepo::Insert(tx, toukomst));
    programme_ids[0] = a.id;
    programme_ids[1] = b.id;
    RETURN_IF_ERROR(AddDemoPots(tx, org_id, {a.id, b.id}, families));  // issue 11: the programmes' budget pots
    for (const auto& p : {a, b}) {
      ASSIGN_OR_RETURN(auto pot, budget::BudgetRepo::FindPot(tx, p.id, TodayInAmsterdam(Now()).year));
      if (pot) {
        pot_of[p.id] = pot->id;
        // What the hand-written families spend comes first: keep room for it.
        pot_left[pot->id] = pot->amount_cents - pot->committed_cents - 300'000;
      }
      default_budget[p.id] = p.default_budget_cents;
    }
    ASSIGN_OR_RETURN(norms, eligibility::NormRepo::Visible(tx, org_id));
    ASSIGN_OR_RETURN(instruments, measurements::LoadDemoInstruments(tx));  // issue 10
    return Status::Ok();
  }));

  const auto& hand = HandWrittenFamilies();
  std::mt19937 rng(20261123);  // fixed seed: the same synthetic data every run
  const int kBatch = 500;
  int done = 0;
  Date today = TodayInAmsterdam(Now());
  // Issue 11: plans, ledgers and contacts of the synthetic families, written per batch.
  SyntheticCasework casework(org_id, pot_of, pot_left, {logins[1].id, logins[1].display_name});
  while (done < families) {
    int batch_end = std::min(families, done + kBatch);
    RETURN_IF_ERROR(db.Write([&](db::Connection& tx) -> Status {
      casework.Clear();
      for (int i = done; i < batch_end; ++i) {
        DemoFamily synthetic;
        std::string synthetic_surname;
        const DemoFamily* f;
        if (i < int(hand.size())) {
          f = &hand[i];
        } else {
          synthetic_surname = SyntheticSurname(i - int(hand.size()));
          synthetic.surname = synthetic_surname.c_str();
          int parent_year = 1970 + int(rng() % 30);
          // The parent's name follows the parent's sex (a "Mohamed" who is a mother reads as a bug).
          const bool mother = rng() % 2;
          synthetic.people.push_back({mother ? kGivenFemale[rng() % std::size(kGivenFemale)] : kGivenMale[rng() % std::size(kGivenMale)],
                                      mother ? "female" : "male", "parent", parent_year});
          if (rng() % 3 == 0)
            synthetic.people.push_back({kGivenFemale[rng() % std::size(kGivenFemale)], "female", "grandparent", parent_year - 25});
          int children = 1 + int(rng() % 3);
          for (int c = 0; c < children; ++c)
            synthetic.people.push_back({c % 2 ? kGivenFemale[rng() % std::size(kGivenFemale)] : kGivenMale[rng() % std::size(kGivenMale)],
                                        c % 2 ? "female" : "male", "child",
                                        std::min(today.year - 1, parent_year + 20 + int(rng() % 15))});
          f = &synthetic;
        }
        families::Family fam;
        trajectory::Trajectory traj;
        fam.organisation_id = org_id;
        fam.name = std::string("Familie ") + f->surname;
        const DemoTrajectory* t = i < int(std::size(kTrajectories)) && i < int(hand.size()) ? &kTrajectories[i] : nullptr;
        if (t) {
          if (t->coach) fam.coach_id = logins[1 + t->coach].id;
          traj.programme_id = programme_ids[t->programme];
          traj.phase = t->phase;
          if (!t->coach) traj.waiting_since = FormatUtc(DaysAgo(t->days_ago));
          if (traj.phase != "aanmelding") traj.intake_date = DateDaysAgo(t->days_ago - 2 * std::max(1, t->days_ago / 8));
          if (traj.phase == "afsluiting" || traj.phase == "nazorg") {
            traj.closing_reason = "doelen_bereikt";
            traj.closing_summary = "De familie heeft weer overzicht over geld en een plan voor werk.";
            // Issue 14: the closing date (as on the demo timeline) and where it was closed from.
            traj.closed_on = DateDaysAgo(t->days_ago - 6 * std::max(1, t->days_ago / 8));
            traj.closed_from_phase = "actief";
          }
          traj.referrer_kind = t->referrer_kind;
          traj.referrer_organisation = t->referrer;
          traj.referral_reason = t->reason;
          traj.contact_phone = "06-" + std::to_string(12340000 + i * 7919);
          traj.contact_address = "Dorpsstraat " + std::to_string(3 + i * 2) + ", Coevorden";
        } else {
          // Synthetic families (benchmarks): a programme and a phase, nothing more, to stay fast.
          // Most have a coach; every seventh waits for one (the waiting list).
          traj.programme_id = programme_ids[i % 2];
          if (i % 7 != 6) {
            fam.coach_id = logins[2 + (i % 3 == 2 ? 1 : 0)].id;
            static const char* kPhases[] = {"intake", "actief", "actief", "afsluiting", "nazorg"};
            traj.phase = kPhases[i % 5];
            traj.intake_date = DateDaysAgo(60 + (i * 37) % 700);  // issue 10: the series starts here
          } else {
            traj.waiting_since = FormatUtc(DaysAgo(1 + i % 90));
          }
        }
        ASSIGN_OR_RETURN(auto family, families::FamilyRepo::Insert(tx, fam.organisation_id, fam.name, fam.coach_id));
        // The family was referred on the day its story starts, not today: so the intake, the
        // consent and the waiting time all come after the referral, as they would.
        const int referred_days_ago = t ? t->days_ago : traj.waiting_since ? 1 + i % 90 : 30 + (i * 37) % 500;
        // Last changed: the family's latest step on its timeline (see AddDemoTrajectory).
        int changed_days_ago = referred_days_ago;
        if (t && t->coach) {
          const std::string_view ph = t->phase;
          const int steps = ph == "nazorg" ? 7 : ph == "afsluiting" ? 6 : ph == "actief" ? 4 : t->household ? 3 : 2;
          changed_days_ago = std::max(0, t->days_ago - steps * std::max(1, t->days_ago / 8));
        }
        RETURN_IF_ERROR(tx.Exec("UPDATE families SET created_at = ?, updated_at = ? WHERE id = ?",
                                {FormatUtc(DaysAgo(referred_days_ago)), FormatUtc(DaysAgo(changed_days_ago)), family.id})
                            .status());
        traj.family_id = family.id;
        RETURN_IF_ERROR(trajectory::TrajectoryRepo::Write(tx, traj));
        // Issue 14: the aftercare moments of a closed demo trajectory (the default schedule).
        if (traj.closed_on) {
          for (const auto& m : trajectory::ScheduleFollowUps(*ParseDate(*traj.closed_on), "actief", {})) {
            trajectory::FollowUp fu;
            fu.id = NewId();
            fu.family_id = family.id;
            fu.organisation_id = org_id;
            fu.months = m.months;
            fu.due_on = FormatDate(m.due_on);
            RETURN_IF_ERROR(trajectory::FollowUpRepo::Insert(tx, fu));
          }
        }
        if (t) {
          const int c = t->coach ? 1 + t->coach : 2;
          // Consent comes from a parent of the household, not from a grandparent who lives in.
          const DemoPerson* giver = &f->people.front();
          for (const auto& p : f->people)
            if (std::string_view(p.role) == "parent") {
              giver = &p;
              break;
            }
          RETURN_IF_ERROR(AddDemoTrajectory(tx, family, *t, norms, logins[1].id, logins[1].display_name, logins[c].id,
                                            logins[c].display_name, std::string(giver->given) + " " + f->surname));
        }
        int person = 0;
        std::vector<families::Member> members;
        for (const auto& p : f->people) {
          families::MemberFields m;
          m.given_name = p.given;
          m.family_name = f->surname;
          m.birth_date = std::optional<std::string>(
              FormatDate({p.birth_year, 1 + (person * 5 + i) % 12, 1 + (person * 11 + i) % 28}));
          m.sex = p.sex;
          m.household_role = p.role;
          ASSIGN_OR_RETURN(auto member, families::FamilyRepo::InsertMember(tx, family.id, m));
          members.push_back(std::move(member));
          ++person;
        }
        // Genograms for the hand-written families only: synthetic ones exist for benchmarks.
        if (i < int(hand.size())) RETURN_IF_ERROR(AddDemoGenogram(tx, org_id, family.id, members, i));
        // Issue 10: measurements from the intake on; closed families have an eindmeting (and nazorg).
        if (traj.intake_date && fam.coach_id) {
          const Date intake = *ParseDate(*traj.intake_date);
          std::optional<Date> closed;
          if (traj.phase == "afsluiting" || traj.phase == "nazorg") {
            // Hand-written: the day of the afsluiting event; synthetic: a third of the time since intake.
            closed = TodayInAmsterdam(DaysAgo(t ? t->days_ago - 6 * std::max(1, t->days_ago / 8) : (60 + (i * 37) % 700) / 3));
          }
          std::vector<measurements::DemoMember> who;
          for (const auto& m : members)
            if (m.birth_date) who.push_back({m.id, *ParseDate(*m.birth_date)});
          const auto& coach = *std::find_if(logins.begin(), logins.end(), [&](const Login& l) { return l.id == *fam.coach_id; });
          ASSIGN_OR_RETURN(int n, measurements::AddDemoSeries(tx, instruments, family.id, who, intake, closed, today,
                                                               static_cast<uint32_t>(i + 1), {coach.id, coach.display_name}));
          measured += n;
        }
        // Issue 11: a kansplan, spending and contacts for two active demo families of coach1.
        if (t && (i == 0 || i == 8))
          RETURN_IF_ERROR(AddDemoPlanBudget(tx, family.id, members, logins[2].id, logins[2].display_name, logins[1].id,
                                            logins[1].display_name, i == 0 ? 0 : 1));
        // Synthetic families: a goal with its spending and the coach's contacts (demo_casework.h).
        if (!t && fam.coach_id) {
          const auto& coach = *std::find_if(logins.begin(), logins.end(), [&](const Login& l) { return l.id == *fam.coach_id; });
          std::optional<Date> intake;
          if (traj.intake_date) intake = ParseDate(*traj.intake_date);
          casework.AddFamily(i, family.id, *traj.programme_id, default_budget[*traj.programme_id], traj.phase, members,
                             {coach.id, coach.display_name}, intake);
        }
      }
      return casework.Flush(tx);
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
  std::printf("%d demo measurements recorded.\n", measured);  // issue 10
  std::printf("%lld synthetic contacts and %lld ledger entries written.\n",  // issue 11
              static_cast<long long>(casework.contacts()), static_cast<long long>(casework.ledger_entries()));
  return Status::Ok();
}

}  // namespace kansrijk::app
