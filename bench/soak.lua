-- wrk script for the soak (bench/run-soak, tests/integration/http/soak.test.mjs): what people do
-- at once, mixed. Every VG_SOAK_CREATE_EVERY-th request (default 5) is a police referral create
-- (a fresh crime reference each time, key VG_BENCH_KEY); the rest walk the paths in VG_BENCH_PATHS
-- (directory searches through the API and as /find-support pages) so no cache holds them.
-- VG_SOAK_RATE (requests a second over all VG_SOAK_CONNECTIONS connections and VG_SOAK_THREADS wrk
-- threads; 0 or unset: as fast as they can) paces each connection with wrk's delay(). Responses other than 2xx are counted by
-- wrk ("Non-2xx or 3xx responses").
local path = os.getenv("VG_BENCH_PATHS")
assert(path, "set VG_BENCH_PATHS to a file of paths, one a line")
local paths = {}
for line in io.lines(path) do
  if line ~= "" then paths[#paths + 1] = line end
end
assert(#paths > 0, "no paths in " .. path)
local key = os.getenv("VG_BENCH_KEY") or ""
local create_every = tonumber(os.getenv("VG_SOAK_CREATE_EVERY") or "5")
local rate = tonumber(os.getenv("VG_SOAK_RATE") or "0")
local connections = tonumber(os.getenv("VG_SOAK_CONNECTIONS") or "16")
local wrk_threads = tonumber(os.getenv("VG_SOAK_THREADS") or "2")
-- This thread's share of the rate, and the wait between requests on each of its connections that
-- would make it if answers took no time. Answers do take time, so the wait is corrected once a
-- second from what was really sent: shorter when short of the share, longer when over it.
local share = rate / wrk_threads
local gap_ms = rate > 0 and (connections / wrk_threads) * 1000 / share or 0
local second, sent = os.time(), 0

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local n = 0
request = function()
  n = n + 1
  if create_every > 0 and key ~= "" and n % create_every == 0 then
    local body = string.format([[{"channel":"police","area":"merseyside","reported_to_police":true,"police_force_code":"E23000004","crime_reference":"SOAK-%d-%d-%d","incident_date":"2026-11-20","date_reported":"2026-11-21","offence_category":"burglary_residential","local_authority":"E08000012","victim":{"type":"person","name":"Soak Person %d","age":40},"consent":{"basis":"explicit_consent","captured_by":"police:E23000004","captured_at":"2026-11-21T10:00:00Z","method":"police_form"}}]],
      tid or 0, n, os.time(), n)
    return wrk.format("POST", "/api/v1/referrals",
      {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}, body)
  end
  local i = ((tid or 0) * 7727 + n * 104729) % #paths
  return wrk.format("GET", paths[i + 1])
end

function delay()
  if rate <= 0 then return 0 end
  local now = os.time()
  if now ~= second then
    if sent < share then gap_ms = gap_ms * 0.8 else gap_ms = gap_ms * 1.1 + 1 end
    second, sent = now, 0
  end
  sent = sent + 1
  return math.floor(gap_ms)
end
