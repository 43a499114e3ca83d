-- wrk script for P2: POST /api/v1/referrals with a fresh crime reference each time, so every
-- request creates a referral (no duplicates). The API key comes from VG_BENCH_KEY.
local counter = 0
-- setup() runs in wrk's main Lua state and numbers the threads; each thread reads its number
-- from the global `tid` that thread:set() gives it (a local of the same name would hide it, and
-- every thread would then send the same crime references: duplicates, not creates).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("VG_BENCH_KEY")
end
request = function()
  counter = counter + 1
  local body = string.format([[{"channel":"police","area":"merseyside","reported_to_police":true,"police_force_code":"E23000004","crime_reference":"BENCH-%d-%d-%d","incident_date":"2026-11-20","date_reported":"2026-11-21","offence_category":"burglary_residential","flags":{"domestic_abuse":%s},"local_authority":"E08000012","victim":{"type":"person","name":"Bench Person %d","age":40},"consent":{"basis":"explicit_consent","captured_by":"police:E23000004","captured_at":"2026-11-21T10:00:00Z","method":"police_form"}}]],
    tid, counter, os.time(), (counter % 5 == 0) and "true" or "false", counter)
  return wrk.format(nil, nil, nil, body)
end
