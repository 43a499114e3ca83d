-- wrk script: the directory bench mix through the Open Referral API, 22,540 distinct searches
-- (every crime type and family x every local authority of the three areas, by code or by an
-- illustrative postcode x two pages x ten texts), so no cache can hold the answers.
-- The paths come from the file VG_BENCH_MIX names, which build/bench/directory_search_mix writes
-- from the same data files the product reads (tests/support/directory_search_mix.h).
local path = os.getenv("VG_BENCH_MIX")
assert(path, "set VG_BENCH_MIX to the file build/bench/directory_search_mix printed")
local queries = {}
for line in io.lines(path) do
  if line ~= "" then queries[#queries + 1] = line end
end
assert(#queries >= 20000, "the mix should hold at least 20,000 searches")

-- Each wrk thread starts at its own place and steps by a prime, so the 64 connections are never
-- asking the same search at the same moment, and a run of a few seconds still spans the mix.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7727)
end

local i = nil
request = function()
  if i == nil then i = (start or 0) % #queries end
  i = (i + 104729) % #queries
  return wrk.format("GET", queries[i + 1])
end
