-- A different address for each request: one picked at random from the file that WRK_PATHS
-- names (one path a line), as real browsing rarely asks for the same address twice.
-- Prints the result as one JSON line, as wrk_report.lua does.
local paths = {}
local threads = 0

-- Each thread draws its own sequence of addresses.
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end

init = function(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() * 100 + id)
end

request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "errors": %d, "p50": %.2f, "p95": %.2f, "p99": %.2f}\n',
    summary.requests, summary.duration / 1e6, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
