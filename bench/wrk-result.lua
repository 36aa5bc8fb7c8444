-- What every wrk script of bench/ shares, loaded first with dofile("bench/wrk-result.lua") (run.sh scripts run
-- from the repository root): numbers the threads (each thread's `id`), counts answers other than 200 (the
-- global `not_ok` of each thread) and, when wrk is done, prints the one
-- `wrk-result requests=.. duration_us=.. not_ok=.. socket_errors=.. p50_us=.. p90_us=.. p99_us=.. max_us=..`
-- line the scripts read (bench/lib.sh: field NAME LINE).
local threads = {}
local next_id = 0
not_ok = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
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
