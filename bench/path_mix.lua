-- wrk script for bench/run and bench/run-pages: walks the paths in the file VG_BENCH_PATHS (one a
-- line: the directory mix as API searches or as /find-support pages, service pages, or
-- self-referral question pages), so no cache can hold the answers. VG_BENCH_COOKIE, when set, is sent as the Cookie header (the self-referral
-- draft that question pages need).
local path = os.getenv("VG_BENCH_PATHS")
assert(path, "set VG_BENCH_PATHS to a file of paths, one a line")
local paths = {}
for line in io.lines(path) do
  if line ~= "" then paths[#paths + 1] = line end
end
assert(#paths > 0, "no paths in " .. path)
local cookie = os.getenv("VG_BENCH_COOKIE")
local headers = {}
if cookie and cookie ~= "" then headers["Cookie"] = cookie end

-- Each wrk thread starts at its own place and steps by a prime, so the 64 connections are never
-- asking for the same path at the same moment, and a run of a few seconds still spans the mix.
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 7727)
end

local i = nil
request = function()
  if i == nil then i = (start or 0) % #paths end
  i = (i + 104729) % #paths
  return wrk.format("GET", paths[i + 1], headers)
end
