-- A different address for each request: one picked at random from the file that WRK_PATHS
-- names (one path a line), as real browsing rarely asks for the same address twice.
-- Prints the result as wrk_report.lua does, which WRK_REPORT names.
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

-- The same one-line JSON report as every other measurement (defines done()).
dofile(os.getenv("WRK_REPORT"))
