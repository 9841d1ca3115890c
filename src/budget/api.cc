#include "budget/api.h"

#include <limits>

#include "budget/service.h"
#include "budget/wire.h"
#include "platform/api_helpers.h"
#include "platform/spreadsheet.h"
#include "platform/text.h"
#include "platform/time.h"

namespace kansrijk::budget {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

constexpr int64_t kAnyInt = std::numeric_limits<int64_t>::max() / 2;

Writer StaffWriter(const Call& call) { return {"staff", call.actor().user_id, std::nullopt, call.actor().display_name}; }

int64_t ThresholdFor(db::Connection& c, const std::string& family_id) {
  auto o = GetOverview(c, family_id);
  return o.ok() ? o->approval_threshold_cents : kDefaultApprovalThresholdCents;
}

Result<Reply> RequestReply(Call& call, int status, const std::function<Result<Request>(db::Connection&)>& write) {
  Json body;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(auto r, write(tx));
    body = RequestJson(r, ThresholdFor(tx, call.family_id()));
    call.resource = "family/" + call.family_id() + "/budget/requests/" + r.id;
    return Status::Ok();
  }));
  return Reply::Json(status, body);
}

Result<Reply> Get(Call& call) {
  Json body;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto o, GetOverview(c, call.family_id()));
    body = OverviewJson(o);
    return Status::Ok();
  }));
  return Reply::Json(200, body);
}

Result<Reply> PostAllocation(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"amount_cents", "period_start", "period_end"});
  AllocationInput in;
  in.amount_cents = f.Int("amount_cents", false, -kAnyInt, kAnyInt);
  in.period_start = f.String("period_start", true, 10).value_or("");
  in.period_end = f.String("period_end", true, 10).value_or("");
  RETURN_IF_ERROR(f.Finish());
  Json out;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(auto a, Allocate(tx, call.family_id(), in, StaffWriter(call)));
    ASSIGN_OR_RETURN(auto pot, BudgetRepo::GetPot(tx, a.pot_id));
    out = AllocationJson(a, pot.year);
    return Status::Ok();
  }));
  return Reply::Json(201, out);
}

Result<Reply> PostRequest(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"amount_cents", "category", "goal_id", "supplier", "description"});
  RequestInput in;
  in.amount_cents = f.Int("amount_cents", true, -kAnyInt, kAnyInt).value_or(0);
  if (auto e = CheckAmount(in.amount_cents); e && !f.errors().contains("amount_cents"))
    f.Error("amount_cents", e->code, e->params);
  in.category = f.String("category", true, kMaxCategoryChars).value_or("");
  in.goal_id = f.String("goal_id", false, 64);
  in.supplier = f.String("supplier", true, kMaxSupplierChars).value_or("");
  in.description = f.String("description", true, kMaxDescriptionChars).value_or("");
  RETURN_IF_ERROR(f.Finish());
  return RequestReply(call, 201, [&](db::Connection& tx) {
    return CreateRequest(tx, call.family_id(), in, StaffWriter(call));
  });
}

Result<Reply> PostApproval(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"as", "member_id", "signature", "override_reason"});
  auto as = f.String("as", true, 20);
  auto member_id = f.String("member_id", false, 64);
  auto signature = f.String("signature", false, kMaxSignatureChars);
  auto override_reason = f.String("override_reason", false, kMaxReasonChars);
  if (override_reason && override_reason->empty()) override_reason.reset();
  std::optional<ApproverRole> role;
  if (as) {
    role = ParseApproverRole(*as);
    if (!role) f.Error("as", "choose_one_of", {{"options", "coach, family, team_lead"}});
  }
  if (role == ApproverRole::kFamily && !member_id) f.Error("member_id", "required");
  if (role && role != ApproverRole::kFamily && member_id) f.Error("member_id", "budget_member_only_for_family");
  // The member signs by typing their own name; the service compares it with the household.
  if (role == ApproverRole::kFamily && !f.errors().contains("signature") && (!signature || Trim(*signature).empty()))
    f.Error("signature", "required");
  if (role && role != ApproverRole::kFamily && signature) f.Error("signature", "budget_signature_only_for_family");
  RETURN_IF_ERROR(f.Finish());
  // Which role the caller may approve in is the policy's answer, never a role name here.
  const Action role_action = *role == ApproverRole::kCoach    ? Action::kBudgetApproveCoach
                             : *role == ApproverRole::kFamily ? Action::kBudgetApproveFamily
                                                              : Action::kBudgetApproveTeamLead;
  if (!call.Allowed(role_action)) return Status::Forbidden("budget_approve_role_forbidden");
  Approval a;
  a.role = *role;
  a.user_id = call.actor().user_id;
  a.name = call.actor().display_name;
  if (*role == ApproverRole::kFamily) {
    a.principal_kind = "family_member";  // the household member acts, on this device
    a.member_id = member_id;
    a.signature = std::string(Trim(*signature));
  }
  return RequestReply(call, 200, [&](db::Connection& tx) -> Result<Request> {
    call.AlsoAudit(role_action);
    return Approve(tx, call.family_id(), call.req.Param("rid"), a, override_reason, StaffWriter(call));
  });
}

Result<Reply> PostPayment(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"paid_on", "method"});
  auto paid_on = f.DateField("paid_on", true);
  auto method = f.String("method", true, 20);
  if (paid_on && *paid_on > TodayInAmsterdam(Now())) f.Error("paid_on", "date_in_future");
  const auto& methods = PaymentMethods();
  if (method && std::find(methods.begin(), methods.end(), *method) == methods.end())
    f.Error("method", "choose_one_of", {{"options", "bank_transfer, pin, cash, voucher"}});
  RETURN_IF_ERROR(f.Finish());
  return RequestReply(call, 200, [&](db::Connection& tx) {
    return Pay(tx, call.family_id(), call.req.Param("rid"), FormatDate(*paid_on), *method);
  });
}

Result<Reply> PutReceipt(Call& call) {
  // Checked before the transaction too, so an oversized or wrong file never waits for a writer.
  if (call.req.body.size() > kMaxReceiptBytes)
    return Status(Code::kPayloadTooLarge, "receipt_too_large", {{"max_bytes", std::to_string(kMaxReceiptBytes)}});
  if (!SniffReceiptType(call.req.body)) return Status(Code::kUnsupportedMediaType, "receipt_type_not_allowed");
  return RequestReply(call, 200, [&](db::Connection& tx) {
    return AttachReceipt(tx, call.family_id(), call.req.Param("rid"), call.req.body, call.actor().user_id);
  });
}

Result<Reply> GetReceipt(Call& call) {
  std::pair<std::string, std::string> file;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(file, BudgetRepo::GetReceipt(c, call.family_id(), call.req.Param("rid")));
    return Status::Ok();
  }));
  Reply reply;
  reply.content_type = file.first;
  reply.body = std::move(file.second);
  const std::string ext = file.first == "application/pdf" ? "pdf" : file.first == "image/png" ? "png" : "jpg";
  return reply.WithHeader("Content-Disposition", "attachment; filename=\"bon." + ext + "\"");
}

Result<Reply> PostCorrection(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"request_id", "reason"});
  auto request_id = f.String("request_id", true, 64);
  auto reason = f.String("reason", true, kMaxReasonChars);
  RETURN_IF_ERROR(f.Finish());
  return RequestReply(call, 201, [&](db::Connection& tx) {
    return Reverse(tx, call.family_id(), *request_id, *reason, StaffWriter(call));
  });
}

Result<Reply> PutPot(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"year", "amount_cents", "approval_threshold_cents", "categories"});
  PotInput in;
  in.organisation_id = call.actor().organisation_id;
  in.programme_id = call.req.Param("pid");
  in.year = f.Int("year", true, 2000, 2100).value_or(0);
  in.amount_cents = f.Int("amount_cents", true, -kAnyInt, kAnyInt).value_or(0);
  in.approval_threshold_cents = f.Int("approval_threshold_cents", false, 0, kMaxAmountCents);
  if (f.Present("categories")) {
    if (const Json* cats = f.Array("categories")) {
      std::vector<std::string> v;
      for (const auto& c : *cats)
        if (c.is_string()) v.push_back(c.get<std::string>());
        else f.Error("categories", "not_text");
      in.categories = v;
    }
  }
  RETURN_IF_ERROR(f.Finish());
  // A PUT creates the year's pot or changes it: If-Match is needed only for a change, so the
  // route cannot demand it up front; the service decides once it knows whether the pot exists.
  if (!Trim(call.req.header("If-Match")).empty()) {
    ASSIGN_OR_RETURN(in.if_match, http::RequireIfMatch(call.req));
  }
  Json out;
  int64_t version = 0;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(auto pot, SetPot(tx, in));
    out = PotJson(pot);
    version = pot.version;
    return Status::Ok();
  }));
  return Reply::Json(200, out).WithVersion(version);
}

Result<Reply> GetReport(Call& call) {
  int64_t year = TodayInAmsterdam(Now()).year;
  if (auto y = call.req.QueryValue("year"); y && !y->empty()) {
    char* end = nullptr;
    long v = std::strtol(y->c_str(), &end, 10);
    if (*end != '\0' || v < 2000 || v > 2100)
      return Status::InvalidField("year", "out_of_range", {{"min", "2000"}, {"max", "2100"}});
    year = v;
  }
  const std::string format = call.req.QueryValue("format").value_or("json");
  if (format != "json" && format != "csv" && format != "xlsx")
    return Status::InvalidField("format", "choose_one_of", {{"options", "json, csv, xlsx"}});
  Report rep;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(rep, ProgrammeReport(c, call.actor().organisation_id, call.req.Param("pid"), year));
    return Status::Ok();
  }));
  if (format == "csv") {
    Reply reply;
    reply.content_type = spreadsheet::kCsvType;
    reply.body = ReportCsv(rep);
    return reply.WithHeader("Content-Disposition", "attachment; filename=\"budget-" + std::to_string(year) + ".csv\"");
  }
  if (format == "xlsx") {
    ASSIGN_OR_RETURN(auto bytes, spreadsheet::ToXlsx(ReportSheets(rep)));
    Reply reply;
    reply.content_type = spreadsheet::kXlsxType;
    reply.body = std::move(bytes);
    return reply.WithHeader("Content-Disposition", "attachment; filename=\"budget-" + std::to_string(year) + ".xlsx\"");
  }
  return Reply::Json(200, ReportJson(rep));
}

}  // namespace

bool IsReceiptUploadPath(std::string_view path) {
  constexpr std::string_view prefix = "/api/v1/families/", suffix = "/receipt";
  return path.size() > prefix.size() + suffix.size() && path.starts_with(prefix) && path.ends_with(suffix) &&
         path.find("/budget/requests/") != std::string_view::npos;
}

void RegisterBudgetRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/families/{id}/budget", Action::kBudgetRead, Get});
  routes.Add({"POST", "/api/v1/families/{id}/budget/allocation", Action::kBudgetAllocate, PostAllocation});
  routes.Add({"POST", "/api/v1/families/{id}/budget/requests", Action::kBudgetRequestCreate, PostRequest});
  routes.Add({"POST", "/api/v1/families/{id}/budget/requests/{rid}/approvals", Action::kBudgetApprove, PostApproval});
  routes.Add({"POST", "/api/v1/families/{id}/budget/requests/{rid}/payments", Action::kBudgetPay, PostPayment});
  routes.Add({"PUT", "/api/v1/families/{id}/budget/requests/{rid}/receipt", Action::kBudgetReceiptUpload, PutReceipt});
  routes.Add({"GET", "/api/v1/families/{id}/budget/requests/{rid}/receipt", Action::kBudgetReceiptRead, GetReceipt});
  routes.Add({"POST", "/api/v1/families/{id}/budget/corrections", Action::kBudgetCorrect, PostCorrection});
  routes.Add({"PUT", "/api/v1/programmes/{pid}/budget-pot", Action::kBudgetPotManage, PutPot});
  routes.Add({"GET", "/api/v1/programmes/{pid}/budget-report", Action::kBudgetReport, GetReport});
}

}  // namespace kansrijk::budget
