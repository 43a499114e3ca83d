-- P6: what caseworkers and team leaders do all day, as a mix that misses caches: the team queue
-- with varied filters and pages, "my cases", and case pages of cases picked at random from the
-- whole set. Reads the session cookie from VG_BENCH_COOKIE and the case ids (one per line) from
-- VG_BENCH_CASES. Every request is a GET; nothing is written. With VG_BENCH_THINK_MS set, each
-- connection is one person who waits between pages (uniformly 0 to twice that many ms) instead
-- of asking again at once: 100 connections are then 100 people at work, not a flood.
local cookie = os.getenv("VG_BENCH_COOKIE")
local ids = {}
for line in io.lines(os.getenv("VG_BENCH_CASES")) do ids[#ids + 1] = line end

local filters = {
  "", "risk=high", "risk=medium", "unallocated=yes", "awaiting_consent=yes", "enhanced=yes",
  "channel=police", "local_authority=E08000012", "local_authority=E08000011&risk=standard",
  "possible_duplicate=yes", "mine=yes", "mine=yes&risk=high",
}

math.randomseed(os.time())

local think = tonumber(os.getenv("VG_BENCH_THINK_MS") or "")
if think then
  delay = function() return math.random(0, 2 * think) end
end

request = function()
  local path
  local roll = math.random(100)
  if roll <= 50 then
    path = "/cases/" .. ids[math.random(#ids)]
  else
    local f = filters[math.random(#filters)]
    path = "/cases?" .. f .. (f == "" and "" or "&") .. "page=" .. math.random(1, 40)
  end
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

local failures = 0
response = function(status)
  if status ~= 200 then failures = failures + 1 end
end
