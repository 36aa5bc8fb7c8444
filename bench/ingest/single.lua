-- wrk script: POSTs one transaction per request, rotating among the lines of the file given after `--`,
-- and paces each connection: after every answer it waits DELAY_MS (second argument, default 10; run.sh passes 7) before
-- the next request, so C connections offer about C * 1000 / (DELAY_MS + latency) requests/s. wrk measures
-- latency from sending to answer, so the wait is not counted. Counts answers other than 200 and prints one
-- `wrk-result key=value ...` line for run.sh.
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

local bodies = {}
local turn = 1
local pause_ms = 10
not_ok = 0 -- global: done() reads it from each thread

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

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_ok")
  end
  local errors = summary.errors
  io.write(string.format(
    "wrk-result requests=%d duration_us=%d not_ok=%d socket_errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, bad, errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
