#include "trajectory/wire.h"

#include "families/wire.h"

namespace kansrijk::trajectory {

void WriteCase(http::JsonWriter& w, const Case& c, const std::vector<families::Member>* members, Detail detail,
               TimePoint now) {
  const Trajectory& t = c.trajectory;
  w.BeginObject();
  families::WriteFamilyFields(w, c.family);
  w.Key("programme_id").OptString(t.programme_id)
      .Key("programme_name").OptString(t.programme_id ? std::optional(t.programme_name) : std::nullopt)
      .Key("phase").String(t.phase)
      .Key("waiting_since").OptString(t.waiting_since)
      .Key("waiting_days");
  if (t.waiting_since) w.Int(WaitingDays(*t.waiting_since, now));
  else w.Null();
  w.Key("long_wait").Bool(t.waiting_since && LongWait(WaitingDays(*t.waiting_since, now)));
  w.Key("intake_date").OptString(t.intake_date);
  if (detail == Detail::kFull) {
    w.Key("closing_reason").OptString(t.closing_reason).Key("closing_summary").OptString(t.closing_summary);
    w.Key("closed_on").OptString(t.closed_on).Key("closed_from_phase").OptString(t.closed_from_phase);
    w.Key("not_started").Bool(t.closed_from_phase && IsNotStartedClosing(*t.closed_from_phase));
    w.Key("ended_on").OptString(t.ended_on);
    w.Key("referral");
    if (t.referrer_kind) {
      w.BeginObject()
          .Key("referrer_organisation").String(t.referrer_organisation.value_or(""))
          .Key("referrer_kind").String(*t.referrer_kind)
          .Key("reason").String(t.referral_reason.value_or(""))
          .Key("contact").BeginObject();
      if (t.contact_phone) w.Key("phone").String(*t.contact_phone);
      if (t.contact_email) w.Key("email").String(*t.contact_email);
      if (t.contact_address) w.Key("address").String(*t.contact_address);
      w.EndObject().EndObject();
    } else {
      w.Null();
    }
  } else {
    w.Key("referrer_kind").OptString(t.referrer_kind);
  }
  if (members) {
    w.Key("members").BeginArray();
    for (const auto& m : *members) families::WriteMember(w, m);
    w.EndArray();
  }
  w.EndObject();
}

void WriteFollowUp(http::JsonWriter& w, const FollowUp& f, bool with_family) {
  w.BeginObject()
      .Key("id").String(f.id)
      .Key("family_id").String(f.family_id)
      .Key("months").Int(f.months)
      .Key("due_on").String(f.due_on)
      .Key("status").String(f.status)
      .Key("note").OptString(f.note)
      .Key("recorded_on").OptString(f.recorded_on)
      .Key("recorded_by_name").OptString(f.recorded_by_name);
  if (with_family) w.Key("family_name").String(f.family_name);
  w.EndObject();
}

void WriteTimelineEntry(http::JsonWriter& w, const timeline::Entry& e) {
  w.BeginObject()
      .Key("id").String(e.id)
      .Key("at").String(e.at)
      .Key("date").String(e.date)
      .Key("kind").String(e.kind)
      .Key("user_name").String(e.user_name);
  if (e.from) w.Key("from").String(*e.from);
  if (e.to) w.Key("to").String(*e.to);
  if (e.note) w.Key("note").String(*e.note);
  w.EndObject();
}

}  // namespace kansrijk::trajectory
