-- wrk script: authenticated write, POST a new member to one family.
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
