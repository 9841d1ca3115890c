-- wrk script: authenticated write, POST a new member to a family picked at random from
-- BENCH_FAMILY_IDS (comma-separated), or to BENCH_PATH when no ids are given.
-- Session cookie, CSRF token and path come from the environment (set by bench/run.sh),
-- because wrk passes no arguments to the script's top level.
local cookie = os.getenv("BENCH_COOKIE") or error("BENCH_COOKIE not set")
local csrf = os.getenv("BENCH_CSRF") or error("BENCH_CSRF not set")
local path = os.getenv("BENCH_PATH")

wrk.method = "POST"
if path and path ~= "" then wrk.path = path end
wrk.body = '{"given_name":"Bench","sex":"unknown","household_role":"other"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = cookie
wrk.headers["X-CSRF-Token"] = csrf

local ids = {}
for id in string.gmatch(os.getenv("BENCH_FAMILY_IDS") or "", "[^,]+") do ids[#ids + 1] = id end
if #ids > 0 then
  request = function()
    return wrk.format(nil, "/api/v1/families/" .. ids[math.random(#ids)] .. "/members")
  end
end
