-- wrk script: with a body file after `--`, POSTs one JSON body per request, rotating among the file's lines;
-- without one, sends the plain GET of the URL (the ceiling endpoint). Counts answers other than 200 and prints
-- one `wrk-result key=value ...` line for run.sh.
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

local bodies = {}
local turn = 1
not_ok = 0 -- global: done() reads it from each thread

function init(args)
  if args[1] == nil then
    return
  end
  local file = assert(io.open(args[1], "rb"), "cannot read body file " .. tostring(args[1]))
  for line in file:lines() do
    if #line > 0 then
      table.insert(bodies, line)
    end
  end
  file:close()
  assert(#bodies > 0, "the body file has no lines")
  turn = ((id - 1) * 7919) % #bodies + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  if #bodies == 0 then
    return wrk.format()
  end
  local body = bodies[turn]
  turn = turn % #bodies + 1
  return wrk.format(nil, nil, nil, body)
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
