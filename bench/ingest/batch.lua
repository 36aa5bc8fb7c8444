-- wrk script: POSTs pre-generated JSON arrays (the files given after `--`) in turn, one per request, and
-- counts answers other than 200. Each thread starts at a different body so concurrent requests differ.
-- Prints one `wrk-result key=value ...` line for run.sh.
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
  for _, path in ipairs(args) do
    local file = assert(io.open(path, "rb"), "cannot read body file " .. path)
    table.insert(bodies, file:read("*a"))
    file:close()
  end
  assert(#bodies > 0, "give the body files after --")
  turn = (id - 1) % #bodies + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
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
