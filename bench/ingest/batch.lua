-- wrk script: POSTs pre-generated JSON arrays (the files given after `--`) in turn, one per request, and
-- counts answers other than 200. Each thread starts at a different body so concurrent requests differ.
-- Prints one `wrk-result key=value ...` line for run.sh.
dofile("bench/wrk-result.lua") -- setup, response, done: thread ids, not_ok, the wrk-result line

local bodies = {}
local turn = 1

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
