-- wrk script: POSTs one transaction per request, rotating among the lines of the file given after `--`,
-- and paces each connection: after every answer it waits DELAY_MS (second argument, default 10; run.sh passes 7) before
-- the next request, so C connections offer about C * 1000 / (DELAY_MS + latency) requests/s. wrk measures
-- latency from sending to answer, so the wait is not counted. Counts answers other than 200 and prints one
-- `wrk-result key=value ...` line for run.sh.
dofile("bench/wrk-result.lua") -- setup, response, done: thread ids, not_ok, the wrk-result line

local bodies = {}
local turn = 1
local pause_ms = 10

function init(args)
  local file = assert(io.open(args[1], "rb"), "cannot read body file " .. tostring(args[1]))
  for line in file:lines() do
    if #line > 0 then
      table.insert(bodies, line)
    end
  end
  file:close()
  assert(#bodies > 0, "the body file has no lines")
  pause_ms = tonumber(args[2] or "10")
  -- Threads start far apart in the file so they do not post the same transaction at the same moment.
  turn = ((id - 1) * 7919) % #bodies + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = bodies[turn]
  turn = turn % #bodies + 1
  return wrk.format(nil, nil, nil, body)
end

function delay()
  return pause_ms
end
