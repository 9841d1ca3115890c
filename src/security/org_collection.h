#pragma once
// The three routes of a list an organisation keeps for itself (programmes,
// partner organisations): list, create and a versioned change, each scoped to
// the caller's organisation and audited by the pipeline. The feature gives its
// service functions and its JSON writer; the HTTP shape (201 with Location and
// ETag, 200 with ETag, a one-page list) lives here once.
#include <string>
#include <vector>

#include "security/pipeline.h"

namespace kansrijk::security {

template <class Item, class Fields> struct OrgCollection {
  std::string path; // "/api/v1/programmes"; items are at path + "/{id}"
  std::string
      resource_kind; // "programme": the audit row names "programme/<id>"
  Result<std::vector<Item>> (*list)(db::Connection &c,
                                    const std::string &organisation_id);
  Result<Fields> (*read_fields)(const http::Request &req, bool is_new);
  Result<Item> (*create)(db::Connection &tx, const std::string &organisation_id,
                         const Fields &fields);
  Result<Item> (*update)(db::Connection &tx, const std::string &organisation_id,
                         const std::string &id, int64_t expected_version,
                         const Fields &fields);
  http::Json (*to_json)(const Item &item);
};

template <class Item, class Fields>
void AddOrgCollectionRoutes(Routes &routes,
                            const OrgCollection<Item, Fields> &r, Action list,
                            Action create, Action update) {
  routes.Add(
      {"GET", r.path, list, [r](Call &call) -> Result<Reply> {
         std::vector<Item> items;
         RETURN_IF_ERROR(call.Read([&](db::Connection &c) -> Status {
           ASSIGN_OR_RETURN(items, r.list(c, call.actor().organisation_id));
           return Status::Ok();
         }));
         http::Json out = http::Json::array();
         for (const auto &item : items)
           out.push_back(r.to_json(item));
         return Reply::Json(200, {{"items", out}, {"next_cursor", nullptr}});
       }});
  routes.Add({"POST", r.path, create, [r](Call &call) -> Result<Reply> {
                ASSIGN_OR_RETURN(Fields fields, r.read_fields(call.req, true));
                Item created;
                RETURN_IF_ERROR(call.Write([&](db::Connection &tx) -> Status {
                  ASSIGN_OR_RETURN(
                      created,
                      r.create(tx, call.actor().organisation_id, fields));
                  call.resource = r.resource_kind + "/" + created.id;
                  return Status::Ok();
                }));
                return Reply::Json(201, r.to_json(created))
                    .WithVersion(created.version)
                    .WithLocation(r.path + "/" + created.id);
              }});
  routes.Add({"PATCH", r.path + "/{id}", update,
              [r](Call &call) -> Result<Reply> {
                ASSIGN_OR_RETURN(Fields fields, r.read_fields(call.req, false));
                const std::string id = call.req.Param("id");
                call.resource = r.resource_kind + "/" + id;
                Item updated;
                RETURN_IF_ERROR(call.Write([&](db::Connection &tx) -> Status {
                  // Scoped by the caller's organisation: another organisation's
                  // item is not found.
                  ASSIGN_OR_RETURN(updated,
                                   r.update(tx, call.actor().organisation_id,
                                            id, call.if_match(), fields));
                  return Status::Ok();
                }));
                return Reply::Json(200, r.to_json(updated))
                    .WithVersion(updated.version);
              },
              /*needs_version=*/true});
}

} // namespace kansrijk::security
