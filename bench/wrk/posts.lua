-- wrk script: GET /api/v1/posts?page=N&size=20 with N cycling over 1..50 (each thread starts at a different
-- page), with the session cookie from LF_COOKIE; prints the same summary line as report.lua.
local cookie = os.getenv("LF_COOKIE")
local pages = tonumber(os.getenv("LF_PAGES") or "50")
local counter = 0
local threads = 0

setup = function(thread)
  thread:set("offset", threads * 17)
  threads = threads + 1
end

init = function(args)
  counter = offset or 0
end

request = function()
  counter = counter + 1
  local page = (counter % pages) + 1
  return wrk.format("GET", "/api/v1/posts?page=" .. page .. "&size=20", { ["Cookie"] = cookie })
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("LF_RESULT rps=%.1f p50_us=%d p99_us=%d max_us=%d requests=%d errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), latency.max,
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
