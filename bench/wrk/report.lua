-- wrk script: plain GET of the URL given on the command line, with the session cookie from LF_COOKIE,
-- and a machine-readable summary line for bench/api.sh.
local cookie = os.getenv("LF_COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("LF_RESULT rps=%.1f p50_us=%d p99_us=%d max_us=%d requests=%d errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), latency.max,
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
