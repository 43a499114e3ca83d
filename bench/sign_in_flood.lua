-- wrk script: staff sign-ins, all posted at once, as a flood of people (or a script) would.
-- The form token is the double-submit one derived from a fixed pre-session cookie, so every
-- request is a valid sign-in form; bench/run-sign-in-flood passes the cookie, token and
-- credentials in the environment. Counts answers by status for the summary line.
local cookie = os.getenv("VG_BENCH_PRESESSION")
local token = os.getenv("VG_BENCH_CSRF")
local email = os.getenv("VG_BENCH_EMAIL")
local password = os.getenv("VG_BENCH_PASSWORD")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "vg_presession=" .. cookie
wrk.body = "csrf_token=" .. token .. "&email=" .. email .. "&password=" .. password

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  signed_in, busy, other = 0, 0, 0
end

function response(status, headers, body)
  if status == 303 then
    signed_in = signed_in + 1
  elseif status == 503 or status == 429 then
    busy = busy + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local s, b, o = 0, 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("signed_in")
    b = b + t:get("busy")
    o = o + t:get("other")
  end
  io.write(string.format("SIGN_INS %d %d %d\n", s, b, o))
end
